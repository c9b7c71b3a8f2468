import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretBox } from '../common/secret-box';
import type { DemoOdooServer } from '../demo-odoo/demo-odoo.types';
import type { OdooConnection } from '../odoo/odoo-connection';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import { checkOdooConnection, type OdooCheckReport } from '../odoo/odoo-check';
import { RpcOdooClient } from '../odoo/rpc-odoo-client';
import { Tenant } from '../tenant/tenant.entity';
import { findTenant, lastCheckOf } from '../tenant/tenant-admin';
import { tenantOdooSettings } from '../tenant/tenant-odoo-settings';
import { DEMO_ODOO_RUN_FILE } from '../runtime';
import type { CliContext } from './cli-context';
import { CliError, out, say } from './cli-io';
import type { ParsedCommand } from './commands';

/** `odoo:check`: probes each target's Odoo, prints a verdict per target, exits 1 if any is not usable. */
export async function checkOdoo(ctx: CliContext, { positionals, flags }: ParsedCommand): Promise<void> {
  const targets = Number(Boolean(flags.env)) + Number(Boolean(flags.all)) + Number(positionals.length > 0);
  if (targets !== 1 || positionals.length > 1) throw new CliError('odoo:check takes exactly one of: <tenantId>, --env, --all');
  const demo = await demoOdooFor(ctx);
  const client = new RpcOdooClient(ctx.config);
  const resolver = new OdooConnectionResolver(ctx.config, demo.url);
  try {
    let failed = false;
    if (flags.env) {
      const conn = resolver.environmentConnection();
      if (!conn) throw new CliError('No environment connection: set ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD');
      failed = !report('environment', await checkOdooConnection(client, conn), { target: 'env' });
    } else {
      const tenants = flags.all ? await ctx.db.getRepository(Tenant).find({ order: { name: 'ASC' } }) : [await findTenant(ctx.db.manager, positionals[0])];
      for (const tenant of tenants) {
        const ok = await checkTenant(ctx, client, resolver, tenant);
        failed ||= !ok;
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    client.onApplicationShutdown();
    await demo.started?.close();
  }
}

async function checkTenant(ctx: CliContext, client: RpcOdooClient, resolver: OdooConnectionResolver, tenant: Tenant): Promise<boolean> {
  let conn: OdooConnection;
  try {
    conn = resolver.resolve({ tenantId: tenant.id, lang: tenant.lang, odoo: tenantOdooSettings(tenant, new SecretBox(ctx.config.secretsKey)) });
  } catch (e) {
    say(`${tenant.name}: ${(e as Error).message}`);
    out({ tenantId: tenant.id, name: tenant.name, verdict: 'failed', problems: [{ message: (e as Error).message }] });
    return false;
  }
  const result = await checkOdooConnection(client, conn);
  await ctx.db.getRepository(Tenant).update(tenant.id, { odooLastCheck: lastCheckOf(result) });
  return report(tenant.name, result, { tenantId: tenant.id, name: tenant.name });
}

/** Human lines on stderr, one JSON line on stdout; true when the connection is usable. */
function report(label: string, result: OdooCheckReport, identity: object): boolean {
  const version = result.version ? `Odoo ${result.version.serverVersion} (${result.version.edition})` : 'version unknown';
  say(`${label}: ${result.verdict.toUpperCase()} — ${version}, transport ${result.transport ?? 'n/a'}, ${result.url} db ${result.database}`);
  for (const m of result.models) {
    const state = m.available === null ? 'not checked' : m.available ? `available, ${m.count} records, ${m.latencyMs} ms` : 'not installed';
    say(`  ${m.model.padEnd(16)} ${state}`);
  }
  for (const p of result.problems) say(`  ${p.severity === 'error' ? 'ERROR' : 'warning'}: ${p.message} — ${p.hint}`);
  out({ ...identity, ...result });
  return result.verdict !== 'failed';
}

/** In demo mode, check against the running server's demo Odoo, or start one for the duration of the check. */
async function demoOdooFor(ctx: CliContext): Promise<{ url: string | null; started: DemoOdooServer | null }> {
  if (!ctx.config.odoo.demoMode) return { url: null, started: null };
  const runFile = join(ctx.config.dataDir, DEMO_ODOO_RUN_FILE);
  if (existsSync(runFile)) {
    const { url, pid } = JSON.parse(readFileSync(runFile, 'utf8')) as { url: string; pid: number };
    if (isAlive(pid)) return { url, started: null };
  }
  const { startDemoOdoo } = require('../demo-odoo') as typeof import('../demo-odoo');
  const started = await startDemoOdoo({ port: 0 });
  return { url: started.url, started };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
