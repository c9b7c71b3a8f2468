import { InjectionToken } from '@angular/core';

/**
 * The shortest wait before the next poll, whatever the answer said: an entry that had already
 * expired when it was served (the server's stale grace), or a clock far ahead of the server's, must
 * not turn polling into a loop.
 */
export const MIN_POLL_DELAY_MS = 1_000;
/** At most this much is added to each poll, so the screens of one tenant do not all ask at once. */
export const MAX_POLL_JITTER_MS = 1_000;

/** A number in [0, 1): Math.random, replaced in tests. */
export const POLL_RANDOM = new InjectionToken<() => number>('random numbers for the poll jitter', {
  providedIn: 'root',
  factory: () => Math.random,
});

/** What an answer says about how long the entry it carries stays current. */
export interface ServedEntry {
  /** When the server read the data (its clock), ISO 8601. */
  refreshedAt: string;
  /** The interval the server recommends: how long its entries live. */
  intervalMs: number;
  /** The answer's Cache-Control max-age in ms (whole seconds, rounded up by the server), if any. */
  maxAgeMs: number | null;
}

/**
 * How long from `now` until the served entry expires: refreshedAt + the interval. Those are the
 * server's times read on our clock, so the remaining max-age (counted on the server's clock when it
 * answered) bounds the result: a clock minutes ahead would otherwise poll as fast as allowed, one
 * behind would wait too long. Never more than one interval.
 */
export function untilExpiry(entry: ServedEntry, now: number): number {
  const readAt = Date.parse(entry.refreshedAt);
  let remaining = Number.isNaN(readAt) ? entry.intervalMs : readAt + entry.intervalMs - now;
  if (entry.maxAgeMs !== null) {
    // The server rounds max-age up to whole seconds: the entry has at most a second less.
    remaining = Math.min(entry.maxAgeMs, Math.max(entry.maxAgeMs - 1_000, remaining));
  }
  return Math.min(remaining, entry.intervalMs);
}

/** When to poll next: as the served entry expires (not before the minimum), plus the jitter. */
export function pollDelay(entry: ServedEntry, now: number, random: () => number): number {
  return Math.max(MIN_POLL_DELAY_MS, untilExpiry(entry, now)) + jitter(random);
}

export function jitter(random: () => number): number {
  return Math.min(Math.max(random(), 0), 0.999) * MAX_POLL_JITTER_MS;
}

/** max-age from a Cache-Control header value, in ms; null when there is none. */
export function maxAgeMs(cacheControl: string | null): number | null {
  const match = cacheControl ? /(?:^|[,\s])max-age=(\d+)/i.exec(cacheControl) : null;
  return match ? Number(match[1]) * 1000 : null;
}
