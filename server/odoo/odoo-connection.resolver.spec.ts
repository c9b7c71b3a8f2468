import { AppConfig } from '../config/app-config';
import { OdooConnectionResolver } from './odoo-connection.resolver';
import { OdooError } from './odoo-errors';
import { SECRET_UNREADABLE_MESSAGE, type TenantOdooSettings } from './odoo-settings';

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
      ...odoo,
    },
  });
}

const none: TenantOdooSettings = { url: null, database: null, login: null, secret: null, transport: 'auto', companyIds: null, publicUrl: null };
const own: TenantOdooSettings = {
  url: 'https://erp.acme.test',
  database: 'prod',
  login: 'api',
  secret: 's3cret',
  transport: 'xmlrpc',
  companyIds: [2, 1],
  publicUrl: null,
};
const env = { url: 'https://env.test', database: 'envdb', username: 'bot', password: 'envpass', transport: 'auto' as const, companyIds: null, publicUrl: null };
const tenant = (odoo: TenantOdooSettings, lang = 'fr_FR') => ({ tenantId: 't1', lang, odoo });

describe('OdooConnectionResolver', () => {
  it("uses the tenant's own connection when it has a URL", () => {
    const conn = new OdooConnectionResolver(config({ env, demoMode: true }), 'http://127.0.0.1:9').resolve(tenant(own));
    expect(conn).toMatchObject({ url: own.url, database: 'prod', login: 'api', secret: 's3cret', transport: 'xmlrpc', companyIds: [2, 1], lang: 'fr_FR' });
  });

  it('maps a database-only tenant to the demo Odoo in demo mode', () => {
    const resolver = new OdooConnectionResolver(config({ demoMode: true }), 'http://127.0.0.1:8069');
    const conn = resolver.resolve(tenant({ ...none, database: 'globex' }));
    expect(conn).toMatchObject({ url: 'http://127.0.0.1:8069', database: 'globex', login: 'api@globex.example', secret: 'demo-secret-globex' });
  });

  it('falls back to the environment connection outside demo mode', () => {
    const resolver = new OdooConnectionResolver(config({ env }), null);
    expect(resolver.resolve(tenant({ ...none, database: 'globex' }))).toMatchObject({ url: env.url, database: 'envdb', login: 'bot', secret: 'envpass' });
    expect(resolver.resolve(tenant(none))).toMatchObject({ url: env.url });
  });

  it('links to the public URL when one is set, else to the connection URL without its credentials', () => {
    const resolver = new OdooConnectionResolver(config({ env: { ...env, url: 'https://bot:pw@env.test/' }, demoMode: true }), 'http://127.0.0.1:8069');
    expect(resolver.resolve(tenant(own)).publicUrl).toBe('https://erp.acme.test');
    expect(resolver.resolve(tenant({ ...own, publicUrl: 'https://odoo.acme.com' })).publicUrl).toBe('https://odoo.acme.com');
    expect(resolver.resolve(tenant({ ...none, database: 'globex' })).publicUrl).toBe('http://127.0.0.1:8069/db/globex');
    expect(resolver.environmentConnection()?.publicUrl).toBe('https://env.test');
    const withPublic = new OdooConnectionResolver(config({ env: { ...env, publicUrl: 'https://odoo.example.com' } }), null);
    expect(withPublic.environmentConnection()?.publicUrl).toBe('https://odoo.example.com');
  });

  it('throws a clear OdooError when nothing is configured', () => {
    const resolver = new OdooConnectionResolver(config({}), null);
    expect(() => resolver.resolve(tenant(none))).toThrow(new OdooError('odoo-error', 'No Odoo connection is configured for this tenant'));
    expect(resolver.environmentConnection()).toBeNull();
  });

  it('refuses a tenant URL without credentials', () => {
    const resolver = new OdooConnectionResolver(config({}), null);
    expect(() => resolver.resolve(tenant({ ...own, secret: null }))).toThrow(OdooError);
  });

  it('says why a tenant whose stored secret could not be decrypted reads nothing', () => {
    const resolver = new OdooConnectionResolver(config({ env }), null);
    const unreadable = { ...own, secret: null, secretUnreadable: true };
    expect(() => resolver.resolve(tenant(unreadable))).toThrow(new OdooError('odoo-error', SECRET_UNREADABLE_MESSAGE));
  });

  it('gives the environment connection the configured language', () => {
    expect(new OdooConnectionResolver(config({ env, lang: 'de_DE' }), null).environmentConnection()).toMatchObject({ lang: 'de_DE', login: 'bot' });
  });

  it('changes the key when any connection setting changes, and never shows the secret in it', () => {
    const resolver = new OdooConnectionResolver(config({}), null);
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
