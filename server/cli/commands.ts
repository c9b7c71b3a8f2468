import type { EntityManager } from 'typeorm';
import { SecretBox } from '../common/secret-box';
import type { TenantRole } from '../contracts/tenant';
import type { OdooTransport } from '../odoo/odoo-connection';
import { createUser, disableUser, setOperator, setPassword, userIdByEmail } from '../auth/user-admin';
import { Tenant } from '../tenant/tenant.entity';
import { TenantMember } from '../tenant/tenant-member.entity';
import { addMember, createTenant, removeMember, setTenantOdoo, TENANT_ROLES, updateTenant } from '../tenant/tenant-admin';
import type { CliContext } from './cli-context';
import { CliError, out, readStdin } from './cli-io';
import { checkOdoo } from './odoo-check.command';

export interface ParsedCommand {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

export interface CommandSpec {
  usage: string;
  /** Flags taking a value; every other known flag is a switch. */
  valueFlags?: string[];
  switches?: string[];
  positionals: number;
  run(ctx: CliContext, cmd: ParsedCommand): Promise<void>;
}

const inTransaction = <T>(ctx: CliContext, work: (tx: EntityManager) => Promise<T>) => ctx.db.transaction(work);

export const COMMANDS: Record<string, CommandSpec> = {
  'user:create': {
    usage: 'user:create <email> --password-stdin [--name N]',
    valueFlags: ['name'],
    switches: ['password-stdin'],
    positionals: 1,
    async run(ctx, { positionals: [email], flags }) {
      const password = await passwordFromStdin(flags);
      const passwords = await ctx.passwords();
      out(await inTransaction(ctx, (tx) => createUser(passwords, tx, { email, password, name: flags.name as string | undefined })));
    },
  },
  'user:set-password': {
    usage: 'user:set-password <email> --password-stdin',
    switches: ['password-stdin'],
    positionals: 1,
    async run(ctx, { positionals: [email], flags }) {
      const password = await passwordFromStdin(flags);
      const passwords = await ctx.passwords();
      const { userId, revokedSessions } = await inTransaction(ctx, (tx) => setPassword(passwords, tx, email, password));
      out({ userId, email: email.toLowerCase(), passwordChanged: true, revokedSessions });
    },
  },
  'user:disable': {
    usage: 'user:disable <email>',
    positionals: 1,
    async run(ctx, { positionals: [email] }) {
      const result = await inTransaction(ctx, (tx) => disableUser(tx, email));
      out({ ...result, email: email.toLowerCase(), disabled: true });
    },
  },
  'user:set-operator': {
    usage: 'user:set-operator <email> [--off]',
    switches: ['off'],
    positionals: 1,
    async run(ctx, { positionals: [email], flags }) {
      const isOperator = !flags.off;
      out({ ...(await inTransaction(ctx, (tx) => setOperator(tx, email, isOperator))), isOperator });
    },
  },
  'tenant:create': {
    usage: 'tenant:create <name> [--inactive] [--time-zone Z] [--lang L]',
    valueFlags: ['time-zone', 'lang'],
    switches: ['inactive'],
    positionals: 1,
    async run(ctx, { positionals: [name], flags }) {
      const tenant = await inTransaction(ctx, (tx) =>
        createTenant(tx, {
          name,
          isActive: !flags.inactive,
          timeZone: flags['time-zone'] as string | undefined,
          lang: flags.lang as string | undefined,
        }),
      );
      out(tenantLine(tenant));
    },
  },
  'tenant:deactivate': activation(false),
  'tenant:activate': activation(true),
  'tenant:set': {
    usage: 'tenant:set <tenantId> [--time-zone Z] [--lang L] [--name N]',
    valueFlags: ['time-zone', 'lang', 'name'],
    positionals: 1,
    async run(ctx, { positionals: [id], flags }) {
      const changes = {
        ...(flags['time-zone'] ? { timeZone: flags['time-zone'] as string } : {}),
        ...(flags.lang ? { lang: flags.lang as string } : {}),
        ...(flags.name ? { name: flags.name as string } : {}),
      };
      if (!Object.keys(changes).length) throw new CliError('Nothing to change: give --time-zone, --lang or --name');
      out(tenantLine(await inTransaction(ctx, (tx) => updateTenant(tx, id, changes))));
    },
  },
  'tenant:list': {
    usage: 'tenant:list',
    positionals: 0,
    async run(ctx) {
      const tenants = await ctx.db.getRepository(Tenant).find({ order: { name: 'ASC' } });
      const counts: Array<{ tenantId: string; members: string }> = await ctx.db.query(
        'SELECT "tenantId", count(*) AS members FROM "tenantMember" GROUP BY "tenantId"',
      );
      const members = new Map(counts.map((c) => [c.tenantId, Number(c.members)]));
      for (const tenant of tenants) out({ ...tenantLine(tenant), members: members.get(tenant.id) ?? 0 });
    },
  },
  'tenant:set-odoo': {
    usage: 'tenant:set-odoo <tenantId> --url U --db D --login L --secret-stdin [--transport auto|xmlrpc|json2] [--company-ids 1,2] [--public-url U]',
    valueFlags: ['url', 'db', 'login', 'transport', 'company-ids', 'public-url'],
    switches: ['secret-stdin'],
    positionals: 1,
    async run(ctx, { positionals: [id], flags }) {
      for (const name of ['url', 'db', 'login']) if (!flags[name]) throw new CliError(`tenant:set-odoo needs --${name}`);
      if (!flags['secret-stdin']) throw new CliError('tenant:set-odoo needs --secret-stdin (secrets are never taken from the command line)');
      const transport = (flags.transport ?? 'auto') as OdooTransport;
      if (!['auto', 'xmlrpc', 'json2'].includes(transport)) throw new CliError('--transport must be auto, xmlrpc or json2');
      const companyIds = parseCompanyIds(flags['company-ids']);
      const secret = await readStdin();
      const box = new SecretBox(ctx.config.secretsKey);
      const tenant = await inTransaction(ctx, (tx) =>
        setTenantOdoo(tx, box, id, {
          url: flags.url as string,
          database: flags.db as string,
          login: flags.login as string,
          secret,
          transport,
          companyIds,
          publicUrl: (flags['public-url'] as string | undefined) ?? null,
        }),
      );
      out(tenantLine(tenant));
    },
  },
  'member:add': {
    usage: 'member:add <email> <tenantId> [--default] [--role owner|admin|member]',
    valueFlags: ['role'],
    switches: ['default'],
    positionals: 2,
    async run(ctx, { positionals: [email, tenantId], flags }) {
      const role = (flags.role ?? 'member') as TenantRole;
      if (!TENANT_ROLES.includes(role)) throw new CliError(`--role must be one of ${TENANT_ROLES.join(', ')}`);
      const member = await inTransaction(ctx, async (tx) =>
        addMember(tx, { userId: await userIdByEmail(tx, email), tenantId, isDefault: Boolean(flags.default), role }),
      );
      out(memberLine(member, email));
    },
  },
  'member:remove': {
    usage: 'member:remove <email> <tenantId>',
    positionals: 2,
    async run(ctx, { positionals: [email, tenantId] }) {
      const userId = await inTransaction(ctx, async (tx) => {
        const id = await userIdByEmail(tx, email);
        await removeMember(tx, id, tenantId);
        return id;
      });
      out({ userId, email: email.toLowerCase(), tenantId, removed: true });
    },
  },
  'odoo:check': {
    usage: 'odoo:check <tenantId> | --env | --all',
    switches: ['env', 'all'],
    positionals: -1,
    run: checkOdoo,
  },
};

function activation(isActive: boolean): CommandSpec {
  return {
    usage: `tenant:${isActive ? 'activate' : 'deactivate'} <tenantId>`,
    positionals: 1,
    async run(ctx, { positionals: [id] }) {
      out(tenantLine(await inTransaction(ctx, (tx) => updateTenant(tx, id, { isActive }))));
    },
  };
}

async function passwordFromStdin(flags: ParsedCommand['flags']): Promise<string> {
  if (!flags['password-stdin']) throw new CliError('Give --password-stdin and pipe the password in (passwords are never taken from the command line)');
  return readStdin();
}

function parseCompanyIds(value: unknown): number[] | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^\d+(,\d+)*$/.test(value)) throw new CliError('--company-ids must be comma-separated ids, e.g. 1,2');
  return value.split(',').map(Number);
}

function tenantLine(tenant: Tenant) {
  return {
    tenantId: tenant.id,
    name: tenant.name,
    isActive: tenant.isActive,
    timeZone: tenant.timeZone,
    lang: tenant.lang,
    odoo: {
      url: tenant.odooUrl,
      database: tenant.odooDatabase,
      login: tenant.odooLogin,
      transport: tenant.odooTransport,
      companyIds: tenant.odooCompanyIds,
      publicUrl: tenant.odooPublicUrl,
      hasSecret: Boolean(tenant.odooSecret),
      lastCheck: tenant.odooLastCheck,
    },
  };
}

function memberLine(member: TenantMember, email: string) {
  return { userId: member.userId, email: email.toLowerCase(), tenantId: member.tenantId, isDefault: member.isDefault, role: member.role };
}
