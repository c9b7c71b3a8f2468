// The `common` and `object` services of odoo/service, transport-independent: the same checks in
// the same order as Odoo (database, credentials, model, method), raising Odoo's exceptions.

import type { DemoOdooVersion } from '../demo-odoo.types';
import type { OdooDatabase } from '../orm/database';
import { callMethod, checkPublicMethod, CallEnv } from '../orm/methods';
import { accessDenied, PyException, typeError, userError, valueError } from '../python/odoo-exceptions';
import { pyRepr, pyStrRepr, pyTruthy } from '../python/py-values';
import type { ModelDef } from '../schema/fields';
import type { DemoState } from './state';

const PG_SOCKET = '/var/run/postgresql/.s.PGSQL.5432';

/** What `version()` reports for a database. */
export function versionInfo(db: Pick<OdooDatabase, 'version' | 'edition'>): Record<string, unknown> {
  const serie = `${db.version}.0`;
  return {
    server_version: serverVersion(db.version, db.edition),
    // Packaged builds keep the sixth element empty; the edition only shows in server_version.
    server_version_info: [db.version, 0, 0, 'final', 0, ''],
    server_serie: serie,
    protocol_version: 1,
  };
}

const BUILD_DATES: Record<DemoOdooVersion, string> = { 16: '20230301', 17: '20240709', 18: '20250702', 19: '20251227' };

/** Packaged builds: "17.0-20240709" (community) or "17.0+e-20240709" (enterprise). */
export function serverVersion(version: DemoOdooVersion, edition: string): string {
  return `${version}.0${edition === 'enterprise' ? '+e' : ''}-${BUILD_DATES[version]}`;
}

export function unknownDatabase(name: unknown, where: 'registry' | 'common' = 'registry'): PyException {
  return new PyException(
    'psycopg2.OperationalError',
    `connection to server on socket "${PG_SOCKET}" failed: FATAL:  database ${JSON.stringify(String(name))} does not exist\n`,
    where,
  );
}

function database(state: DemoState, name: unknown, where: 'registry' | 'common'): OdooDatabase {
  const db = typeof name === 'string' ? state.databases.get(name) : undefined;
  if (!db) throw unknownDatabase(name, where);
  return db;
}

// ---------------------------------------------------------------- common

/** Runs one `common` call. `scope` is the database a version() call answers for. */
export function callCommon(state: DemoState, method: string, params: unknown[], scope: OdooDatabase): unknown {
  switch (method) {
    case 'version':
      state.calls.count('*', 'common', 'version');
      return versionInfo(scope);
    case 'about':
      state.calls.count('*', 'common', 'about');
      return params[0] ? ['See http://openerp.com', serverVersion(scope.version, scope.edition)] : 'See http://openerp.com';
    case 'login':
      arity('exp_login', params, ['db', 'login', 'password']);
      state.calls.count(String(params[0]), 'common', 'login');
      return authenticate(state, params[0], params[1], params[2]);
    case 'authenticate':
      arity('exp_authenticate', params, ['db', 'login', 'password', 'user_agent_env']);
      state.calls.count(String(params[0]), 'common', 'authenticate');
      return authenticate(state, params[0], params[1], params[2]);
    default:
      throw new PyException('builtins.Exception', `Method not found: ${method}`, 'common');
  }
}

/** Python's positional-argument check, with its TypeError texts. */
function arity(fn: string, params: unknown[], names: string[]): void {
  if (params.length > names.length) {
    throw typeError(`${fn}() takes ${names.length} positional arguments but ${params.length} were given`, 'common');
  }
  const missing = names.slice(params.length);
  if (missing.length > 0) {
    const list =
      missing.length === 1 ? pyStrRepr(missing[0]) : `${missing.slice(0, -1).map(pyStrRepr).join(', ')} and ${pyStrRepr(missing[missing.length - 1])}`;
    throw typeError(`${fn}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`, 'common');
  }
}

/** exp_authenticate: the uid, or False for any refused credential. */
function authenticate(state: DemoState, dbName: unknown, login: unknown, secret: unknown): number | false {
  const db = database(state, dbName, 'common');
  if (state.faults.refusesLogin(db.name)) return false;
  const c = db.credentials;
  if (login !== c.login) return false;
  return secret === c.password || secret === c.apiKey ? c.uid : false;
}

