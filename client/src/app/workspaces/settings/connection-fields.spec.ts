import type { WorkspaceOdooDto } from '@contracts/workspaces';
import {
  connectionProblem,
  fieldsFrom,
  keepsSavedSecret,
  parseCompanyIds,
  toConnectionRequest,
} from './connection-fields';

const SAVED: WorkspaceOdooDto = {
  url: 'https://acme.odoo.com',
  publicUrl: null,
  database: 'acme',
  login: 'api@acme.example',
  transport: 'auto',
  companyIds: [1, 3],
  hasSecret: true,
  lastCheck: null,
  source: 'workspace',
};

describe('connection fields', () => {
  it('starts from the saved connection, with an empty secret', () => {
    expect(fieldsFrom(SAVED)).toEqual({
      url: 'https://acme.odoo.com',
      database: 'acme',
      login: 'api@acme.example',
      secret: '',
      transport: 'auto',
      publicUrl: '',
      companyIds: '1, 3',
    });
  });

  it('reads company ids separated by commas or spaces; blank means every company', () => {
    expect(parseCompanyIds('1, 3 4,,3')).toEqual([1, 3, 4]);
    expect(parseCompanyIds('  ')).toBeNull();
    expect(parseCompanyIds('1, two')).toBeUndefined();
    expect(parseCompanyIds('0')).toBeUndefined();
    expect(parseCompanyIds('-2')).toBeUndefined();
  });

  it('keeps the saved secret only for the same origin', () => {
    expect(keepsSavedSecret(SAVED, 'https://acme.odoo.com/')).toBe(true);
    expect(keepsSavedSecret(SAVED, 'https://acme.odoo.com/odoo')).toBe(true);
    expect(keepsSavedSecret(SAVED, 'http://acme.odoo.com')).toBe(false);
    expect(keepsSavedSecret(SAVED, 'https://evil.example')).toBe(false);
    expect(keepsSavedSecret({ ...SAVED, hasSecret: false }, 'https://acme.odoo.com')).toBe(false);
    expect(keepsSavedSecret(null, 'https://acme.odoo.com')).toBe(false);
  });

  it('asks for what is missing, one thing at a time', () => {
    const fields = fieldsFrom(SAVED);
    expect(connectionProblem(fields, SAVED)).toBeNull();
    expect(connectionProblem({ ...fields, url: 'ftp://acme' }, SAVED)).toContain('https://');
    expect(connectionProblem({ ...fields, database: ' ' }, SAVED)).toContain('database');
    expect(connectionProblem({ ...fields, login: '' }, SAVED)).toContain('login');
    expect(connectionProblem({ ...fields, url: 'https://other.example' }, SAVED)).toContain('enter the API key again');
    expect(connectionProblem(fields, null)).toContain('Enter the API key');
    expect(connectionProblem({ ...fields, publicUrl: 'acme' }, SAVED)).toContain('public address');
    expect(connectionProblem({ ...fields, companyIds: 'all' }, SAVED)).toContain('Company ids');
  });

  it('leaves the secret out of the request when none was typed, so the server keeps the saved one', () => {
    const request = toConnectionRequest({ ...fieldsFrom(SAVED), url: ' https://acme.odoo.com ', publicUrl: ' ' });
    expect(request).toEqual({
      url: 'https://acme.odoo.com',
      database: 'acme',
      login: 'api@acme.example',
      transport: 'auto',
      publicUrl: null,
      companyIds: [1, 3],
    });
    expect('secret' in request).toBe(false);
    expect(toConnectionRequest({ ...fieldsFrom(SAVED), secret: 'k3y', companyIds: '' })).toMatchObject({
      secret: 'k3y',
      companyIds: null,
    });
  });
});
