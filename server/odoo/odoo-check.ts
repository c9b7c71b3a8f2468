import { performance } from 'node:perf_hooks';
import type { OdooClient, OdooVersionInfo } from './odoo-client';
import type { OdooConnection } from './odoo-connection';
import { isOdooError, OdooError, type OdooErrorCode } from './odoo-errors';

/** The models the company view reads, with the Odoo app that provides each. */
const CHECKED_MODELS: ReadonlyArray<{ model: string; app: string }> = [
  { model: 'account.move', app: 'Invoicing' },
  { model: 'crm.lead', app: 'CRM' },
  { model: 'project.task', app: 'Project' },
  { model: 'helpdesk.ticket', app: 'Helpdesk (Enterprise only)' },
  { model: 'product.product', app: 'Inventory or Sales' },
];

export interface OdooCheckModel {
  model: string;
  app: string;
  /** null when the check stopped before reaching this model. */
  available: boolean | null;
  /** Records visible to the user (search_count over everything). */
  count: number | null;
  latencyMs: number | null;
}

export type OdooCheckProblemCode = OdooErrorCode | 'api-key-needed';

export interface OdooCheckProblem {
  code: OdooCheckProblemCode;
  severity: 'error' | 'warning';
  model?: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface OdooCheckReport {
  /** ok: everything readable; degraded: some sections will be empty or a warning; failed: nothing readable. */
  verdict: 'ok' | 'degraded' | 'failed';
  url: string;
  database: string;
  login: string;
  version: OdooVersionInfo | null;
  transport: 'xmlrpc' | 'json2' | null;
  models: OdooCheckModel[];
  problems: OdooCheckProblem[];
}

/** Errors after which probing further models is pointless (and, for logins, harmful). */
const FATAL: ReadonlySet<OdooErrorCode> = new Set(['auth-failed', 'login-cooldown', 'network', 'timeout', 'bad-response']);

/** Probes one connection the way the company view will use it and says what to fix. */
export async function checkOdooConnection(client: OdooClient, conn: OdooConnection): Promise<OdooCheckReport> {
  const report: OdooCheckReport = {
    verdict: 'ok',
    url: conn.url,
    database: conn.database,
    login: conn.login,
    version: null,
    transport: null,
    models: CHECKED_MODELS.map(({ model, app }) => ({ model, app, available: null, count: null, latencyMs: null })),
    problems: [],
  };
  try {
    report.version = await client.version(conn);
  } catch (e) {
    report.problems.push(problemFor(toOdooError(e), conn));
    return finish(report);
  }
  for (const entry of report.models) {
    const stop = await probeModel(client, conn, entry, report.problems);
    if (stop) break;
  }
  report.transport = client.transportFor ? await client.transportFor(conn).catch(() => null) : null;
  if (conn.transport === 'auto' && report.transport === 'xmlrpc' && report.version.major >= 19) {
    report.problems.push({
      code: 'api-key-needed',
      severity: 'warning',
      message: `Odoo ${report.version.major} is read over XML-RPC because the secret is a password`,
      hint: 'Odoo deprecates XML-RPC from version 19. Create an API key for this user (Preferences > Account Security) and use it as the secret, so the JSON-2 API is used.',
    });
  }
  return finish(report);
}

/** Returns true when the check should stop. */
async function probeModel(client: OdooClient, conn: OdooConnection, entry: OdooCheckModel, problems: OdooCheckProblem[]): Promise<boolean> {
  try {
    await client.fieldsGet(conn, entry.model, ['type']);
    entry.available = true;
    const started = performance.now();
    entry.count = await client.searchCount(conn, entry.model, []);
    entry.latencyMs = Math.round(performance.now() - started);
    return false;
  } catch (e) {
    const error = toOdooError(e);
    if (error.code === 'module-missing') entry.available = false;
    problems.push(problemFor(error, conn, entry));
    return FATAL.has(error.code);
  }
}

function finish(report: OdooCheckReport): OdooCheckReport {
  const errors = report.problems.filter((p) => p.severity === 'error');
  const nothingRead = !report.models.some((m) => m.count !== null);
  if (errors.length && nothingRead) report.verdict = 'failed';
  else if (report.problems.length) report.verdict = 'degraded';
  return report;
}

function problemFor(error: OdooError, conn: OdooConnection, entry?: OdooCheckModel): OdooCheckProblem {
  return { code: error.code, severity: 'error', model: entry?.model, message: error.message, hint: hintFor(error, conn, entry) };
}

function hintFor(error: OdooError, conn: OdooConnection, entry?: OdooCheckModel): string {
  switch (error.code) {
    case 'auth-failed':
      return conn.transport === 'json2'
        ? 'The JSON-2 API accepts API keys only: create one for this user in Odoo (Preferences > Account Security) and use it as the secret, or switch the transport to xmlrpc.'
        : 'Check the database name, the login and the password or API key. Users with two-factor authentication need an API key.';
    case 'login-cooldown':
      return 'Odoo is refusing logins from this IP after repeated failures. Fix the credentials, wait a minute, then retry.';
    case 'module-missing':
      return `Install the ${entry?.app ?? 'missing'} app in Odoo, or accept that its section stays empty.`;
    case 'access-denied':
      return `Give the Odoo user read access to ${entry?.model ?? 'this model'} (and to the companies it should see).`;
    case 'timeout':
      return 'Odoo did not answer in time. Check its load, or raise ODOO_TIMEOUT_MS.';
    case 'network':
      return 'Odoo is unreachable. Check the URL, DNS, firewall and TLS certificate, and that Odoo is running.';
    case 'bad-response':
      return 'Something other than Odoo answered (an HTML error page from a proxy, a crashed worker, a wrong path). Check the URL and the proxy in front of Odoo.';
    default:
      return 'Odoo reported an error; its server log has the details.';
  }
}

function toOdooError(e: unknown): OdooError {
  return isOdooError(e) ? e : new OdooError('odoo-error', 'Unexpected failure while checking Odoo', { cause: e });
}
