import dateFormatter from 'xmlrpc/lib/date_formatter';

// Decodes an XML-RPC method response in one pass of a sticky regular expression over the body, with a
// stack of open elements. It accepts exactly the elements a method response may hold and fails on
// anything else. This replaced the `xmlrpc` package's decoder, built on the `sax` parser, which took
// about a third of the server's CPU while it aggregated (bench/README.md, B4).

/** A method response's outcome: its one parameter, or the struct of its fault. */
export type XmlRpcOutcome = { kind: 'value'; value: unknown } | { kind: 'fault'; value: unknown };

/** Thrown for a body that is not a well-formed method response; never quotes the body. */
export class XmlRpcSyntaxError extends Error {}

export interface DecodeLimits {
  /** Arrays and structs nested deeper than this are refused. */
  maxNesting: number;
  /** Tokens decoded between two checks of `pause` (a long answer does not hold the event loop). */
  tokensPerSlice: number;
  /** Called between slices: yields to the event loop, and may throw (an abort) to stop the decode. */
  pause: () => Promise<void>;
}

// One token: CDATA, a tag (closing, opening or self-closing; attributes ignored), a declaration or
// comment, or text up to the next tag.
const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z][\w.:-]*)(?:\s[^>]*?)?(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|([^<]+)/y;
const BLANK = /^\s*$/;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const BARE_AMPERSAND = /&(?!(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);)/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const INTEGER = /^\s*[-+]?\d+\s*$/;
const DOUBLE = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const SCALARS = new Set(['int', 'i4', 'i8', 'double', 'boolean', 'string', 'base64', 'dateTime.iso8601', 'nil']);
const VALUE_HOLDERS = new Set(['param', 'fault', 'data', 'member']);

type ValueFrame = { tag: 'value'; text: string; result?: { value: unknown } };

type Frame =
  | { tag: 'methodResponse' | 'params' | 'param' | 'fault' | 'data' }
  | ValueFrame
  | { tag: 'scalar'; name: string; text: string }
  | { tag: 'array'; items: unknown[] }
  | { tag: 'struct'; fields: Record<string, unknown> }
  | { tag: 'member'; name?: string; value?: { value: unknown } }
  | { tag: 'name'; text: string };

/** Where each element may appear: the tag of the frame it must open inside. */
const PARENT: Record<string, string | undefined> = {
  params: 'methodResponse',
  fault: 'methodResponse',
  param: 'params',
  array: 'value',
  struct: 'value',
  data: 'array',
  member: 'struct',
  name: 'member',
};

export async function decodeMethodResponse(body: string, limits: DecodeLimits): Promise<XmlRpcOutcome> {
  const builder = new ResponseBuilder(limits.maxNesting);
  // Its own copy: decodes interleave at their pauses, and a sticky expression carries its position.
  const token = new RegExp(TOKEN);
  let tokens = 0;
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const m = token.exec(body);
    if (!m || m.index !== at) throw new XmlRpcSyntaxError('not XML');
    const [, cdata, slash, name, selfClosing, chars] = m;
    if (cdata !== undefined) builder.text(cdata);
    else if (chars !== undefined) builder.text(unescape(chars));
    else if (name !== undefined) builder.tag(name, slash === '/', selfClosing === '/');
    if (++tokens % limits.tokensPerSlice === 0) await limits.pause();
  }
  return builder.outcome();
}

const fail = (why: string): never => {
  throw new XmlRpcSyntaxError(why);
};

/** Builds the response's value from its elements, as they come, on a stack of the open ones. */
class ResponseBuilder {
  private readonly stack: Frame[] = [];
  private nesting = 0;
  private result: XmlRpcOutcome | undefined;
  private closed = false;

  constructor(private readonly maxNesting: number) {}

  tag(name: string, closing: boolean, selfClosing: boolean): void {
    if (closing) return this.close(name);
    this.open(name);
    if (selfClosing) this.close(name);
  }

  text(chunk: string): void {
    const frame = this.top();
    if (frame?.tag === 'value' && frame.result) {
      if (!BLANK.test(chunk)) fail('text beside a typed value');
    } else if (frame?.tag === 'value' || frame?.tag === 'scalar' || frame?.tag === 'name') {
      frame.text += chunk;
    } else if (!BLANK.test(chunk)) {
      fail('text out of place');
    }
  }

