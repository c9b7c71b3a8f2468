/** Odoo language codes offered for a workspace (Odoo spells them with an underscore). */
export const ODOO_LANGUAGES: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'en_US', label: 'English (US)' },
  { code: 'en_GB', label: 'English (UK)' },
  { code: 'de_DE', label: 'Deutsch' },
  { code: 'es_ES', label: 'Español' },
  { code: 'fr_FR', label: 'Français' },
  { code: 'it_IT', label: 'Italiano' },
  { code: 'nl_NL', label: 'Nederlands' },
  { code: 'pl_PL', label: 'Polski' },
  { code: 'pt_BR', label: 'Português (Brasil)' },
  { code: 'pt_PT', label: 'Português' },
  { code: 'sv_SE', label: 'Svenska' },
  { code: 'ja_JP', label: '日本語' },
  { code: 'zh_CN', label: '简体中文' },
];

export const DEFAULT_LANGUAGE = 'en_US';
export const DEFAULT_TIME_ZONE = 'UTC';

/** The browser's time zone (IANA), or UTC when it does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
export function timeZoneOptions(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(DEFAULT_TIME_ZONE) ? zones : [DEFAULT_TIME_ZONE, ...zones];
}

/** The offered Odoo language closest to a browser locale ("fr-CA" → fr_FR), else English. */
export function languageForLocale(locale: string | null | undefined): string {
  if (!locale) {
    return DEFAULT_LANGUAGE;
  }
  const [language = '', region = ''] = locale.split(/[-_]/);
  const exact = `${language.toLowerCase()}_${region.toUpperCase()}`;
  const codes = ODOO_LANGUAGES.map((option) => option.code);
  return (
    codes.find((code) => code === exact) ??
    codes.find((code) => code.startsWith(`${language.toLowerCase()}_`)) ??
    DEFAULT_LANGUAGE
  );
}

/** The language options, with the workspace's own code added when it is not among them. */
export function languageOptions(current: string | null): ReadonlyArray<{ code: string; label: string }> {
  if (!current || ODOO_LANGUAGES.some((option) => option.code === current)) {
    return ODOO_LANGUAGES;
  }
  return [...ODOO_LANGUAGES, { code: current, label: current }];
}
