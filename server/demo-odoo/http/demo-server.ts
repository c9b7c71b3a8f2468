// The demo Odoo HTTP server: routes, database scoping, fault injection and the public handle.

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildDataset } from '../dataset/build-dataset';
import type { DemoDatabaseSpec, DemoFault, DemoOdooOptions, DemoOdooServer, DemoRecord } from '../demo-odoo.types';
import { OdooDatabase, UnknownRecordError } from '../orm/database';
import { asPyException, PyException, toLegacyXmlRpcFault, toXmlRpcFault } from '../python/odoo-exceptions';
import { asText, pyJsonDumps } from '../python/py-values';
import { callJson2 } from '../service/json2-service';
import { callCommon, callObject, serverVersion } from '../service/rpc-service';
import { CallCounter, DemoState, FaultRegistry, validateFault } from '../service/state';
import { decodeMethodCall, encodeFault, encodeResponse, MethodCall } from '../xmlrpc/xmlrpc-codec';
import { handleControl } from './control-api';
import { landingPage, parseOdooPath } from './landing-page';
import { deliver, preventsAnswer } from './fault-delivery';
import { JSON_TYPE, methodNotAllowed, notFound, readBody, Reply, send, XML } from './replies';

export const DEFAULT_DATABASES: DemoDatabaseSpec[] = [
  { name: 'acme', version: 17, edition: 'enterprise' },
  { name: 'globex', version: 18, edition: 'community' },
  { name: 'initech', version: 16, edition: 'enterprise' },
  { name: 'umbrella', version: 19, edition: 'enterprise' },
  // Two companies in two currencies (see dataset/build-dataset.ts).
  { name: 'stark', version: 18, edition: 'enterprise' },
];

/** Paths under /db/<name>/ reach only that database, like an Odoo whose dbfilter keeps one. */
const DB_PREFIX = /^\/db\/([^/]+)(\/.*)?$/;