// ---------------------------------------------------------------- object

export interface ObjectCall {
  db: OdooDatabase;
  env: CallEnv;
  model: ModelDef;
}

/** Runs one `object` call (execute_kw or execute). */
export function callObject(state: DemoState, method: string, params: unknown[]): unknown {
  if (method !== 'execute_kw' && method !== 'execute') {
    throw new PyException('builtins.NameError', `Method not available ${method}`, 'dispatch');
  }
  if (params.length < 3) throw new PyException('builtins.IndexError', 'tuple index out of range', 'dispatch');
  const [dbName, rawUid, secret, modelName, methodName] = params;
  state.calls.count(
    String(dbName),
    typeof modelName === 'string' ? modelName : String(modelName),
    typeof methodName === 'string' ? methodName : String(methodName),
  );
  const uid = pyInt(rawUid);
  const db = database(state, dbName, 'registry');
  checkCredentials(state, db, uid, secret, typeof modelName === 'string' ? modelName : undefined);
  if (params.length < 5) {
    const missing = ['obj', 'method'].slice(params.length - 3);
    throw typeError(
      `${method}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map(pyStrRepr).join(' and ')}`,
    );
  }
  if (typeof methodName !== 'string')
    throw new PyException('builtins.AttributeError', `'${typeName(methodName)}' object has no attribute 'startswith'`, 'dispatch');
  let args: unknown[];
  let kwargs: Record<string, unknown>;
  if (method === 'execute_kw') {
    if (params.length < 6) throw typeError("execute_kw() missing 1 required positional argument: 'args'");
    if (params.length > 7) throw typeError(`execute_kw() takes from 5 to 6 positional arguments but ${params.length - 2} were given`);
    args = asArgs(params[5]);
    kwargs = asKwargs(params[6]);
  } else {
    args = params.slice(5);
    kwargs = {};
  }
  const { env, model } = resolveModel(state, db, uid, modelName, methodName, kwargs);
  const { context: _context, ...rest } = kwargs;
  return callMethod(env, model, methodName, args, rest);
}

function typeName(v: unknown): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'dict' : 'str';
}

/** int(uid) as service/model.py does it. */
function pyInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    if (/^\s*[+-]?\d+\s*$/.test(v)) return Number(v.trim());
    throw valueError(`invalid literal for int() with base 10: ${pyStrRepr(v)}`, 'dispatch');
  }
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

function asArgs(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  throw typeError(`odoo.service.model.execute() argument after * must be an iterable, not ${typeName(v)}`);
}

function asKwargs(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null || v === false) return {};
  if (typeof v === 'object' && !Array.isArray(v)) return { ...(v as Record<string, unknown>) };
  throw typeError(`odoo.service.model.execute() argument after ** must be a mapping, not ${typeName(v)}`);
}

/** security.check / _check_uid_passwd: the uid and its password or API key, before anything else. */
export function checkCredentials(state: DemoState, db: OdooDatabase, uid: number, secret: unknown, model: string | undefined): void {
  if (!pyTruthy(secret)) throw accessDenied();
  const fault = state.faults.forCall(db.name, model);
  if (fault?.kind === 'auth') throw accessDenied();
  const c = db.credentials;
  if (uid !== c.uid || (secret !== c.password && secret !== c.apiKey)) throw accessDenied();
}

/** The model of a call, or Odoo's "Object ... doesn't exist"; private methods refused per version. */
export function resolveModel(
  state: DemoState,
  db: OdooDatabase,
  uid: number,
  modelName: unknown,
  methodName: string,
  kwargs: Record<string, unknown>,
): { env: CallEnv; model: ModelDef } {
  if (db.version <= 17) checkPublicMethod(db.version, String(modelName), methodName);
  const name = String(modelName);
  const fault = state.faults.forCall(db.name, name);
  if (typeof modelName !== 'string' || !db.hasModel(name) || fault?.kind === 'missing') {
    throw userError(`Object ${typeof modelName === 'string' ? modelName : pyRepr(modelName)} doesn't exist`);
  }
  if (db.version >= 18) checkPublicMethod(db.version, name, methodName);
  const context = kwargs.context;
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) {
    throw typeError(`'${typeName(context)}' object is not a mapping`);
  }
  return { env: { db, uid, context: (context as Record<string, unknown>) ?? {} }, model: db.model(name) };
}
