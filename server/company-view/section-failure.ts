import type { CompanyViewSectionKey, SectionError, SectionErrorKind } from '../contracts/company-view';
import type { OdooErrorCode } from '../odoo/odoo-errors';
import { isOdooError } from '../odoo/odoo-errors';

/** A section the aggregator stopped waiting for (its own timeout or the total budget). */
export class SectionTimeoutError extends Error {
  constructor(
    readonly section: CompanyViewSectionKey,
    readonly afterMs: number,
  ) {
    super(`${section} timeout after ${afterMs}ms`);
    this.name = 'SectionTimeoutError';
  }
}

export interface SectionFailure {
  error: SectionError;
  kind: SectionErrorKind;
}

const KIND_BY_CODE: Record<OdooErrorCode, SectionErrorKind> = {
  'module-missing': 'module-missing',
  'auth-failed': 'auth',
  'login-cooldown': 'auth',
  'access-denied': 'access-denied',
  timeout: 'timeout',
  network: 'network',
  'bad-response': 'bad-response',
  'odoo-error': 'odoo-error',
  'not-connected': 'not-connected',
};

/**
 * What the client is told about a failed section. Odoo errors keep their message (the client
 * family never puts a secret in one); anything else is a bug on our side, so the client gets a
 * generic line and the details stay in the log.
 */
export function describeFailure(section: CompanyViewSectionKey, err: unknown): SectionFailure {
  if (err instanceof SectionTimeoutError) return { error: { message: err.message }, kind: 'timeout' };
  if (isOdooError(err)) {
    const error: SectionError = { message: err.message };
    if (err.isModuleMissing) error.isModuleMissing = true;
    if (err.isAuthError) error.isAuthError = true;
    return { error, kind: KIND_BY_CODE[err.code] ?? 'odoo-error' };
  }
  return { error: { message: `Failed to fetch ${section} data` }, kind: 'odoo-error' };
}
