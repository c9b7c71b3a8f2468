import type { OdooFieldInfo, OdooVersionInfo } from './odoo-client';
import { OdooError } from './odoo-errors';

export type ResolvedTransport = 'xmlrpc' | 'json2';

/** What we learned about one server: dropped after an hour, after an "Invalid field" error, or on forget(). */
export class Capabilities {
  readonly createdAt = Date.now();
  version: Promise<OdooVersionInfo> | null = null;
  transport: ResolvedTransport | null = null;
  /** fields_get answers by "model|lang|attributes". */
  readonly fields = new Map<string, Promise<Record<string, OdooFieldInfo>>>();
}

const CAPABILITIES_MAX_AGE_MS = 60 * 60 * 1000;

/** Everything the client remembers about one connection key. */
export class ConnectionState {
  uid: number | null = null;
  /** Bumped whenever an authenticate starts, so requests can tell whether someone re-logged in since theirs. */
  generation = 0;
  authInFlight: Promise<number> | null = null;
  private backoffUntil = 0;
  private backoffError: OdooError | null = null;
  private caps = new Capabilities();

  capabilities(): Capabilities {
    if (Date.now() - this.caps.createdAt > CAPABILITIES_MAX_AGE_MS) this.caps = new Capabilities();
    return this.caps;
  }

  dropCapabilities(): void {
    this.caps = new Capabilities();
  }

  /** Stop talking to this server for a while, answering `error` instead (protects the IP from Odoo's login lockout). */
  startBackoff(error: OdooError, durationMs: number): void {
    this.backoffUntil = Date.now() + durationMs;
    this.backoffError = error;
    // The next attempt after the window must log in afresh.
    this.uid = null;
  }

  /** Throws the remembered error while backing off. */
  throwIfBackingOff(): void {
    if (this.backoffError && Date.now() < this.backoffUntil) {
      const { code, message, faultCode, model } = this.backoffError;
      throw new OdooError(code, message, { faultCode, model });
    }
  }
}
