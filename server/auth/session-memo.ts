import { LRUCache } from 'lru-cache';
import type { SessionUser } from './session-user';

export interface RememberedSession {
  sessionId: string;
  user: SessionUser;
}

/**
 * Remembers, per signed session-token cookie, that Better Auth accepted it, so the hot path skips
 * Better Auth's per-request work (crypto, and queries once its cookie cache is stale): one map
 * lookup. Entries are dropped by session id or user id when the database announces a change.
 */
export class SessionMemo {
  private readonly entries: LRUCache<string, RememberedSession>;
  private readonly cookiesBySession = new Map<string, Set<string>>();
  private readonly cookiesByUser = new Map<string, Set<string>>();

  /** `clock`: what lifetimes are counted on (tests pass their own; the default is the LRU's). */
  constructor(maxEntries = 50_000, clock?: { now(): number }) {
    this.entries = new LRUCache({
      max: maxEntries,
      // An injected clock is read on every check (the LRU otherwise reuses a reading for 1 ms).
      ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
      ttlAutopurge: false,
      // Expired, evicted, replaced or deleted: the indexes follow.
      dispose: (entry, cookie) => this.unindex(entry, cookie),
    });
  }

  get(cookie: string): RememberedSession | undefined {
    return this.entries.get(cookie);
  }

  remember(cookie: string, entry: RememberedSession, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.set(cookie, entry, { ttl: ttlMs });
    addTo(this.cookiesBySession, entry.sessionId, cookie);
    addTo(this.cookiesByUser, entry.user.id, cookie);
  }

  forget(cookie: string): void {
    this.entries.delete(cookie);
  }

  forgetSession(sessionId: string): void {
    for (const cookie of [...(this.cookiesBySession.get(sessionId) ?? [])]) this.entries.delete(cookie);
  }

  forgetUser(userId: string): void {
    for (const cookie of [...(this.cookiesByUser.get(userId) ?? [])]) this.entries.delete(cookie);
  }

  clear(): void {
    this.entries.clear();
    this.cookiesBySession.clear();
    this.cookiesByUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private unindex(entry: RememberedSession, cookie: string): void {
    removeFrom(this.cookiesBySession, entry.sessionId, cookie);
    removeFrom(this.cookiesByUser, entry.user.id, cookie);
  }
}

function addTo(index: Map<string, Set<string>>, key: string, cookie: string): void {
  const cookies = index.get(key);
  if (cookies) cookies.add(cookie);
  else index.set(key, new Set([cookie]));
}

function removeFrom(index: Map<string, Set<string>>, key: string, cookie: string): void {
  const cookies = index.get(key);
  if (!cookies) return;
  cookies.delete(cookie);
  if (cookies.size === 0) index.delete(key);
}
