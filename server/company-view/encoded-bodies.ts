import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { CompanyViewCacheEntry } from './company-view-cache';

// A cached company view is sent many times: encode its body once per form (plain bytes, br, gzip)
// and keep the results beside the entry for as long as the entry itself lives.

export type BodyEncoding = 'br' | 'gzip' | 'identity';

interface Forms {
  identity?: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** Smaller bodies are not worth compressing; the global compression plugin uses the same threshold. */
export const MIN_COMPRESS_BYTES = 1024;
const forms = new WeakMap<CompanyViewCacheEntry, Forms>();

export function encodedBody(entry: CompanyViewCacheEntry, encoding: BodyEncoding): Buffer {
  let cached = forms.get(entry);
  if (!cached) forms.set(entry, (cached = {}));
  return (cached[encoding] ??= encode(entry.body, encoding));
}

function encode(body: string, encoding: BodyEncoding): Buffer {
  const raw = Buffer.from(body, 'utf8');
  if (encoding === 'br') return brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  if (encoding === 'gzip') return gzipSync(raw, { level: 6 });
  return raw;
}

/** The best encoding the client accepts (br over gzip), honouring q=0 refusals. */
export function chooseEncoding(acceptEncoding: string | undefined, bodyLength: number): BodyEncoding {
  if (!acceptEncoding || bodyLength < MIN_COMPRESS_BYTES) return 'identity';
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (!refused) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}
