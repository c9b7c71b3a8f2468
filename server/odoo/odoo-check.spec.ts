import { checkOdooConnection } from './odoo-check';
import { OdooClient, type OdooFieldInfo, type OdooRecord, type OdooVersionInfo } from './odoo-client';
import type { OdooConnection } from './odoo-connection';
import { OdooError } from './odoo-errors';

/** A stand-in Odoo with a fixed set of installed models; every other model is "not installed". */
class FakeOdoo extends OdooClient {
  readonly countCalls: string[] = [];
  constructor(
    private readonly installed: Record<string, number>,
    private readonly options: { major?: number; versionError?: OdooError; failOn?: [string, OdooError]; transport?: 'xmlrpc' | 'json2' } = {},
  ) {
    super();
  }
  version(): Promise<OdooVersionInfo> {
    if (this.options.versionError) return Promise.reject(this.options.versionError);
    const major = this.options.major ?? 17;
    return Promise.resolve({ serverVersion: `${major}.0+e`, serverSerie: `${major}.0`, major, minor: 0, edition: 'enterprise' });
  }
  groupSums(): Promise<never> {
    return Promise.reject(new Error('the check never reads groups'));
  }
  fieldsGet(_c: OdooConnection, model: string): Promise<Record<string, OdooFieldInfo>> {
    if (this.options.failOn?.[0] === model) return Promise.reject(this.options.failOn[1]);
    if (!(model in this.installed)) return Promise.reject(new OdooError('module-missing', `Model ${model} not found`, { model }));
    return Promise.resolve({ name: { type: 'char' } });
  }
  searchCount(_c: OdooConnection, model: string): Promise<number> {
    this.countCalls.push(model);
    return Promise.resolve(this.installed[model]);
  }
  searchRead(): Promise<OdooRecord[]> {
    return Promise.resolve([]);
  }
  read(): Promise<OdooRecord[]> {
    return Promise.resolve([]);
  }
  forget(): void {}
  transportFor(): Promise<'xmlrpc' | 'json2'> {
    return Promise.resolve(this.options.transport ?? 'xmlrpc');
  }
}

const conn: OdooConnection = {
  key: 'k',
  url: 'https://erp.test',
  database: 'prod',
  login: 'api',
  secret: 'hidden',
  transport: 'auto',
  lang: 'en_US',
  companyIds: null,
  publicUrl: 'https://odoo.example',
};
const all = { 'account.move': 12, 'crm.lead': 3, 'project.task': 9, 'helpdesk.ticket': 4, 'product.product': 40 };

describe('checkOdooConnection', () => {
  it('reports ok with counts when every model is there', async () => {
    const report = await checkOdooConnection(new FakeOdoo(all), conn);
    expect(report.verdict).toBe('ok');
    expect(report.problems).toEqual([]);
    expect(report.models.map((m) => [m.model, m.available, m.count])).toEqual(Object.entries(all).map(([m, n]) => [m, true, n]));
    expect(report.models.every((m) => typeof m.latencyMs === 'number')).toBe(true);
    expect(report.version?.major).toBe(17);
    expect(report.transport).toBe('xmlrpc');
    expect(JSON.stringify(report)).not.toContain('hidden');
  });

  it('is degraded when an app is missing, with a hint naming the app', async () => {
    const { 'helpdesk.ticket': _, ...community } = all;
    const report = await checkOdooConnection(new FakeOdoo(community), conn);
    expect(report.verdict).toBe('degraded');
    expect(report.models.find((m) => m.model === 'helpdesk.ticket')).toMatchObject({ available: false, count: null });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'module-missing', model: 'helpdesk.ticket' });
    expect(report.problems[0].hint).toContain('Helpdesk');
  });

  it('fails and stops probing on bad credentials, so no more logins are attempted', async () => {
    const client = new FakeOdoo(all, { failOn: ['account.move', new OdooError('auth-failed', 'Odoo authentication failed')] });
    const report = await checkOdooConnection(client, conn);
    expect(report.verdict).toBe('failed');
    expect(client.countCalls).toEqual([]);
    expect(report.models.slice(1).every((m) => m.available === null)).toBe(true);
    expect(report.problems[0].code).toBe('auth-failed');
    expect(report.problems[0].hint).toContain('password or API key');
  });

  it('fails with a fix hint when Odoo is unreachable or answers HTML', async () => {
    const unreachable = await checkOdooConnection(new FakeOdoo(all, { versionError: new OdooError('network', 'Network error: ECONNREFUSED') }), conn);
    expect(unreachable.verdict).toBe('failed');
    expect(unreachable.problems[0].hint).toContain('unreachable');
    const proxy = await checkOdooConnection(new FakeOdoo(all, { versionError: new OdooError('bad-response', 'HTML') }), conn);
    expect(proxy.problems[0].hint).toContain('proxy');
  });

  it('tells a json2 connection with bad credentials that JSON-2 needs an API key', async () => {
    const client = new FakeOdoo(all, { major: 19, failOn: ['account.move', new OdooError('auth-failed', 'Odoo authentication failed')] });
    const report = await checkOdooConnection(client, { ...conn, transport: 'json2' });
    expect(report.problems[0].hint).toContain('API key');
  });

  it('warns when auto mode reads Odoo 19 over XML-RPC because the secret is a password', async () => {
    const report = await checkOdooConnection(new FakeOdoo(all, { major: 19, transport: 'xmlrpc' }), conn);
    expect(report.verdict).toBe('degraded');
    expect(report.problems).toEqual([expect.objectContaining({ code: 'api-key-needed', severity: 'warning' })]);
    const withKey = await checkOdooConnection(new FakeOdoo(all, { major: 19, transport: 'json2' }), conn);
    expect(withKey.verdict).toBe('ok');
  });

  it('mentions the login cooldown', async () => {
    const client = new FakeOdoo(all, { failOn: ['account.move', new OdooError('login-cooldown', 'wait')] });
    expect((await checkOdooConnection(client, conn)).problems[0].hint).toContain('wait a minute');
  });
});
