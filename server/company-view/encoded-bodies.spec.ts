import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createCacheEntry } from './company-view-cache';
import { chooseEncoding, encodedBody } from './encoded-bodies';

describe('encoded company view bodies', () => {
  const body = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ id: String(i), name: `Row ${i}` })) });

  it('encodes each form once per entry and decodes back to the stored body', () => {
    const entry = createCacheEntry(body, 1000);
    const br = encodedBody(entry, 'br');
    const gzip = encodedBody(entry, 'gzip');
    expect(brotliDecompressSync(br).toString()).toBe(body);
    expect(gunzipSync(gzip).toString()).toBe(body);
    expect(encodedBody(entry, 'identity').toString()).toBe(body);
    expect(br.length).toBeLessThan(body.length / 3);
    // Same entry, same bytes: the work is not repeated per request.
    expect(encodedBody(entry, 'br')).toBe(br);
    // Another entry gets its own forms.
    expect(encodedBody(createCacheEntry(body.replace('Row 1', 'Row X'), 1000), 'br')).not.toBe(br);
  });

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.8', 'gzip'],
    ['identity', 'identity'],
    [undefined, 'identity'],
  ])('picks %p -> %p', (header, expected) => {
    expect(chooseEncoding(header, 5000)).toBe(expected);
  });

  it('leaves small bodies uncompressed', () => {
    expect(chooseEncoding('br', 200)).toBe('identity');
  });
});
