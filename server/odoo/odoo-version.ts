import type { OdooVersionInfo } from './odoo-client';

/** What Odoo's `version()` (XML-RPC common) or `/web/version` (19+) answers; all fields optional. */
export interface RawVersion {
  server_version?: unknown;
  server_serie?: unknown;
  server_version_info?: unknown;
  version?: unknown;
  version_info?: unknown;
}

/**
 * Parses a version answer. The major can be a string on Odoo Online ("saas~17.4"), so we read the numbers
 * with a regex instead of trusting version_info[0].
 */
export function parseVersion(raw: RawVersion): OdooVersionInfo {
  const serverVersion = versionText(raw.server_version ?? raw.version);
  const serie = versionText(raw.server_serie) || serieOf(serverVersion);
  const match = /(\d+)\.(\d+)/.exec(serie) ?? /(\d+)\.(\d+)/.exec(serverVersion);
  if (!match) throw new Error('Unrecognised Odoo version');
  return {
    serverVersion,
    serverSerie: serie,
    major: Number(match[1]),
    minor: Number(match[2]),
    edition: editionOf(serverVersion, raw.server_version_info ?? raw.version_info),
  };
}

/** A version field as text; anything but a string or a number (a fault, a struct) reads as absent. */
function versionText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** "saas~17.4+e-20240101" → "saas~17.4"; "17.0-20240709" → "17.0". */
function serieOf(version: string): string {
  return /^(?:saas~)?\d+\.\d+/.exec(version)?.[0] ?? version;
}

/**
 * Enterprise packages append "+e" to the version (and Odoo Online may put "e" in version_info[5]).
 * A dated build without it is a Community package; a bare "17.0" (a source checkout) could be either.
 */
function editionOf(version: string, info: unknown): OdooVersionInfo['edition'] {
  if (/\+e\b/.test(version) || (Array.isArray(info) && info[5] === 'e')) return 'enterprise';
  if (/-\d{8}\b/.test(version)) return 'community';
  return 'unknown';
}
