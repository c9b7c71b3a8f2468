import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../config/app-config';
import { ConnectionState, type ResolvedTransport } from './connection-state';
import { groupedCall, parseGroups } from './grouped-read';
import { HttpExchange, type ExchangeLimits } from './http-exchange';
import { Json2Transport } from './json2-transport';
import { assertReadOnly, type OdooCall } from './odoo-call';
import { NoopOdooCallObserver, OdooCallObserver } from './odoo-call-observer';
import {
  OdooClient,
  type CallOptions,
  type OdooDomain,
  type OdooFieldInfo,
  type OdooGroup,
  type OdooRecord,
  type OdooVersionInfo,
  type SearchReadOptions,
} from './odoo-client';
import type { OdooConnection } from './odoo-connection';
import { mentionsInvalidField } from './odoo-error-mapping';
import { isOdooError, OdooError } from './odoo-errors';
import { convertRecord, type FieldTypes } from './odoo-values';
import { parseVersion } from './odoo-version';
import { XmlRpcTransport } from './xmlrpc-transport';

/** How many connection keys we keep state for; the oldest is dropped beyond that. */
const MAX_CONNECTIONS = 1000;

/**
 * The Odoo client: XML-RPC for every version, JSON-2 for Odoo 19+ (chosen per connection), a cached
 * login per connection, a back-off that keeps a bad secret from locking our IP out, and the
 * read-only allow-list checked before anything is encoded.
 */
@Injectable()
export class RpcOdooClient extends OdooClient implements OnApplicationShutdown {
  private readonly http = new HttpExchange();
  private readonly xmlrpc = new XmlRpcTransport(this.http);
  private readonly json2 = new Json2Transport(this.http);
  private readonly states = new Map<string, ConnectionState>();

  /** Outside Nest (the CLI, tests) a client may go without an observer. */
  constructor(
    private readonly config: AppConfig,
    @Inject(OdooCallObserver) private readonly observer: OdooCallObserver = new NoopOdooCallObserver(),
  ) {
    super();
  }

  /** After the HTTP server has drained, so in-flight requests keep their Odoo sockets. */
  onApplicationShutdown(): void {
    this.http.destroy();
  }

  forget(connectionKey: string): void {
    this.states.delete(connectionKey);
  }

  version(conn: OdooConnection, opts?: CallOptions): Promise<OdooVersionInfo> {
    const caps = this.state(conn).capabilities();
    if (!caps.version) {
      const pending = this.fetchVersion(conn);
      caps.version = pending;
      pending.catch(() => {
        if (caps.version === pending) caps.version = null;
      });
    }
    return withSignal(caps.version, opts?.signal);
  }

  /** Fetches the version now (version() answers from the cache for up to an hour). Refreshes the cache. */
  async ping(conn: OdooConnection, opts?: CallOptions): Promise<OdooVersionInfo> {
    const fresh = this.fetchVersion(conn, opts);
    const version = await fresh;
    const state = this.state(conn);
    const known = await state.capabilities().version?.catch(() => null);
    // A different version means an upgrade: what we learned about fields and transport may be stale.
    if (known && known.serverVersion !== version.serverVersion) state.dropCapabilities();
    state.capabilities().version = fresh;
    return version;
  }

  /** The transport this connection uses: forced by its settings, or (auto) JSON-2 on Odoo 19+ with an API key. */
  async transportFor(conn: OdooConnection, opts?: CallOptions): Promise<ResolvedTransport> {
    if (conn.transport !== 'auto') return conn.transport;
    const known = this.state(conn).capabilities().transport;
    if (known) return known;
    const { major } = await this.version(conn, opts);
    const caps = this.state(conn).capabilities();
    caps.transport ??= major >= 19 ? 'json2' : 'xmlrpc';
    return caps.transport;
  }

  async searchRead(conn: OdooConnection, model: string, domain: OdooDomain, options: SearchReadOptions, opts?: CallOptions): Promise<OdooRecord[]> {
    const { fields, order, limit, offset } = options;
    const call: OdooCall = { model, method: 'search_read', domain, kwargs: { fields, order, limit, offset } };
    return this.records(conn, call, opts);
  }

  async searchCount(conn: OdooConnection, model: string, domain: OdooDomain, opts?: CallOptions): Promise<number> {
    const count = await this.execute(conn, { model, method: 'search_count', domain, kwargs: {} }, opts);
    if (typeof count !== 'number') throw new OdooError('bad-response', `Odoo answered search_count on ${model} with a non-number`);
    return count;
  }

  /** Ids of the matching records (the `search` method). */
  async search(
    conn: OdooConnection,
    model: string,
    domain: OdooDomain,
    options: Omit<SearchReadOptions, 'fields'> = {},
    opts?: CallOptions,
  ): Promise<number[]> {
    const { order, limit, offset } = options;
    const ids = await this.execute(conn, { model, method: 'search', domain, kwargs: { order, limit, offset } }, opts);
    if (!Array.isArray(ids)) throw new OdooError('bad-response', `Odoo answered search on ${model} with a non-list`);
    return ids as number[];
  }

