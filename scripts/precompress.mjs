// Writes a brotli (quality 11) and a gzip (level 9) copy beside every compressible file of the
// built client, so the server sends pre-compressed bytes instead of compressing per request at a
// fast, weaker level. Copies that would not be smaller are not written.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.ico', '.webmanifest', '.xml']);
/** Below this, compression saves less than the header costs. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

export function isCompressible(path) {
  return COMPRESSIBLE.has(extname(path)) && statSync(path).size >= MIN_BYTES;
}

/** True when a compressible file of `dir` has no copy at all (a build made without this step). */
export function copiesMissing(dir) {
  return [...files(dir)].some((path) => isCompressible(path) && !existsSync(`${path}.br`) && !existsSync(`${path}.gz`));
}

export function precompress(dir) {
  let written = 0;
  for (const path of files(dir)) {
    if (!isCompressible(path)) continue;
    const original = readFileSync(path);
    const br = brotliCompressSync(original, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: original.length },
    });
    const gz = gzipSync(original, { level: 9 });
    for (const [extension, copy] of [
      ['.br', br],
      ['.gz', gz],
    ]) {
      if (copy.length >= original.length) continue;
      writeFileSync(`${path}${extension}`, copy);
      written++;
    }
  }
  return written;
}

if (import.meta.filename === process.argv[1]) {
  const dir = process.argv[2] ?? join(import.meta.dirname, '..', 'dist', 'client', 'browser');
  console.error(`Pre-compressed ${precompress(dir)} copies in ${dir}`);
}
