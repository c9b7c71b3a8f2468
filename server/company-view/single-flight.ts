import { Injectable } from '@nestjs/common';
import type { CompanyViewCacheEntry } from './company-view-cache';

/** One build in progress for a key; every request that misses meanwhile waits for it. */
interface Flight {
  promise: Promise<CompanyViewCacheEntry | undefined>;
  /** Set when the tenant's settings changed mid-flight: the result is still served, never stored. */
  stale: boolean;
}

/** At most one build per cache key in this process; later callers join the one under way. */
@Injectable()
export class SingleFlight {
  private readonly flights = new Map<string, Flight>();

  /** The build under way for `key`, if any. */
  current(key: string): Promise<CompanyViewCacheEntry | undefined> | undefined {
    return this.flights.get(key)?.promise;
  }

  /** Starts `run` as the key's build; `isStale` tells it whether it was abandoned meanwhile. */
  start(key: string, run: (isStale: () => boolean) => Promise<CompanyViewCacheEntry | undefined>): Promise<CompanyViewCacheEntry | undefined> {
    const flight: Flight = { promise: Promise.resolve(undefined), stale: false };
    flight.promise = run(() => flight.stale);
    this.flights.set(key, flight);
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.promise.then(land, land);
    return flight.promise;
  }

  /** Its waiters still get the result, but it will not be stored and the next request starts anew. */
  abandon(key: string): void {
    const flight = this.flights.get(key);
    if (!flight) return;
    flight.stale = true;
    this.flights.delete(key);
  }

  keys(): string[] {
    return [...this.flights.keys()];
  }
}
