import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { get, type IncomingHttpHeaders } from 'node:http';
import { CLIENT_DIR } from '../../server/app.factory';
import { ensureClientBuilt } from '../browser/support/client-build';
import { startTestApp, type TestApp } from '../support/app-fixture';

// The client is served from the copies the build compressed once at the strongest levels (brotli 11,
// gzip 9), with Content-Encoding and Vary, and as the plain file to a client that accepts neither.
/** Byte equality without Jest diffing a few hundred kilobytes when it fails. */
function sameBytes(actual: Buffer, expected: Buffer): boolean {
  return actual.equals(expected);
}

describe('Pre-compressed client files', () => {
  let app: TestApp;
  let mainBundle: string;

  beforeAll(async () => {
    ensureClientBuilt();
    mainBundle = readdirSync(CLIENT_DIR).find((name) => /^main-.*\.js$/.test(name))!;
    app = await startTestApp({ demoOdoo: false });
  }, 300_000);
  afterAll(() => app?.close());

  /** The bytes as they travel (supertest would decompress them on the way in). */
  const raw = (encoding: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      get(`${app.url}/${mainBundle}`, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  it('sends the brotli copy, byte for byte, to a browser that accepts br', async () => {
    const res = await raw('gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(sameBytes(res.body, readFileSync(join(CLIENT_DIR, `${mainBundle}.br`)))).toBe(true);
    expect(sameBytes(brotliDecompressSync(res.body), readFileSync(join(CLIENT_DIR, mainBundle)))).toBe(true);
  });

  it('sends the gzip copy to a client that accepts only gzip', async () => {
    const res = await raw('gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(sameBytes(res.body, readFileSync(join(CLIENT_DIR, `${mainBundle}.gz`)))).toBe(true);
    expect(sameBytes(gunzipSync(res.body), readFileSync(join(CLIENT_DIR, mainBundle)))).toBe(true);
  });

  it('falls back to the plain file', async () => {
    const res = await raw('identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(sameBytes(res.body, readFileSync(join(CLIENT_DIR, mainBundle)))).toBe(true);
  });

  it('keeps the copies smaller than per-request compression would', () => {
    const plain = readFileSync(join(CLIENT_DIR, mainBundle));
    const brotli = readFileSync(join(CLIENT_DIR, `${mainBundle}.br`));
    // Quality 11 against the quality 4 a per-request compressor uses.
    expect(brotli.length).toBeLessThan(brotliDecompressSync(brotli).length);
    const fast = brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    expect(brotli.length).toBeLessThan(fast.length);
  });
});
