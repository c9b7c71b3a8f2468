// A small, strict XML reader for XML-RPC bodies. It never expands DTDs or external entities
// (DOCTYPE is refused outright) and bounds nesting depth and element count, so a hostile body
// costs at most linear time in its size.

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Direct character data (CDATA included), entity references decoded. */
  text: string;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 64, maxElements: 500_000 };

/** Reported like expat does: a reason and a 1-based line, 0-based column. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason}: line ${line}, column ${column}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(src: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  return new Reader(src, limits).document();
}

class Reader {
  private pos = 0;
  private elements = 0;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | null = null;

  constructor(
    private readonly src: string,
    private readonly limits: XmlLimits,
  ) {}

  document(): XmlElement {
    const { src } = this;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < src.length) {
      const lt = src.indexOf('<', this.pos);
      const end = lt === -1 ? src.length : lt;
      if (end > this.pos) this.text(this.pos, end);
      if (lt === -1) break;
      this.pos = lt;
      this.markup();
    }
    if (this.stack.length > 0) this.fail('no element found', src.length);
    if (!this.root) this.fail('no element found', src.length);
    return this.root;
  }

  private markup(): void {
    const { src } = this;
    const at = this.pos;
    if (src.startsWith('<?', at)) return this.skipUntil('?>', 'unclosed token');
    if (src.startsWith('<!--', at)) return this.skipUntil('-->', 'unclosed token');
    if (src.startsWith('<![CDATA[', at)) {
      const close = src.indexOf(']]>', at + 9);
      if (close === -1) this.fail('unclosed CDATA section', at);
      this.appendText(src.slice(at + 9, close), at);
      this.pos = close + 3;
      return;
    }
    if (src.startsWith('<!', at)) this.fail('DOCTYPE and declarations are not accepted', at);
    if (src.startsWith('</', at)) return this.closeTag();
    this.openTag();
  }

  private openTag(): void {
    const { src } = this;
    const start = this.pos;
    this.pos++;
    const name = this.name();
    if (this.root && this.stack.length === 0) this.fail('junk after document element', start);
    // Attributes are read for well-formedness and then ignored: XML-RPC defines none.
    for (;;) {
      const ws = this.skipSpace();
      const c = src[this.pos];
      if (c === '>' || (c === '/' && src[this.pos + 1] === '>')) break;
      if (c === undefined) this.fail('unclosed token', start);
      if (!ws) this.fail('not well-formed (invalid token)', this.pos);
      this.name();
      this.skipSpace();
      if (src[this.pos] !== '=') this.fail('not well-formed (invalid token)', this.pos);
      this.pos++;
      this.skipSpace();
      const quote = src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail('not well-formed (invalid token)', this.pos);
      const close = src.indexOf(quote, this.pos + 1);
      if (close === -1) this.fail('unclosed token', start);
      const value = src.slice(this.pos + 1, close);
      if (value.includes('<')) this.fail('not well-formed (invalid token)', this.pos);
      this.decode(value, this.pos + 1);
      this.pos = close + 1;
    }
    if (++this.elements > this.limits.maxElements) this.fail('too many elements', start);
    const element: XmlElement = { name, children: [], text: '' };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else this.root = element;
    if (src[this.pos] === '/') {
      this.pos += 2;
      return;
    }
    this.pos++;
    if (this.stack.length >= this.limits.maxDepth) this.fail('elements nested too deeply', start);
    this.stack.push(element);
  }

  private closeTag(): void {
    const start = this.pos;
    this.pos += 2;
    const name = this.name();
    this.skipSpace();
    if (this.src[this.pos] !== '>') this.fail('not well-formed (invalid token)', this.pos);
    this.pos++;
    const open = this.stack.pop();
    if (!open || open.name !== name) this.fail('mismatched tag', start);
  }

  private text(from: number, to: number): void {
    const raw = this.src.slice(from, to);
    if (this.stack.length === 0) {
      if (raw.trim() !== '') this.fail(this.root ? 'junk after document element' : 'syntax error', from);
      return;
    }
    this.appendText(raw.includes('&') ? this.decode(raw, from) : raw, from);
  }

  private appendText(s: string, at: number): void {
    const current = this.stack[this.stack.length - 1];
    if (!current) {
      if (s.trim() !== '') this.fail('syntax error', at);
      return;
    }
    current.text += s;
  }

  private decode(raw: string, offset: number): string {
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const amp = raw.indexOf('&', i);
      if (amp === -1) {
        out += raw.slice(i);
        break;
      }
      out += raw.slice(i, amp);
      const semi = raw.indexOf(';', amp);
      if (semi === -1 || semi - amp > 12) this.fail('not well-formed (invalid token)', offset + amp);
      const ref = raw.slice(amp + 1, semi);
      out += this.entity(ref, offset + amp);
      i = semi + 1;
    }
    return out;
  }

  private entity(ref: string, at: number): string {
    if (ref in PREDEFINED) return PREDEFINED[ref];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) this.fail('undefined entity', at);
    const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0x10ffff && code !== 0xfffe && code !== 0xffff);
    if (!allowed) this.fail('reference to invalid character number', at);
    return String.fromCodePoint(code);
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.src);
    if (!m) this.fail('not well-formed (invalid token)', this.pos);
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const from = this.pos;
    while (this.pos < this.src.length && ' \t\r\n'.includes(this.src[this.pos])) this.pos++;
    return this.pos > from;
  }

  private skipUntil(terminator: string, reason: string): void {
    const close = this.src.indexOf(terminator, this.pos + 2);
    if (close === -1) this.fail(reason, this.pos);
    this.pos = close + terminator.length;
  }

  private fail(reason: string, at: number): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.src.length; i++) {
      if (this.src.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new XmlSyntaxError(reason, line, at - lineStart);
  }
}
