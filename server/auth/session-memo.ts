import { LRUCache } from 'lru-cache';
import type { SessionUser } from '../tenant/tenant-context';

/**
 * Remembers, per signed session-token cookie, that Better Auth accepted it — so the hot path skips
 * Better Auth's per-request crypto. An entry never outlives the session cookie cache's max age nor
 * the session itself, so a revoked session is refused as soon as Better Auth would refuse it.
 */
export class SessionMemo {
  private readonly entries: LRUCache<string, SessionUser>;

  constructor(maxEntries = 50_000) {
    this.entries = new LRUCache({ max: maxEntries, ttlAutopurge: false });
  }

  get(token: string): SessionUser | undefined {
    return this.entries.get(token);
  }

  remember(token: string, user: SessionUser, ttlMs: number): void {
    if (ttlMs > 0) this.entries.set(token, user, { ttl: ttlMs });
  }

  forget(token: string): void {
    this.entries.delete(token);
  }

  forgetUser(userId: string): void {
    for (const [token, user] of this.entries.entries()) if (user.id === userId) this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }
}
