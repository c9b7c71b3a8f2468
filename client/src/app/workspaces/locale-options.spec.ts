import { languageForLocale, languageOptions, ODOO_LANGUAGES } from './locale-options';

describe('locale options', () => {
  it("picks the Odoo language of the browser's locale, its language's first region, else English", () => {
    expect(languageForLocale('fr-FR')).toBe('fr_FR');
    expect(languageForLocale('pt-BR')).toBe('pt_BR');
    expect(languageForLocale('fr-CA')).toBe('fr_FR');
    expect(languageForLocale('en-GB')).toBe('en_GB');
    expect(languageForLocale('fi-FI')).toBe('en_US');
    expect(languageForLocale(undefined)).toBe('en_US');
  });

  it("adds a workspace's own language when it is not offered, so saving keeps it", () => {
    expect(languageOptions('de_DE')).toBe(ODOO_LANGUAGES);
    expect(languageOptions('ca_ES').at(-1)).toEqual({ code: 'ca_ES', label: 'ca_ES' });
  });
});
