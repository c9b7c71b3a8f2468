// The control API tests use at run time (faults, call counts, records). It answers only a peer on
// the loopback interface; anyone else gets the same 404 as an unknown URL.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoFault, DemoRecord } from '../demo-odoo.types';
import { UnknownRecordError } from '../orm/database';
import { validateFault } from '../service/state';
import { JSON_TYPE, methodNotAllowed, notFound, readBody, send } from './replies';

export interface ControlTarget {
  setFault(fault: DemoFault): void;
  clearFaults(): void;
  faults(): DemoFault[];
  calls(): unknown;
  resetCalls(): void;
  updateRecord(db: string, model: string, id: number, values: Record<string, unknown>): void;
  records(db: string, model: string): DemoRecord[];
}

/** 127.0.0.0/8 and ::1, including IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

const json = (status: number, value: unknown) => ({ status, contentType: JSON_TYPE, body: JSON.stringify(value) });

export async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, target: ControlTarget): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) return send(res, notFound());
  const url = new URL(req.url ?? '/', 'http://control');
  const method = req.method ?? 'GET';
  try {
    switch (path) {
      case '/_control/faults':
        return await faultsRoute(req, res, method, target);
      case '/_control/calls':
        if (method !== 'GET') return send(res, methodNotAllowed('GET'));
        return send(res, json(200, target.calls()));
      case '/_control/calls/reset':
        if (method !== 'POST') return send(res, methodNotAllowed('POST'));
        target.resetCalls();
        return send(res, json(200, { ok: true }));
      case '/_control/records':
        return await recordsRoute(req, res, method, url, target);
      default:
        return send(res, notFound());
    }
  } catch (e) {
    return send(res, json(e instanceof UnknownRecordError ? 404 : 400, { error: (e as Error).message }));
  }
}

async function faultsRoute(req: IncomingMessage, res: ServerResponse, method: string, target: ControlTarget): Promise<void> {
  if (method === 'GET') return send(res, json(200, target.faults()));
  if (method === 'DELETE') {
    target.clearFaults();
    return send(res, json(200, target.faults()));
  }
  if (method !== 'PUT') return send(res, methodNotAllowed('GET, PUT, DELETE'));
  const body = await jsonBody(req, res);
  if (body === undefined) return;
  const fault = validateFault(body);
  if (typeof fault === 'string') return send(res, json(400, { error: fault }));
  target.setFault(fault);
  return send(res, json(200, target.faults()));
}

async function recordsRoute(req: IncomingMessage, res: ServerResponse, method: string, url: URL, target: ControlTarget): Promise<void> {
  if (method === 'GET') {
    const db = url.searchParams.get('db');
    const model = url.searchParams.get('model');
    if (!db || !model) return send(res, json(400, { error: 'db and model query parameters are required' }));
    return send(res, json(200, target.records(db, model)));
  }
  if (method !== 'PATCH') return send(res, methodNotAllowed('GET, PATCH'));
  const body = (await jsonBody(req, res)) as Record<string, unknown> | undefined;
  if (body === undefined) return;
  const { db, model, id, values } = body ?? {};
  if (typeof db !== 'string' || typeof model !== 'string' || typeof id !== 'number' || !values || typeof values !== 'object' || Array.isArray(values)) {
    return send(res, json(400, { error: 'expected {db, model, id, values}' }));
  }
  target.updateRecord(db, model, id, values as Record<string, unknown>);
  return send(
    res,
    json(
      200,
      target.records(db, model).find((r) => r.id === id),
    ),
  );
}

/** The parsed JSON body; undefined once an error answer has been sent. */
async function jsonBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const text = await readBody(req, res, 1024 * 1024);
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    send(res, json(400, { error: 'the body is not valid JSON' }));
    return undefined;
  }
}