  outcome(): XmlRpcOutcome {
    if (!this.closed || !this.result) return fail('an incomplete response');
    return this.result;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(name: string): void {
    const frame = this.top();
    if (this.closed) fail('content after the response');
    if (name === 'methodResponse') {
      if (frame) fail('a nested methodResponse');
      this.stack.push({ tag: 'methodResponse' });
    } else if (name === 'value') {
      if (!frame || !VALUE_HOLDERS.has(frame.tag)) fail('a value out of place');
      this.stack.push({ tag: 'value', text: '' });
    } else if (SCALARS.has(name) || name === 'array' || name === 'struct') {
      // A value holds one typed child, with nothing but blanks beside it.
      if (frame?.tag !== 'value' || frame.result || !BLANK.test(frame.text)) fail('a typed value out of place');
      this.stack.push(this.typed(name));
    } else {
      if (PARENT[name] === undefined || frame?.tag !== PARENT[name]) fail('an unexpected element');
      this.stack.push(
        name === 'member' ? { tag: 'member' } : name === 'name' ? { tag: 'name', text: '' } : { tag: name as 'params' | 'param' | 'fault' | 'data' },
      );
    }
  }

  private typed(name: string): Frame {
    if (name !== 'array' && name !== 'struct') return { tag: 'scalar', name, text: '' };
    if (++this.nesting > this.maxNesting) fail('nested too deeply');
    return name === 'array' ? { tag: 'array', items: [] } : { tag: 'struct', fields: {} };
  }

  private close(name: string): void {
    const frame = this.stack.pop();
    if (!frame || (frame.tag === 'scalar' ? frame.name : frame.tag) !== name) return fail('a mismatched closing tag');
    const holder = this.top();
    if (frame.tag === 'scalar') (holder as ValueFrame).result = { value: scalar(frame.name, frame.text) };
    else if (frame.tag === 'array' || frame.tag === 'struct') {
      this.nesting--;
      (holder as ValueFrame).result = { value: frame.tag === 'array' ? frame.items : frame.fields };
    } else if (frame.tag === 'value') this.deliver(frame.result ? frame.result.value : frame.text);
    else if (frame.tag === 'name') (holder as Extract<Frame, { tag: 'member' }>).name = frame.text;
    else if (frame.tag === 'member') this.addMember(frame, holder as Extract<Frame, { tag: 'struct' }>);
    else if (frame.tag === 'methodResponse') this.closed = true;
  }

  private addMember(member: Extract<Frame, { tag: 'member' }>, struct: Extract<Frame, { tag: 'struct' }>): void {
    if (member.name === undefined || !member.value) return fail('a member without its name or value');
    // Defined, not assigned: a member named __proto__ stays an ordinary field.
    Object.defineProperty(struct.fields, member.name, { value: member.value.value, enumerable: true, writable: true, configurable: true });
  }

  /** A finished value goes to whatever holds it. */
  private deliver(value: unknown): void {
    const holder = this.top();
    const below = this.stack[this.stack.length - 2];
    if (holder?.tag === 'data' && below?.tag === 'array') below.items.push(value);
    else if (holder?.tag === 'member') holder.value = { value };
    else if (holder?.tag === 'param') this.result = { kind: 'value', value };
    else if (holder?.tag === 'fault') this.result = { kind: 'fault', value };
    else fail('a value out of place');
  }
}

function scalar(name: string, text: string): unknown {
  switch (name) {
    case 'nil':
      return null;
    case 'string':
      return text;
    case 'int':
    case 'i4':
      if (!INTEGER.test(text)) throw new XmlRpcSyntaxError('an integer that is not one');
      return parseInt(text, 10);
    case 'i8':
      // Beyond 2^53 a number would lose digits: kept as its decimal text.
      if (!INTEGER.test(text)) throw new XmlRpcSyntaxError('an integer that is not one');
      return text.trim();
    case 'double':
      if (!DOUBLE.test(text)) throw new XmlRpcSyntaxError('a double that is not one');
      return parseFloat(text);
    case 'boolean':
      if (text.trim() === '1') return true;
      if (text.trim() === '0') return false;
      throw new XmlRpcSyntaxError('a boolean that is not one');
    case 'base64':
      return Buffer.from(text, 'base64');
    default:
      try {
        return dateFormatter.decodeIso8601(text.trim());
      } catch {
        throw new XmlRpcSyntaxError('a date that is not one');
      }
  }
}

function unescape(chars: string): string {
  if (!chars.includes('&')) return chars;
  if (BARE_AMPERSAND.test(chars)) throw new XmlRpcSyntaxError('an ampersand that starts no entity');
  return chars.replace(ENTITY, (_, entity: string) => {
    if (entity[0] !== '#') return NAMED[entity];
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff)) throw new XmlRpcSyntaxError('a character reference out of range');
    return String.fromCodePoint(code);
  });
}