export async function startDemoOdoo(options: DemoOdooOptions = {}): Promise<DemoOdooServer> {
  const specs = checkSpecs(options.databases ?? DEFAULT_DATABASES);
  const today = (options.today ?? new Date()).toISOString().slice(0, 10);
  const seed = options.seed ?? 1;
  const state: DemoState = {
    databases: new Map(specs.map((s) => [s.name, new OdooDatabase(s, buildDataset(s, seed, today))])),
    faults: new FaultRegistry(),
    calls: new CallCounter(),
    verbose: options.verbose === true,
  };
  for (const f of options.faults ?? []) {
    const fault = validateFault(f);
    if (typeof fault === 'string') throw new TypeError(`Invalid fault ${JSON.stringify(f)}: ${fault}`);
    state.faults.set(fault);
  }
  const handle = publicHandle(state);
  const server = createServer((req, res) => {
    route(state, handle, req, res).catch((e: unknown) => {
      if (state.verbose) process.stderr.write(`[demo-odoo] internal error: ${e instanceof Error ? (e.stack ?? e.message) : asText(e)}\n`);
      send(res, { status: 500, contentType: JSON_TYPE, body: '{"error": "internal error"}' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${urlHost(address)}:${address.port}`;
  return {
    ...handle,
    url,
    port: address.port,
    databases: specs.map((s) => ({ ...s })),
    httpServer: server,
    urlFor: (db: string) => `${url}/db/${encodeURIComponent(db)}`,
    close: () => closeServer(server),
  };
}

function checkSpecs(specs: DemoDatabaseSpec[]): DemoDatabaseSpec[] {
  if (specs.length === 0) throw new TypeError('The demo Odoo needs at least one database');
  const seen = new Set<string>();
  for (const s of specs) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(s.name)) throw new TypeError(`Invalid database name ${JSON.stringify(s.name)}`);
    if (seen.has(s.name)) throw new TypeError(`Database ${s.name} is listed twice`);
    if (![16, 17, 18, 19].includes(s.version)) throw new TypeError(`Database ${s.name}: version must be 16, 17, 18 or 19`);
    if (s.edition !== 'community' && s.edition !== 'enterprise') throw new TypeError(`Database ${s.name}: edition must be community or enterprise`);
    seen.add(s.name);
  }
  return specs.map((s) => ({ ...s }));
}

function urlHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Hanging and dripping answers hold sockets open: end them so close() returns.
  server.closeAllConnections();
  await closed;
}

type Handle = Omit<DemoOdooServer, 'url' | 'port' | 'databases' | 'close' | 'httpServer' | 'urlFor'> & { faults(): DemoFault[] };

function publicHandle(state: DemoState): Handle {
  const db = (name: string) => {
    const d = state.databases.get(name);
    if (!d) throw new UnknownRecordError(`Database ${name} does not exist`);
    return d;
  };
  return {
    setFault: (fault) => {
      const checked = validateFault(fault);
      if (typeof checked === 'string') throw new TypeError(checked);
      state.faults.set(checked);
    },
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.list(),
    calls: () => state.calls.snapshot(),
    resetCalls: () => state.calls.reset(),
    updateRecord: (name, model, id, values) => {
      db(name).update(model, id, values);
    },
    records: (name, model, context = {}): DemoRecord[] => {
      const d = db(name);
      if (!d.hasModel(model)) throw new UnknownRecordError(`Model ${model} does not exist in database ${name}`);
      return d.rawRecords(model, context);
    },
  };
}

// ---------------------------------------------------------------- routing

async function route(state: DemoState, handle: Handle, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let path = new URL(req.url ?? '/', 'http://demo').pathname;
  let scope: OdooDatabase | undefined;
  const prefixed = DB_PREFIX.exec(path);
  if (prefixed) {
    scope = state.databases.get(decodeURIComponent(prefixed[1]));
    if (!scope) return send(res, notFound());
    path = prefixed[2] ?? '/';
  }
  if (path.startsWith('/_control/')) return handleControl(req, res, path, handle);
  const xmlrpc = /^\/xmlrpc\/(2\/)?([^/]+)$/.exec(path);
  if (xmlrpc) return handleXmlRpc(state, req, res, xmlrpc[2], xmlrpc[1] === undefined, scope);
  if (path === '/json/2' || path.startsWith('/json/2/')) return handleJson2(state, req, res, path, scope);
  if (path === '/web/version' || path === '/json/version') return handleWebVersion(state, req, res, scope);
  if (path === '/web' || path === '/web/' || path === '/odoo' || path.startsWith('/odoo/')) return handleLanding(state, req, res, path, scope);
  return send(res, notFound());
}

/** /web on every version, /odoo/... where the database is 18 or later (or not known). */
function handleLanding(state: DemoState, req: IncomingMessage, res: ServerResponse, path: string, scope: OdooDatabase | undefined): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, methodNotAllowed('GET, HEAD'));
  const hinted = headerValue(req.headers['x-odoo-database']);
  const db = scope ?? (hinted !== undefined ? state.databases.get(hinted) : undefined);
  const isWeb = path.startsWith('/web');
  if (!isWeb && db && db.version < 18) return send(res, notFound());
  const target = isWeb ? { model: null, recordId: null, action: null } : parseOdooPath(path);
  send(res, landingPage(isWeb ? 'web' : 'odoo', target, db?.name ?? null));
}

/** The database a request without one in its parameters speaks for. */
function defaultDatabase(state: DemoState, req: IncomingMessage, scope: OdooDatabase | undefined): OdooDatabase | undefined {
  if (scope) return scope;
  const hinted = req.headers['x-odoo-database'];
  if (typeof hinted === 'string') return state.databases.get(hinted);
  return state.databases.values().next().value;
}

/** The databases a scoped request may name (an Odoo with a dbfilter sees only its own). */
function visible(state: DemoState, scope: OdooDatabase | undefined): DemoState {
  return scope ? { ...state, databases: new Map([[scope.name, scope]]) } : state;
}

async function handleXmlRpc(
  state: DemoState,
  req: IncomingMessage,
  res: ServerResponse,
  service: string,
  legacy: boolean,
  scope: OdooDatabase | undefined,
): Promise<void> {
  if (req.method !== 'POST') return send(res, methodNotAllowed('POST'));
  const body = await readBody(req, res);
  if (body === null) return;
  const started = process.hrtime.bigint();
  const fallback = defaultDatabase(state, req, scope) ?? state.databases.values().next().value!;
  const scoped = visible(state, scope);
  let call: MethodCall;
  try {
    call = decodeMethodCall(body);
  } catch (e) {
    return send(res, faultReply(e, fallback, legacy));
  }
  const namesDb = service === 'object' || (service === 'common' && (call.method === 'login' || call.method === 'authenticate'));
  const dbName = namesDb && typeof call.params[0] === 'string' ? call.params[0] : undefined;
  const speaking = (dbName !== undefined && scoped.databases.get(dbName)) || fallback;
  const model = service === 'object' && typeof call.params[3] === 'string' ? call.params[3] : undefined;
  const fault = service === 'object' && dbName !== undefined ? state.faults.forCall(dbName, model) : undefined;
  if (preventsAnswer(fault)) state.calls.count(dbName!, model ?? '?', asText(call.params[4]) || '?');
  const produce = (): Reply => {
    try {
      const result = runService(scoped, service, call, speaking);
      return { status: 200, contentType: XML, body: encodeResponse(result, speaking.version) };
    } catch (e) {
      return faultReply(e, speaking, legacy);
    }
  };
  await deliver(req, res, fault, 'xmlrpc', speaking.version, produce);
  if (state.verbose) logCall(started, dbName ?? '*', model ?? service, service === 'object' ? String(call.params[4]) : call.method, res, fault);
}

function runService(state: DemoState, service: string, call: MethodCall, speaking: OdooDatabase): unknown {
  switch (service) {
    case 'common':
      return callCommon(state, call.method, call.params, speaking);
    case 'object':
      return callObject(state, call.method, call.params);
    case 'db':
      return callDbService(state, call.method, speaking);
    default:
      throw new PyException('builtins.KeyError', `'${service}'`, 'dispatch');
  }
}

/** The db service: listing only; managing databases is refused as on a locked-down server. */
function callDbService(state: DemoState, method: string, speaking: OdooDatabase): unknown {
  state.calls.count('*', 'db', method);
  if (method === 'list') return [...state.databases.keys()].sort();
  if (method === 'server_version') return serverVersion(speaking.version, speaking.edition);
  if (method === 'db_exist') return false;
  throw new PyException('odoo.exceptions.AccessDenied', 'Access Denied', 'dispatch');
}

function faultReply(e: unknown, db: OdooDatabase, legacy: boolean): Reply {
  const exc = asPyException(e);
  const fault = legacy ? toLegacyXmlRpcFault(exc, db.version) : toXmlRpcFault(exc, db.version);
  return { status: 200, contentType: XML, body: encodeFault(fault, db.version) };
}

const JSON2_PATH = /^\/json\/2\/([^/]+)\/([^/]+)$/;

async function handleJson2(state: DemoState, req: IncomingMessage, res: ServerResponse, path: string, scope: OdooDatabase | undefined): Promise<void> {
  const db = json2Database(state, req, scope);
  // The route exists only on 19 (the rpc addon); elsewhere the URL is simply unknown.
  if (!db || db.version < 19) return send(res, notFound());
  const m = JSON2_PATH.exec(path);
  if (!m) {
    const body = pyJsonDumps({
      name: 'werkzeug.exceptions.NotFound',
      message: 'Did you mean POST /json/2/<model>/<method>?',
      arguments: ['Did you mean POST /json/2/<model>/<method>?', 404],
      context: {},
      debug: '',
    });
    return send(res, { status: 404, contentType: JSON_TYPE, body });
  }
  if (req.method !== 'POST') return send(res, methodNotAllowed('POST'));
  const body = await readBody(req, res);
  if (body === null) return;
  const started = process.hrtime.bigint();
  const [model, method] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
  const fault = state.faults.forCall(db.name, model);
  if (preventsAnswer(fault)) state.calls.count(db.name, model, method);
  const produce = (): Reply => {
    const reply = callJson2(state, db, model, method, headerValue(req.headers.authorization), body);
    return { status: reply.status, contentType: JSON_TYPE, body: reply.body };
  };
  await deliver(req, res, fault, 'json2', db.version, produce);
  if (state.verbose) logCall(started, db.name, model, method, res, fault);
}

/** X-Odoo-Database, else the scoped database, else the only one; several and none named: none. */
function json2Database(state: DemoState, req: IncomingMessage, scope: OdooDatabase | undefined): OdooDatabase | undefined {
  const header = headerValue(req.headers['x-odoo-database']);
  if (header) {
    const named = state.databases.get(header);
    return scope && named !== scope ? undefined : named;
  }
  if (scope) return scope;
  return state.databases.size === 1 ? state.databases.values().next().value : undefined;
}

function handleWebVersion(state: DemoState, req: IncomingMessage, res: ServerResponse, scope: OdooDatabase | undefined): void {
  const db = json2Database(state, req, scope) ?? onlyOfVersion19(state);
  if (!db || db.version < 19) return send(res, notFound());
  state.calls.count('*', 'common', 'web_version');
  const body = pyJsonDumps({ version_info: [db.version, 0, 0, 'final', 0, ''], version: serverVersion(db.version, db.edition) });
  send(res, { status: 200, contentType: JSON_TYPE, body });
}

function onlyOfVersion19(state: DemoState): OdooDatabase | undefined {
  const v19 = [...state.databases.values()].filter((d) => d.version >= 19);
  return v19.length === 1 ? v19[0] : undefined;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function logCall(started: bigint, db: string, model: string, method: string, res: ServerResponse, fault: DemoFault | undefined): void {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const extra = fault ? ` fault=${fault.kind}` : '';
  process.stderr.write(`[demo-odoo] ${db} ${model}.${method} -> ${res.statusCode} ${ms.toFixed(1)}ms${extra}\n`);
}
