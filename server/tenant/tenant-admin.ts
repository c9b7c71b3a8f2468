import type { EntityManager } from 'typeorm';
import type { TenantRole } from '../contracts/tenant';
import type { OdooTransport } from '../odoo/odoo-connection';
import { SecretBox } from '../common/secret-box';
import type { OdooCheckReport } from '../odoo/odoo-check';
import { type OdooLastCheck, Tenant } from './tenant.entity';
import { TenantMember } from './tenant-member.entity';
import { isUuid } from './tenant-errors';
import { publicOdooUrl, PublicUrlError } from '../odoo/odoo-links';

// Tenant administration outside HTTP (admin CLI, demo seed). Each function runs inside the
// caller's transaction; the table triggers tell running servers about every change.

export class TenantAdminError extends Error {}

export async function createTenant(
  tx: EntityManager,
  input: { name: string; isActive?: boolean; timeZone?: string; lang?: string; odooDatabase?: string | null; createdVia?: 'cli' | 'api' },
): Promise<Tenant> {
  const name = input.name.trim();
  if (!name) throw new TenantAdminError('Tenant name must not be empty');
  if (input.timeZone) assertTimeZone(input.timeZone);
  if (input.lang !== undefined) assertLang(input.lang);
  return tx.save(
    tx.create(Tenant, {
      name,
      isActive: input.isActive ?? true,
      timeZone: input.timeZone ?? 'UTC',
      lang: input.lang ?? 'en_US',
      odooDatabase: input.odooDatabase ?? null,
      createdVia: input.createdVia ?? 'cli',
    }),
  );
}

export async function findTenant(tx: EntityManager, id: string): Promise<Tenant> {
  if (!isUuid(id)) throw new TenantAdminError(`"${id}" is not a valid tenant id (expected a UUID)`);
  const tenant = await tx.findOneBy(Tenant, { id });
  if (!tenant) throw new TenantAdminError(`No tenant with id ${id}`);
  return tenant;
}

export async function updateTenant(tx: EntityManager, id: string, changes: Partial<Pick<Tenant, 'isActive' | 'timeZone' | 'lang' | 'name'>>): Promise<Tenant> {
  const tenant = await findTenant(tx, id);
  if (changes.timeZone) assertTimeZone(changes.timeZone);
  if (changes.lang !== undefined) assertLang(changes.lang);
  if (changes.name !== undefined) {
    changes = { ...changes, name: changes.name.trim() };
    if (!changes.name) throw new TenantAdminError('Tenant name must not be empty');
  }
  Object.assign(tenant, changes);
  return tx.save(tenant);
}

export interface OdooSettingsInput {
  url: string;
  database: string;
  login: string;
  /** Through the API, undefined keeps the stored secret. */
  secret: string | undefined;
  transport: OdooTransport;
  companyIds: number[] | null;
  /** Where users open this Odoo, when it differs from `url`. */
  publicUrl?: string | null;
}

export async function setTenantOdoo(tx: EntityManager, box: SecretBox, id: string, input: OdooSettingsInput, via: 'cli' | 'api' = 'cli'): Promise<Tenant> {
  const tenant = await findTenant(tx, id);
  const keepSecret = via === 'api' && input.secret === undefined && tenant.odooSecret !== null;
  try {
    const url = new URL(input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new TenantAdminError(`"${input.url}" is not an http(s) URL`);
  }
  if (!input.database || !input.login || !(input.secret || keepSecret)) throw new TenantAdminError('Database, login and secret are all required');
  const publicUrl = input.publicUrl ? checkedPublicUrl(input.publicUrl) : null;
  Object.assign(tenant, {
    odooUrl: input.url,
    odooDatabase: input.database,
    odooLogin: input.login,
    odooSecret: input.secret ? box.seal(input.secret) : tenant.odooSecret,
    odooTransport: input.transport,
    odooCompanyIds: input.companyIds,
    odooPublicUrl: publicUrl,
    odooLastCheck: null,
    odooSetVia: via,
  });
  return tx.save(tenant);
}

/**
 * Forgets the tenant's own Odoo connection: a workspace made through the API is then not connected;
 * a tenant made with the CLI reads from the server's connection again.
 */
export async function clearTenantOdoo(tx: EntityManager, id: string): Promise<Tenant> {
  const tenant = await findTenant(tx, id);
  // A CLI tenant keeps its database name: in demo mode it names the demo Odoo's database it falls back to.
  const keptDatabase = tenant.createdVia === 'cli' ? tenant.odooDatabase : null;
  Object.assign(tenant, {
    odooUrl: null,
    odooLogin: null,
    odooSecret: null,
    odooPublicUrl: null,
    odooLastCheck: null,
    odooSetVia: null,
    odooDatabase: keptDatabase,
  });
  return tx.save(tenant);
}

export async function addMember(tx: EntityManager, input: { userId: string; tenantId: string; isDefault?: boolean; role?: TenantRole }): Promise<TenantMember> {
  await findTenant(tx, input.tenantId);
  const existing = await tx.findOneBy(TenantMember, { userId: input.userId, tenantId: input.tenantId });
  if (existing) throw new TenantAdminError('That user is already a member of this tenant');
  if (input.isDefault) await tx.update(TenantMember, { userId: input.userId, isDefault: true }, { isDefault: false });
  return tx.save(
    tx.create(TenantMember, {
      userId: input.userId,
      tenantId: input.tenantId,
      isDefault: input.isDefault ?? false,
      role: input.role ?? 'member',
    }),
  );
}

export async function removeMember(tx: EntityManager, userId: string, tenantId: string): Promise<void> {
  await findTenant(tx, tenantId);
  const result = await tx.delete(TenantMember, { userId, tenantId });
  if (!result.affected) throw new TenantAdminError('That user is not a member of this tenant');
}

function checkedPublicUrl(value: string): string {
  try {
    return publicOdooUrl(value);
  } catch (err) {
    if (err instanceof PublicUrlError) throw new TenantAdminError(`The public URL ${err.message}`);
    throw err;
  }
}

function assertLang(lang: string): void {
  if (!/^[a-z]{2,3}(_[A-Z]{2})?(@\w+)?$/.test(lang)) throw new TenantAdminError(`"${lang}" is not an Odoo language code (e.g. en_US, fr_FR)`);
}

function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new TenantAdminError(`"${zone}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
}

export const TENANT_ROLES: readonly TenantRole[] = ['owner', 'admin', 'member'];

/** What `tenant:list` and GET /api/tenants/:tenantId show of a connection check, as of now. */
export function lastCheckOf(report: Pick<OdooCheckReport, 'verdict' | 'problems'>): OdooLastCheck {
  const summary = report.verdict === 'ok' ? 'ok' : report.problems.map((p) => p.message).join('; ');
  return { at: new Date().toISOString(), ok: report.verdict !== 'failed', summary: `${report.verdict}: ${summary}` };
}
