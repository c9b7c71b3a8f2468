/** Stable codes of every failure an Odoo call can end in. */
export type OdooErrorCode =
  | 'module-missing'
  | 'auth-failed'
  | 'login-cooldown'
  | 'access-denied'
  | 'timeout'
  | 'network'
  | 'bad-response'
  | 'odoo-error'
  /** The tenant has no connection to use: nothing was sent. */
  | 'not-connected';

/** One error class for the whole family; `code` is what callers branch on. Messages never contain the secret. */
export class OdooError extends Error {
  constructor(
    readonly code: OdooErrorCode,
    message: string,
    options?: { cause?: unknown; faultCode?: number | string; model?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OdooError';
    this.faultCode = options?.faultCode;
    this.model = options?.model;
  }
  readonly faultCode?: number | string;
  readonly model?: string;

  get isModuleMissing(): boolean {
    return this.code === 'module-missing';
  }

  get isAuthError(): boolean {
    return this.code === 'auth-failed' || this.code === 'login-cooldown';
  }
}

export function isOdooError(e: unknown): e is OdooError {
  return e instanceof OdooError;
}
