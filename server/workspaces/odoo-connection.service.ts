import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { writeAudit } from '../audit/audit-log';
import type { SessionUser } from '../auth/session-user';
import { SecretBox } from '../common/secret-box';
import { badBody } from '../common/request-body';
import { CompanyViewEviction } from '../company-view/company-view-eviction';
import { AppConfig } from '../config/app-config';
import { ODOO_URL_REFUSED_PREFIX } from '../contracts/errors';
import type { OdooCheckResponse, OdooConnectionRequest, WorkspaceOdooDto } from '../contracts/workspaces';
import { publicOdooUrl, PublicUrlError } from '../odoo/odoo-links';
import { AddressRefusedError, assertUrlAllowed, type AddressRules } from '../odoo/outbound-addresses';
import { Tenant } from '../tenant/tenant.entity';
import { clearTenantOdoo, findTenant, lastCheckOf, setTenantOdoo } from '../tenant/tenant-admin';
import { TenantService, type Membership } from '../tenant/tenant.service';
import { type CheckedCandidate, ConnectionChecker } from './connection-checker';
import { odooDto } from './workspace-views';

/**
 * A workspace's Odoo connection through the API: saved (URL checked against the outgoing address
 * rules, secret encrypted and never returned), removed, or checked without saving. Saving or removing
 * drops the cached dashboard at once, on this instance directly and on the others by notification.
 */
@Injectable()
export class OdooConnectionService {
  private readonly secrets: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly tenants: TenantService,
    private readonly eviction: CompanyViewEviction,
    private readonly checker: ConnectionChecker,
  ) {
    this.secrets = new SecretBox(config.secretsKey);
  }

  private get rules(): AddressRules {
    return { allowPrivate: this.config.odoo.allowPrivateHosts };
  }

  async save(membership: Membership, user: SessionUser, body: OdooConnectionRequest): Promise<WorkspaceOdooDto> {
    const { tenantId } = membership.tenant;
    const url = await this.allowedUrl(body.url);
    const publicUrl = body.publicUrl ? checkedPublicUrl(body.publicUrl) : null;
    const row = await this.db.transaction(async (tx) => {
      const stored = await findTenant(tx, tenantId);
      // Checked, not used: setTenantOdoo keeps the stored secret when none is sent.
      if (body.secret === undefined) keptSecret(stored, url, this.secrets);
      const saved = await setTenantOdoo(
        tx,
        this.secrets,
        tenantId,
        {
          url: body.url,
          database: body.database,
          login: body.login,
          secret: body.secret,
          transport: body.transport ?? 'auto',
          companyIds: body.companyIds ?? null,
          publicUrl,
        },
        'api',
      );
      const details = { host: url.host, database: body.database, transport: saved.odooTransport, secretChanged: body.secret !== undefined };
      await writeAudit(tx, { actor: user, tenantId, action: 'connection.saved', details });
      return saved;
    });
    await this.changed(tenantId);
    return odooDto(row);
  }

  async remove(membership: Membership, user: SessionUser): Promise<WorkspaceOdooDto> {
    const { tenantId } = membership.tenant;
    const row = await this.db.transaction(async (tx) => {
      const before = await findTenant(tx, tenantId);
      const cleared = await clearTenantOdoo(tx, tenantId);
      const details = { host: before.odooUrl ? new URL(before.odooUrl).host : null, database: before.odooDatabase };
      await writeAudit(tx, { actor: user, tenantId, action: 'connection.removed', details });
      return cleared;
    });
    await this.changed(tenantId);
    return odooDto(row);
  }

  /** The candidate in the body, else the stored connection (as the dashboard would use it); nothing is saved. */
  async check(membership: Membership, user: SessionUser, candidate: OdooConnectionRequest | null): Promise<OdooCheckResponse> {
    const { tenantId, name } = membership.tenant;
    const stored = await findTenant(this.db.manager, tenantId);
    const connection = candidate
      ? this.checker.candidateConnection(stored, await this.checkedCandidate(stored, candidate), this.rules)
      : this.checker.storedConnection(stored);
    const report = await this.checker.check(tenantId, connection, !candidate);
    await this.db.transaction(async (tx) => {
      if (!candidate) await tx.update(Tenant, { id: tenantId }, { odooLastCheck: lastCheckOf(report) });
      const details = {
        verdict: report.verdict,
        candidate: candidate !== null,
        host: new URL(connection.url).host,
        version: report.version?.serverVersion ?? null,
      };
      await writeAudit(tx, { actor: user, tenantId, action: 'connection.checked', details });
    });
    return { tenantId, name, ...report };
  }

  private async checkedCandidate(stored: Tenant, candidate: OdooConnectionRequest): Promise<CheckedCandidate> {
    const url = await this.allowedUrl(candidate.url);
    const secret = candidate.secret ?? keptSecret(stored, url, this.secrets);
    return { request: candidate, url: candidate.url, secret, publicUrl: candidate.publicUrl ? checkedPublicUrl(candidate.publicUrl) : null };
  }

  private async changed(tenantId: string): Promise<void> {
    this.tenants.forget(tenantId);
    await this.eviction.evict(tenantId);
  }

  private async allowedUrl(value: string): Promise<URL> {
    try {
      return await assertUrlAllowed(value, this.rules);
    } catch (e) {
      if (e instanceof AddressRefusedError) throw new BadRequestException(`${ODOO_URL_REFUSED_PREFIX}: ${e.reason}`);
      throw e;
    }
  }
}

/**
 * The secret a connection without one in the body keeps: the stored one, which only ever goes to the
 * server it was saved for (pointing the URL elsewhere must come with the secret, or an admin could
 * send it to any host), and only if this server can still decrypt it.
 */
function keptSecret(stored: Tenant, url: URL, secrets: SecretBox): string {
  if (!stored.odooSecret) throw badBody('secret is required: no secret is stored for this workspace yet');
  if (!stored.odooUrl || new URL(stored.odooUrl).origin !== url.origin) throw badBody('secret is required when the Odoo server changes');
  const secret = secrets.openOrNull(stored.odooSecret);
  if (secret === null) throw badBody("secret is required: the stored one can't be read with this server's SECRETS_KEY");
  return secret;
}

function checkedPublicUrl(value: string): string {
  try {
    return publicOdooUrl(value);
  } catch (e) {
    if (e instanceof PublicUrlError) throw badBody(`publicUrl ${e.message}`);
    throw e;
  }
}
