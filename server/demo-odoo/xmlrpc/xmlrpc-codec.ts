// XML-RPC as Python's xmlrpc.client speaks it: requests decoded the way its Unmarshaller reads
// them, responses written byte for byte the way its Marshaller (16/17) or Odoo's own dumps()
// (18/19) writes them.

import type { DemoOdooVersion } from '../demo-odoo.types';
import { PyException } from '../python/odoo-exceptions';
import { PyFloat, pyFloatRepr, pyStrRepr } from '../python/py-values';
import { parseXml, XmlElement, XmlLimits, XmlSyntaxError, DEFAULT_XML_LIMITS } from './xml-reader';

export interface MethodCall {
  method: string;
  params: unknown[];
}

const parseError = (cls: 'builtins.ValueError' | 'builtins.TypeError' | 'xmlrpc.client.ResponseError', msg: string) => new PyException(cls, msg, 'parse');

/** Reads a <methodCall>. Malformed input raises what Python would (shown by Odoo as fault 1). */
export function decodeMethodCall(body: string, limits: XmlLimits = DEFAULT_XML_LIMITS): MethodCall {
  let root: XmlElement;
  try {
    root = parseXml(body, limits);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new PyException('xml.parsers.expat.ExpatError', e.message, 'parse');
    throw e;
  }
  if (localName(root.name) !== 'methodCall')
    throw parseError('xmlrpc.client.ResponseError', `ResponseError(${pyStrRepr(`unknown tag ${pyStrRepr(root.name)}`)})`);
  const nameEl = root.children.find((c) => localName(c.name) === 'methodName');
  const paramsEl = root.children.find((c) => localName(c.name) === 'params');
  const params: unknown[] = [];
  for (const param of paramsEl?.children ?? []) {
    if (localName(param.name) !== 'param') continue;
    const value = param.children.find((c) => localName(c.name) === 'value');
    if (value) params.push(decodeValue(value));
  }
  return { method: nameEl ? nameEl.text : '', params };
}

function localName(tag: string): string {
  const colon = tag.lastIndexOf(':');
  return colon === -1 ? tag : tag.slice(colon + 1);
}

const INT_TAGS = new Set(['int', 'i4', 'i8', 'i1', 'i2', 'biginteger']);
const FLOAT_TAGS = new Set(['double', 'float', 'bigdecimal']);

export function decodeValue(el: XmlElement): unknown {
  if (el.children.length === 0) return el.text;
  const typed = el.children[el.children.length - 1];
  const tag = localName(typed.name);
  if (tag === 'string') return typed.text;
  if (INT_TAGS.has(tag)) return decodeInt(typed.text);
  if (FLOAT_TAGS.has(tag)) return decodeFloat(typed.text);
  switch (tag) {
    case 'boolean':
      if (typed.text === '0') return false;
      if (typed.text === '1') return true;
      throw parseError('builtins.TypeError', 'bad boolean value');
    case 'nil':
      return null;
    case 'array':
      return decodeArray(typed);
    case 'struct':
      return decodeStruct(typed);
    case 'dateTime.iso8601':
      return decodeDateTime(typed.text);
    case 'base64':
      return Buffer.from(typed.text.replace(/\s+/g, ''), 'base64');
    default:
      throw parseError('xmlrpc.client.ResponseError', `ResponseError(${pyStrRepr(`unknown tag ${pyStrRepr(tag)}`)})`);
  }
}

function decodeInt(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw parseError('builtins.ValueError', `invalid literal for int() with base 10: ${pyStrRepr(text)}`);
  return Number(t);
}

function decodeFloat(text: string): number {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(t)) {
    throw parseError('builtins.ValueError', `could not convert string to float: ${pyStrRepr(text)}`);
  }
  const lower = t.toLowerCase().replace(/^[+]/, '');
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower.endsWith('nan')) return NaN;
  return Number(t);
}

function decodeArray(el: XmlElement): unknown[] {
  const data = el.children.find((c) => localName(c.name) === 'data');
  return (data?.children ?? []).filter((c) => localName(c.name) === 'value').map(decodeValue);
}

