import { AppConfig } from '../config/app-config';
import { OdooConnectionResolver } from './odoo-connection.resolver';
import { OdooError } from './odoo-errors';
import type { TenantOdooSettings } from './odoo-settings';

function config(odoo: Partial<AppConfig['odoo']>): AppConfig {
  return Object.assign(new AppConfig(), {
    odoo: {
      env: null,
      lang: 'en_US',
      timeoutMs: 1000,
      authBackoffMs: 1000,
      maxResponseBytes: 1024 * 1024,
      demoMode: false,
      demoPort: 0,
      demoUrl: null,
      ...odoo,
    },
  });
}

const none: TenantOdooSettings = { url: null, database: null, login: null, secret: null, transport: 'auto', companyIds: null };
const own: TenantOdooSettings = { url: 'https://erp.acme.test', database: 'prod', login: 'api', secret: 's3cret', transport: 'xmlrpc', companyIds: [2, 1] };
const env = { url: 'https://env.test', database: 'envdb', username: 'bot', password: 'envpass', transport: 'auto' as const, companyIds: null };
const tenant = (odoo: TenantOdooSettings, lang = 'fr_FR') => ({ tenantId: 't1', lang, odoo });

describe('OdooConnectionResolver', () => {
  it("uses the tenant's own connection when it has a URL", () => {
    const conn = new OdooConnectionResolver(config({ env, demoMode: true, demoUrl: 'http://127.0.0.1:9' })).resolve(tenant(own));
    expect(conn).toMatchObject({ url: own.url, database: 'prod', login: 'api', secret: 's3cret', transport: 'xmlrpc', companyIds: [2, 1], lang: 'fr_FR' });
  });

  it('maps a database-only tenant to the demo Odoo in demo mode', () => {
    const resolver = new OdooConnectionResolver(config({ demoMode: true, demoUrl: 'http://127.0.0.1:8069' }));
    const conn = resolver.resolve(tenant({ ...none, database: 'globex' }));
    expect(conn).toMatchObject({ url: 'http://127.0.0.1:8069', database: 'globex', login: 'api@globex.example', secret: 'demo-secret-globex' });
  });

  it('falls back to the environment connection outside demo mode', () => {
    const resolver = new OdooConnectionResolver(config({ env }));
    expect(resolver.resolve(tenant({ ...none, database: 'globex' }))).toMatchObject({ url: env.url, database: 'envdb', login: 'bot', secret: 'envpass' });
    expect(resolver.resolve(tenant(none))).toMatchObject({ url: env.url });
  });

  it('throws a clear OdooError when nothing is configured', () => {
    const resolver = new OdooConnectionResolver(config({}));
    expect(() => resolver.resolve(tenant(none))).toThrow(new OdooError('odoo-error', 'No Odoo connection is configured for this tenant'));
    expect(resolver.environmentConnection()).toBeNull();
  });

  it('refuses a tenant URL without credentials', () => {
    const resolver = new OdooConnectionResolver(config({}));
    expect(() => resolver.resolve(tenant({ ...own, secret: null }))).toThrow(OdooError);
  });

  it('gives the environment connection the configured language', () => {
    expect(new OdooConnectionResolver(config({ env, lang: 'de_DE' })).environmentConnection()).toMatchObject({ lang: 'de_DE', login: 'bot' });
  });

  it('changes the key when any connection setting changes, and never shows the secret in it', () => {
    const resolver = new OdooConnectionResolver(config({}));
    const base = resolver.resolve(tenant(own)).key;
    const variants: Array<Partial<TenantOdooSettings>> = [
      { url: 'https://other.test' },
      { database: 'other' },
      { login: 'other' },
      { secret: 'other' },
      { transport: 'json2' },
      { companyIds: [1] },
      { companyIds: null },
    ];
    for (const change of variants) expect(resolver.resolve(tenant({ ...own, ...change })).key).not.toBe(base);
    expect(resolver.resolve(tenant(own, 'de_DE')).key).toBe(base);
    expect(base).not.toContain('s3cret');
  });
});
