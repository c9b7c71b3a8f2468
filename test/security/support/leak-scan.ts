// Collecting what the application says (log lines, HTTP answers) and scanning it for things it
// must never say: secrets by value, stack traces, SQL, file-system paths.
import { PassThrough } from 'node:stream';

/** Receives the app's log stream and keeps every line. */
export class LogCapture {
  readonly stream = new PassThrough();
  readonly lines: string[] = [];
  private partial = '';

  constructor() {
    this.stream.on('data', (chunk: Buffer) => {
      const text = this.partial + chunk.toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts.filter((l) => l.trim()));
    });
  }
}

/** A named secret: the label goes into failure messages, never the value. */
export interface Secret {
  label: string;
  value: string;
}

/** Where each secret shows up in `text`, as "<label>" entries; empty when none does. */
export function secretsIn(text: string, secrets: Secret[]): string[] {
  return secrets.filter((s) => s.value.length >= 8 && text.includes(s.value)).map((s) => s.label);
}

/** The text with every secret replaced by its label, safe to print in a failure message. */
export function redact(text: string, secrets: Secret[]): string {
  return secrets.reduce((out, s) => out.split(s.value).join(`<${s.label}>`), text);
}

const INTERNALS: Array<[string, RegExp]> = [
  ['a JavaScript stack frame', /(^|\n)\s*at\s+\S|\bat\s+[\w.$<>]+\s+\([^)]*:\d+:\d+\)/],
  ['a Python traceback', /Traceback \(most recent call last\)|File "[^"]+", line \d+/],
  ['SQL', /\bSELECT\s[^"]{0,200}?\bFROM\s+"?\w|\bINSERT\s+INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b|\bDELETE\s+FROM\b/i],
  [
    'a database error',
    /QueryFailedError|syntax error at or near|violates (unique|foreign key|check) constraint|relation "[^"]+" does not exist|duplicate key value/i,
  ],
  ['a file-system path', /(^|[\s"'(=:])\/(?:work|home|tmp|usr|opt|var|root|srv|app|etc)\/[\w.\-/]+|node_modules|\b[\w-]+\.(?:ts|js|mjs|cjs|py):\d+/],
];

/** Internals a client must never see, by name. */
export function internalsIn(text: string): string[] {
  return INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}