function decodeStruct(el: XmlElement): Record<string, unknown> {
  // Null prototype: a member named "__proto__" stays an ordinary key.
  const out = Object.create(null) as Record<string, unknown>;
  for (const member of el.children) {
    if (localName(member.name) !== 'member') continue;
    const name = member.children.find((c) => localName(c.name) === 'name');
    const value = member.children.find((c) => localName(c.name) === 'value');
    if (!name || !value) continue;
    out[name.text] = decodeValue(value);
  }
  return out;
}

/** 20240709T10:30:00 becomes the string the ORM would compare: 2024-07-09 10:30:00. */
function decodeDateTime(text: string): string {
  const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})/.exec(text);
  if (!m) throw parseError('builtins.ValueError', `time data ${pyStrRepr(text.trim())} does not match format '%Y%m%dT%H:%M:%S'`);
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
}

// ---------------------------------------------------------------- responses

/** Control characters Odoo strips from every string it marshals (all below 32 except \t \n \r). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

function escapeText(s: string): string {
  return s.replace(CONTROL_CHARACTERS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Raised when a result holds what allow_none=False or XML-RPC's int range refuse. */
export class MarshalError extends PyException {}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

function dumpValue(v: unknown, out: string[]): void {
  if (v === null || v === undefined) throw new MarshalError('builtins.TypeError', 'cannot marshal None unless allow_none is enabled', 'dispatch');
  if (v === true || v === false) {
    out.push(`<value><boolean>${v ? '1' : '0'}</boolean></value>\n`);
  } else if (v instanceof PyFloat) {
    out.push(`<value><double>${pyFloatRepr(v.value)}</double></value>\n`);
  } else if (typeof v === 'number') {
    if (!Number.isInteger(v)) {
      out.push(`<value><double>${pyFloatRepr(v)}</double></value>\n`);
    } else {
      if (v > INT_MAX || v < INT_MIN) throw new MarshalError('builtins.OverflowError', 'int exceeds XML-RPC limits', 'dispatch');
      out.push(`<value><int>${v}</int></value>\n`);
    }
  } else if (typeof v === 'string') {
    out.push(`<value><string>${escapeText(v)}</string></value>\n`);
  } else if (Buffer.isBuffer(v)) {
    // OdooMarshaller.dump_bytes: bytes travel as their decoded text.
    out.push(`<value><string>${escapeText(v.toString('utf8'))}</string></value>\n`);
  } else if (Array.isArray(v)) {
    out.push('<value><array><data>\n');
    for (const item of v) dumpValue(item, out);
    out.push('</data></array></value>\n');
  } else if (typeof v === 'object') {
    out.push('<value><struct>\n');
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      out.push('<member>\n', `<name>${escapeText(k)}</name>\n`);
      dumpValue(item, out);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
  } else {
    throw new MarshalError('builtins.TypeError', `cannot marshal ${typeof v} objects`, 'dispatch');
  }
}

function envelope(inner: string, version: DemoOdooVersion): string {
  // 16/17 use xmlrpc.client.dumps; 18/19 wrap the marshalled text in their own template.
  if (version >= 18) return `<?xml version="1.0"?>\n<methodResponse>\n${inner}\n</methodResponse>\n`;
  return `<?xml version='1.0'?>\n<methodResponse>\n${inner}</methodResponse>\n`;
}

export function encodeResponse(value: unknown, version: DemoOdooVersion): string {
  const out: string[] = ['<params>\n', '<param>\n'];
  dumpValue(value, out);
  out.push('</param>\n', '</params>\n');
  return envelope(out.join(''), version);
}

export function encodeFault(fault: { faultCode: number | string; faultString: string }, version: DemoOdooVersion): string {
  const out: string[] = ['<fault>\n'];
  dumpValue({ faultCode: fault.faultCode, faultString: fault.faultString }, out);
  out.push('</fault>\n');
  return envelope(out.join(''), version);
}

/** The opening and closing text of a response whose single value is an array: used to stream huge answers. */
export function arrayResponseFrame(version: DemoOdooVersion): { head: string; tail: string } {
  const full = encodeResponse([], version);
  const marker = '<value><array><data>\n';
  const cut = full.indexOf(marker) + marker.length;
  return { head: full.slice(0, cut), tail: full.slice(cut) };
}

export function stringValue(s: string): string {
  return `<value><string>${escapeText(s)}</string></value>\n`;
}

export { DEFAULT_XML_LIMITS };
export type { XmlLimits };
