import { parseVersion } from './odoo-version';

describe('parseVersion', () => {
  it('reads an Enterprise package version', () => {
    expect(parseVersion({ server_version: '17.0+e-20240709', server_serie: '17.0', server_version_info: [17, 0, 0, 'final', 0, ''] })).toEqual({
      serverVersion: '17.0+e-20240709',
      serverSerie: '17.0',
      major: 17,
      minor: 0,
      edition: 'enterprise',
    });
  });

  it('reads a Community package version', () => {
    const v = parseVersion({ server_version: '18.0-20250702', server_serie: '18.0' });
    expect([v.major, v.minor, v.edition]).toEqual([18, 0, 'community']);
  });

  it('reads an Odoo Online version whose major is a string', () => {
    const v = parseVersion({ server_version: 'saas~17.4+e', server_serie: 'saas~17.4', server_version_info: ['saas~17', 4, 0, 'final', 0, 'e'] });
    expect([v.major, v.minor, v.edition, v.serverSerie]).toEqual([17, 4, 'enterprise', 'saas~17.4']);
  });

  it('says unknown when nothing tells the edition (a source checkout)', () => {
    expect(parseVersion({ server_version: '16.0', server_serie: '16.0' }).edition).toBe('unknown');
  });

  it('takes the edition from version_info when the version string has no marker', () => {
    expect(parseVersion({ server_version: 'saas~18.1', server_version_info: ['saas~18', 1, 0, 'final', 0, 'e'] }).edition).toBe('enterprise');
  });

  it('reads the JSON-2 /web/version shape (no serie)', () => {
    const v = parseVersion({ version: '19.0+e-20251227', version_info: [19, 0, 0, 'final', 0, ''] });
    expect([v.major, v.minor, v.serverSerie, v.edition]).toEqual([19, 0, '19.0', 'enterprise']);
  });

  it('reads a pre-release', () => {
    const v = parseVersion({ server_version: '19.0a1', server_serie: '19.0' });
    expect([v.major, v.minor]).toEqual([19, 0]);
  });

  it('throws on something that is not a version', () => {
    expect(() => parseVersion({ server_version: 'banana' })).toThrow();
  });
});
