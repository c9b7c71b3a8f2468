import { testConfig } from '../../test/company-view/fakes';
import { CompanyViewCache, createCacheEntry, createMemoryStore } from './company-view-cache';

function cacheFor(maxTenants: number): CompanyViewCache {
  const config = testConfig({ CACHE_MAX_TENANTS: String(maxTenants) });
  return new CompanyViewCache(createMemoryStore(maxTenants), null, config);
}

describe('CompanyViewCache (in-memory store)', () => {
  it('returns the very entry it stored, untouched by serialisation', async () => {
    const cache = cacheFor(10);
    const entry = createCacheEntry('{"a":1}', 1000);
    await cache.set('t1', entry);
    expect(await cache.get('t1')).toBe(entry);
  });

  it('keeps at most the configured number of tenants, dropping the least recently used', async () => {
    const cache = cacheFor(2);
    await cache.set('t1', createCacheEntry('1', 1000));
    await cache.set('t2', createCacheEntry('2', 1000));
    await cache.get('t1');
    await cache.set('t3', createCacheEntry('3', 1000));
    expect(await cache.get('t2')).toBeUndefined();
    expect((await cache.get('t1'))?.body).toBe('1');
    expect((await cache.get('t3'))?.body).toBe('3');
  });

  it('never returns an entry past its expiry', async () => {
    const cache = cacheFor(10);
    await cache.set('t1', createCacheEntry('old', 1000, Date.now() - 1500));
    expect(await cache.get('t1')).toBeUndefined();
  });

  it('deletes one tenant or all of them', async () => {
    const cache = cacheFor(10);
    for (const t of ['t1', 't2', 't3']) await cache.set(t, createCacheEntry(t, 1000));
    await cache.delete('t1');
    expect(await cache.get('t1')).toBeUndefined();
    expect((await cache.get('t2'))?.body).toBe('t2');
    await cache.clearLocal();
    expect(await cache.get('t2')).toBeUndefined();
    expect(await cache.get('t3')).toBeUndefined();
  });

  it('tags equal bodies alike and different bodies differently, as strong quoted ETags', () => {
    const a = createCacheEntry('{"x":1}', 1000);
    expect(createCacheEntry('{"x":1}', 1000).etag).toBe(a.etag);
    expect(createCacheEntry('{"x":2}', 1000).etag).not.toBe(a.etag);
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });
});
