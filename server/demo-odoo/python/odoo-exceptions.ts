// The exceptions a real Odoo raises for the calls we serve, and how each transport shows them:
// XML-RPC fault code + string (rpc.py's xmlrpc_handle_exception_int), JSON-2 status + error body.

import type { DemoOdooVersion } from '../demo-odoo.types';
import { pyJsonDumps } from './py-values';

/** Fully qualified Python class names, as serialize_exception prints them. */
export type PyExceptionClass =
  | 'odoo.exceptions.UserError'
  | 'odoo.exceptions.AccessError'
  | 'odoo.exceptions.AccessDenied'
  | 'odoo.exceptions.MissingError'
  | 'odoo.exceptions.ValidationError'
  | 'builtins.ValueError'
  | 'builtins.TypeError'
  | 'builtins.KeyError'
  | 'builtins.IndexError'
  | 'builtins.NameError'
  | 'builtins.AttributeError'
  | 'builtins.NotImplementedError'
  | 'builtins.AssertionError'
  | 'builtins.RecursionError'
  | 'builtins.OverflowError'
  | 'builtins.Exception'
  | 'psycopg2.OperationalError'
  | 'psycopg2.errors.UndefinedFunction'
  | 'xml.parsers.expat.ExpatError'
  | 'xmlrpc.client.ResponseError'
  | 'werkzeug.exceptions.BadRequest'
  | 'werkzeug.exceptions.Unauthorized'
  | 'werkzeug.exceptions.NotFound'
  | 'werkzeug.exceptions.UnprocessableEntity';

/** A Python exception raised by the emulated server. `where` names the frames of its traceback. */
export class PyException extends Error {
  /** What Odoo sets as `exception.context` (an access error's suggested company); JSON-2 shows it. */
  context?: Record<string, unknown>;

  constructor(
    readonly pyClass: PyExceptionClass,
    message: string,
    readonly where: TracebackSite = 'orm',
  ) {
    super(message);
    this.name = pyClass;
  }
}

export type TracebackSite = 'orm' | 'domain' | 'read' | 'dispatch' | 'common' | 'parse' | 'registry';

export const userError = (msg: string) => new PyException('odoo.exceptions.UserError', msg);
export const accessError = (msg: string) => new PyException('odoo.exceptions.AccessError', msg);
export const accessDenied = (msg = 'Access Denied') => new PyException('odoo.exceptions.AccessDenied', msg, 'dispatch');
export const missingError = (msg: string) => new PyException('odoo.exceptions.MissingError', msg, 'read');
export const valueError = (msg: string, where: TracebackSite = 'orm') => new PyException('builtins.ValueError', msg, where);
export const typeError = (msg: string, where: TracebackSite = 'dispatch') => new PyException('builtins.TypeError', msg, where);

const ODOO_FAULT_CODES: Partial<Record<PyExceptionClass, number>> = {
  'odoo.exceptions.UserError': 2,
  'odoo.exceptions.MissingError': 2,
  'odoo.exceptions.ValidationError': 2,
  'odoo.exceptions.AccessError': 4,
  'odoo.exceptions.AccessDenied': 3,
};

export interface XmlRpcFault {
  faultCode: number;
  faultString: string;
}

/** rpc.py: Odoo exceptions keep their message; anything else sends the whole traceback with code 1. */
export function toXmlRpcFault(e: unknown, version: DemoOdooVersion): XmlRpcFault {
  const exc = asPyException(e);
  const code = ODOO_FAULT_CODES[exc.pyClass];
  if (code !== undefined) return { faultCode: code, faultString: exc.message };
  return { faultCode: 1, faultString: formatTraceback(exc, version, 'xmlrpc') };
}

/** The legacy /xmlrpc/<service> endpoint sends string fault codes (xmlrpc_handle_exception_string). */
export function toLegacyXmlRpcFault(e: unknown, version: DemoOdooVersion): { faultCode: string; faultString: string } {
  const exc = asPyException(e);
  const short = exc.pyClass.split('.').pop()!;
  switch (exc.pyClass) {
    case 'odoo.exceptions.AccessDenied':
      return { faultCode: 'AccessDenied', faultString: exc.message };
    case 'odoo.exceptions.MissingError':
    case 'odoo.exceptions.AccessError':
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
      return { faultCode: `warning -- ${short === 'ValidationError' ? 'UserError' : short}\n\n${exc.message}`, faultString: '' };
    default:
      return { faultCode: exc.message, faultString: formatTraceback(exc, version, 'xmlrpc') };
  }
}

const JSON2_STATUS: Partial<Record<PyExceptionClass, number>> = {
  'odoo.exceptions.AccessError': 403,
  'odoo.exceptions.AccessDenied': 403,
  'odoo.exceptions.MissingError': 404,
  'odoo.exceptions.UserError': 422,
  'odoo.exceptions.ValidationError': 422,
  'werkzeug.exceptions.BadRequest': 400,
  'werkzeug.exceptions.Unauthorized': 401,
  'werkzeug.exceptions.NotFound': 404,
  'werkzeug.exceptions.UnprocessableEntity': 422,
};

/** Json2Dispatcher.handle_error + serialize_exception: {name, message, arguments, context, debug}. */
export function toJson2Error(e: unknown, version: DemoOdooVersion): { status: number; body: string } {
  const exc = asPyException(e);
  const status = JSON2_STATUS[exc.pyClass] ?? 500;
  const isHttp = exc.pyClass.startsWith('werkzeug.');
  const body = {
    name: exc.pyClass,
    message: exc.message,
    arguments: isHttp ? [exc.message, status] : [exc.message],
    context: exc.context ?? {},
    debug: formatTraceback(exc, version, 'json2'),
  };
  return { status, body: pyJsonDumps(body) };
}

