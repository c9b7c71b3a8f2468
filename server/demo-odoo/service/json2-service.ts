// Odoo 19's JSON-2 endpoint (rpc/controllers/json2.py): bearer API key, named arguments, and
// errors as HTTP statuses with serialize_exception bodies.

import type { OdooDatabase } from '../orm/database';
import { bindNamedCall, checkCompanies, checkPublicMethod, CallEnv } from '../orm/methods';
import { asPyException, PyException, toJson2Error } from '../python/odoo-exceptions';
import { pyJsonDumps } from '../python/py-values';
import type { DemoState } from './state';

export interface Json2Reply {
  status: number;
  body: string;
}

const BEARER = /^bearer\s+(.+)$/i;

const http = (
  cls: 'werkzeug.exceptions.BadRequest' | 'werkzeug.exceptions.Unauthorized' | 'werkzeug.exceptions.NotFound' | 'werkzeug.exceptions.UnprocessableEntity',
  msg: string,
) => new PyException(cls, msg, 'dispatch');

export function callJson2(state: DemoState, db: OdooDatabase, modelName: string, method: string, authorization: string | undefined, body: string): Json2Reply {
  state.calls.count(db.name, modelName, method);
  try {
    const uid = authenticateBearer(state, db, modelName, authorization);
    const params = parseBody(body);
    const result = dispatch(state, db, uid, modelName, method, params);
    return { status: 200, body: pyJsonDumps(result) };
  } catch (e) {
    return toJson2Error(asPyException(e), db.version);
  }
}

/** ir.http _auth_method_bearer: API keys only; a password is not a key. */
function authenticateBearer(state: DemoState, db: OdooDatabase, model: string, authorization: string | undefined): number {
  const m = authorization ? BEARER.exec(authorization) : null;
  if (!m) throw http('werkzeug.exceptions.Unauthorized', 'Missing "Authorization: bearer <token>" header');
  const fault = state.faults.forCall(db.name, model);
  if (m[1].trim() !== db.credentials.apiKey || fault?.kind === 'auth') throw http('werkzeug.exceptions.Unauthorized', 'Invalid apikey');
  return db.credentials.uid;
}

function parseBody(body: string): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw http('werkzeug.exceptions.BadRequest', `could not parse the body as json: ${(e as Error).message}`);
  }
  // Odoo merges the body with the path arguments; anything but an object is dropped.
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

function dispatch(state: DemoState, db: OdooDatabase, uid: number, modelName: string, method: string, params: Record<string, unknown>): unknown {
  const { ids: rawIds = [], context = {}, ...kwargs } = params;
  const fault = state.faults.forCall(db.name, modelName);
  if (!db.hasModel(modelName) || fault?.kind === 'missing') throw http('werkzeug.exceptions.NotFound', `the model '${modelName}' does not exist`);
  checkPublicMethod(db.version, modelName, method);
  if (context === null || typeof context !== 'object' || Array.isArray(context))
    throw http('werkzeug.exceptions.UnprocessableEntity', 'context must be a JSON object');
  const env: CallEnv = { db, uid, context: context as Record<string, unknown> };
  const model = db.model(modelName);
  let call: ReturnType<typeof bindNamedCall>;
  try {
    call = bindNamedCall(env, model, method, kwargs);
  } catch (e) {
    const exc = asPyException(e);
    if (exc.pyClass === 'builtins.AttributeError') throw http('werkzeug.exceptions.NotFound', exc.message);
    if (exc.pyClass === 'builtins.TypeError') throw http('werkzeug.exceptions.UnprocessableEntity', exc.message);
    throw exc;
  }
  const ids = toIds(rawIds);
  if (call.modelLevel && ids.length > 0) throw http('werkzeug.exceptions.UnprocessableEntity', `cannot call ${modelName}.${method} with ids`);
  checkCompanies(env);
  return call.run(ids);
}

function toIds(v: unknown): number[] {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'number' && Number.isInteger(x))) throw http('werkzeug.exceptions.UnprocessableEntity', 'ids must be a list of integers');
  return list as number[];
}