  async read(conn: OdooConnection, model: string, ids: number[], fields: string[], opts?: CallOptions): Promise<OdooRecord[]> {
    if (ids.length === 0) return [];
    return this.records(conn, { model, method: 'read', ids, kwargs: { fields } }, opts);
  }

  async groupSums(conn: OdooConnection, model: string, domain: OdooDomain, groupBy: string, sumFields: string[], opts?: CallOptions): Promise<OdooGroup[]> {
    const { major } = await this.version(conn, opts);
    const answer = await this.execute(conn, groupedCall(major, model, domain, groupBy, sumFields), opts);
    return parseGroups(major, answer, groupBy, sumFields, model);
  }

  fieldsGet(conn: OdooConnection, model: string, attributes: string[], opts?: CallOptions): Promise<Record<string, OdooFieldInfo>> {
    const caps = this.state(conn).capabilities();
    const key = `${model}|${conn.lang}|${[...attributes].sort().join(',')}`;
    let pending = caps.fields.get(key);
    if (!pending) {
      const call: OdooCall = { model, method: 'fields_get', kwargs: { attributes } };
      // Shared by concurrent callers, so it runs without any one caller's signal.
      const shared = this.execute(conn, call).then((fields) => {
        if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
          throw new OdooError('bad-response', `Odoo answered fields_get on ${model} with a non-object`);
        }
        return fields as Record<string, OdooFieldInfo>;
      });
      caps.fields.set(key, shared);
      shared.catch(() => {
        if (caps.fields.get(key) === shared) caps.fields.delete(key);
      });
      pending = shared;
    }
    return withSignal(pending, opts?.signal);
  }

  /** A search_read or read, with Odoo's raw values turned into plain data using the model's field types. */
  private async records(conn: OdooConnection, call: OdooCall, opts?: CallOptions): Promise<OdooRecord[]> {
    const types = this.fieldTypes(conn, call.model, opts);
    types.catch(() => undefined); // the call's own error, if any, is the one to report
    const rows = await this.execute(conn, call, opts);
    if (!Array.isArray(rows)) throw new OdooError('bad-response', `Odoo answered ${call.method} on ${call.model} with a non-list`);
    if (!rows.every(isRecord)) throw new OdooError('bad-response', `Odoo answered ${call.method} on ${call.model} with rows that are not records`);
    const fieldTypes = await types;
    return rows.map((row) => convertRecord(row, fieldTypes));
  }

  private async fieldTypes(conn: OdooConnection, model: string, opts?: CallOptions): Promise<FieldTypes> {
    const fields = await this.fieldsGet(conn, model, ['type'], opts);
    return Object.fromEntries(Object.entries(fields).map(([name, info]) => [name, info.type]));
  }

  /** The one road to the wire for model methods. */
  private async execute(conn: OdooConnection, call: OdooCall, opts?: CallOptions): Promise<unknown> {
    assertReadOnly(call.method);
    const state = this.state(conn);
    state.throwIfBackingOff();
    const transport = await this.transportFor(conn, opts);
    return transport === 'json2' ? this.viaJson2(conn, state, call, opts) : this.viaXmlRpc(conn, state, call, opts);
  }

  private async viaJson2(conn: OdooConnection, state: ConnectionState, call: OdooCall, opts?: CallOptions): Promise<unknown> {
    try {
      return await this.observed(call.model, call.method, () => this.json2.call(conn, call, this.context(conn), this.limits(opts)));
    } catch (e) {
      if (isOdooError(e) && e.code === 'auth-failed') {
        // JSON-2 takes API keys only: with a password, auto mode falls back to XML-RPC for this connection.
        if (conn.transport === 'auto') {
          state.capabilities().transport = 'xmlrpc';
          return this.viaXmlRpc(conn, state, call, opts);
        }
        state.startBackoff(e, this.config.odoo.authBackoffMs);
      }
      this.noteInvalidField(state, e);
      throw e;
    }
  }

  private async viaXmlRpc(conn: OdooConnection, state: ConnectionState, call: OdooCall, opts?: CallOptions): Promise<unknown> {
    const first = await this.login(conn, state, opts);
    try {
      return await this.sendKw(conn, first.uid, call, opts);
    } catch (e) {
      if (!isSecretRefused(e)) throw this.afterFailure(state, e);
      // The secret stopped working (revoked key, changed password): one fresh login, then give up for a while.
      const again = await this.relogin(conn, state, first.generation, opts);
      try {
        return await this.sendKw(conn, again.uid, call, opts);
      } catch (e2) {
        if (isSecretRefused(e2)) state.startBackoff(e2, this.config.odoo.authBackoffMs);
        throw this.afterFailure(state, e2);
      }
    }
  }

  private sendKw(conn: OdooConnection, uid: number, call: OdooCall, opts?: CallOptions): Promise<unknown> {
    return this.observed(call.model, call.method, () => this.xmlrpc.executeKw(conn, uid, call, this.context(conn), this.limits(opts)));
  }

  private afterFailure(state: ConnectionState, e: unknown): unknown {
    // Odoo is refusing logins from our IP: more requests would only keep the lockout going.
    if (isOdooError(e) && e.code === 'login-cooldown') state.startBackoff(e, this.config.odoo.authBackoffMs);
    this.noteInvalidField(state, e);
    return e;
  }

  /** The cached uid, or one authenticate shared by every caller that needs it meanwhile. */
  private async login(conn: OdooConnection, state: ConnectionState, opts?: CallOptions): Promise<{ uid: number; generation: number }> {
    state.throwIfBackingOff();
    if (state.uid === null) {
      state.authInFlight ??= this.authenticate(conn, state);
      await withSignal(state.authInFlight, opts?.signal);
      state.throwIfBackingOff();
    }
    if (state.uid === null) return this.login(conn, state, opts);
    return { uid: state.uid, generation: state.generation };
  }

  /** Logs in again unless another request already did since `usedGeneration`. */
  private relogin(conn: OdooConnection, state: ConnectionState, usedGeneration: number, opts?: CallOptions) {
    if (state.generation === usedGeneration && !state.authInFlight) state.uid = null;
    return this.login(conn, state, opts);
  }

  private async authenticate(conn: OdooConnection, state: ConnectionState): Promise<number> {
    state.generation += 1;
    try {
      const uid = await this.observed('common', 'authenticate', async () => {
        const result = await this.xmlrpc.authenticate(conn, this.limits());
        if (result === false) throw new OdooError('auth-failed', 'Odoo authentication failed');
        return result;
      });
      state.uid = uid;
      return uid;
    } catch (e) {
      if (isOdooError(e) && e.isAuthError) state.startBackoff(e, this.config.odoo.authBackoffMs);
      throw e;
    } finally {
      state.authInFlight = null;
    }
  }

  private async fetchVersion(conn: OdooConnection, opts?: CallOptions): Promise<OdooVersionInfo> {
    const limits = this.limits(opts);
    const raw = await this.observed('common', 'version', () =>
      conn.transport === 'json2' ? this.json2.version(conn, limits) : this.xmlrpc.version(conn, limits),
    );
    try {
      return parseVersion(raw ?? {});
    } catch {
      throw new OdooError('bad-response', 'Odoo sent a version this client does not recognise');
    }
  }

  /** A field we cached may have gone with a server upgrade. */
  private noteInvalidField(state: ConnectionState, e: unknown): void {
    if (isOdooError(e) && e.code === 'odoo-error' && mentionsInvalidField(e.message)) state.dropCapabilities();
  }

  private context(conn: OdooConnection): Record<string, unknown> {
    const context: Record<string, unknown> = { lang: conn.lang };
    if (conn.companyIds?.length) context.allowed_company_ids = conn.companyIds;
    return context;
  }

  private limits(opts?: CallOptions): ExchangeLimits {
    const { timeoutMs, maxResponseBytes } = this.config.odoo;
    return { timeoutMs, maxResponseBytes, signal: opts?.signal };
  }

  private state(conn: OdooConnection): ConnectionState {
    let state = this.states.get(conn.key);
    if (!state) {
      if (this.states.size >= MAX_CONNECTIONS) this.states.delete(this.states.keys().next().value!);
      state = new ConnectionState();
      this.states.set(conn.key, state);
    }
    return state;
  }

  private async observed<T>(model: string, method: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome: 'ok' | OdooError['code'] = 'ok';
    try {
      return await run();
    } catch (e) {
      outcome = isOdooError(e) ? e.code : 'odoo-error';
      throw e;
    } finally {
      try {
        this.observer.onCall(model, method, outcome, performance.now() - started);
      } catch {
        // Metrics must never break a call.
      }
    }
  }
}

/** A record as Odoo sends one: a struct with an integer id (anything else would become a garbage row). */
function isRecord(row: unknown): row is Record<string, unknown> {
  return typeof row === 'object' && row !== null && !Array.isArray(row) && Number.isInteger((row as { id?: unknown }).id);
}

/** Fault 3 "Access Denied" on a call: the secret no longer works. */
function isSecretRefused(e: unknown): e is OdooError {
  return isOdooError(e) && e.code === 'auth-failed';
}

/** Lets one caller stop waiting for a shared promise without cancelling it for the others. */
function withSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  const cancelled = () => new OdooError('timeout', 'Odoo call cancelled', { cause: signal.reason });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