export function asPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  // A bug of the emulator itself: shown the way Odoo shows any unexpected exception.
  const message = e instanceof Error ? e.message : String(e);
  return new PyException('builtins.Exception', message);
}

const ROOT = '/usr/lib/python3/dist-packages/odoo';

/** A traceback shaped like the one Odoo would print; only its last line is meant to be parsed. */
export function formatTraceback(exc: PyException, version: DemoOdooVersion, transport: 'xmlrpc' | 'json2'): string {
  const frames = [...entryFrames(version, transport, exc.where), ...siteFrames(exc.where, version)];
  const lines = ['Traceback (most recent call last):\n'];
  for (const [file, line, fn, code] of frames) {
    lines.push(`  File "${ROOT}/${file}", line ${line}, in ${fn}\n    ${code}\n`);
  }
  const shortName = exc.pyClass.startsWith('builtins.') ? exc.pyClass.slice('builtins.'.length) : exc.pyClass;
  lines.push(exc.message ? `${shortName}: ${exc.message}\n` : `${shortName}\n`);
  return lines.join('');
}

type Frame = [file: string, line: number, fn: string, code: string];

function entryFrames(version: DemoOdooVersion, transport: 'xmlrpc' | 'json2', where: TracebackSite): Frame[] {
  if (transport === 'json2') {
    return [
      ['http.py', 2578, '_serve_db', 'return service_model.retrying(serve_func, env=self.env)'],
      ['service/model.py', 184, 'retrying', 'result = func()'],
      ['http.py', 2635, '_serve_ir_http', 'response = self.dispatcher.dispatch(rule.endpoint, args)'],
      ['http.py', 2881, 'dispatch', "result = self.request.registry['ir.http']._dispatch(endpoint)"],
      ['addons/base/models/ir_http.py', 333, '_dispatch', 'result = endpoint(**request.params)'],
      ['addons/rpc/controllers/json2.py', 62, 'web_json_2_rpc', 'result = func(records, **kwargs)'],
    ];
  }
  if (where === 'parse') {
    const file = version >= 19 ? 'addons/rpc/controllers/xmlrpc.py' : 'addons/base/controllers/rpc.py';
    return [
      [file, 150, 'xmlrpc_2', 'response = self._xmlrpc(service)'],
      [file, 126, '_xmlrpc', 'params, method = loads(data, use_datetime=True)'],
    ];
  }
  const rpc: Frame[] =
    version >= 19
      ? [
          ['addons/rpc/controllers/xmlrpc.py', 165, 'xmlrpc_2', 'response = self._xmlrpc(service)'],
          ['addons/rpc/controllers/xmlrpc.py', 139, '_xmlrpc', 'result = dispatch_rpc(service, method, params)'],
          ['http.py', 436, 'dispatch_rpc', 'return dispatch(method, params)'],
        ]
      : [
          ['addons/base/controllers/rpc.py', 150, 'xmlrpc_2', 'response = self._xmlrpc(service)'],
          ['addons/base/controllers/rpc.py', 127, '_xmlrpc', 'result = dispatch_rpc(service, method, params)'],
          ['http.py', 368, 'dispatch_rpc', 'return dispatch(method, params)'],
        ];
  if (where === 'common') {
    return [...rpc, ['service/common.py', 56, 'dispatch', 'return g[exp_method_name](*params)']];
  }
  if (where === 'registry') {
    return [
      ...rpc,
      ['service/model.py', 40, 'dispatch', 'registry = odoo.registry(db).check_signaling()'],
      ['modules/registry.py', 89, '__new__', 'return cls.new(db_name)'],
      ['sql_db.py', 681, 'connection_info_for', 'return psycopg2.connect(**connection_info)'],
    ];
  }
  return [
    ...rpc,
    ['service/model.py', 41, 'dispatch', 'res = execute_kw(db, uid, *params[3:])'],
    ['service/model.py', 64, 'execute_kw', 'return execute(db, uid, obj, method, *args, **kw or {})'],
    ['service/model.py', 70, 'execute', 'res = execute_cr(cr, uid, obj, method, *args, **kw)'],
    ['service/model.py', 54, 'execute_cr', 'result = retrying(partial(odoo.api.call_kw, recs, method, args, kw), env)'],
    ['service/model.py', 134, 'retrying', 'result = func()'],
    ['api.py', 468, 'call_kw', 'result = _call_kw_model(method, model, args, kwargs)'],
  ];
}

function siteFrames(where: TracebackSite, version: DemoOdooVersion): Frame[] {
  const models = version >= 19 ? 'orm/models.py' : 'models.py';
  switch (where) {
    case 'domain':
      return [
        [models, 5120, 'search_read', 'records = self.search_fetch(domain or [], fields, offset=offset, limit=limit, order=order)'],
        [models, 1650, '_search', 'query = self._where_calc(domain)'],
        [version >= 19 ? 'orm/domains.py' : 'osv/expression.py', 910, version >= 19 ? '_raise' : 'parse', 'raise ValueError(msg)'],
      ];
    case 'read':
      return [
        [models, 3840, 'read', "fields = self.check_field_access_rights('read', fields)"],
        [models, 3863, '_determine_fields_to_fetch', 'raise ValueError(msg)'],
      ];
    case 'orm':
      return [[models, 1560, '_search', 'query = self._where_calc(domain)']];
    default:
      return [];
  }
}
