import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { AuthEvents, type AuthChange } from './auth-events';
import { UNCHANGED } from './better-auth';
import { SessionMemo } from './session-memo';

/** The change numbered `seq` here (made by transaction `tx`) is still news until `until` (ms since epoch). */
interface Mark {
  seq: number;
  tx: string;
  until: number;
}

/**
 * Turns the database's session and user change announcements into what every cache of this
 * instance must stop trusting:
 * - the session memo drops the session's (or user's) entries at once;
 * - Better Auth's cookie cache of a changed session stops matching its expected version, so Better
 *   Auth reads the database instead, for as long as a cookie written before the change could live;
 * - the guard does not remember a validation that began before a change to that session or user.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnModuleDestroy {
  private seq = 0;
  private lastReset = 0;
  private readonly sessions = new Map<string, Mark>();
  private readonly users = new Map<string, Mark>();
  private readonly keepMs: number;
  private subscription: Subscription | null = null;

  constructor(
    private readonly memo: SessionMemo,
    private readonly events: AuthEvents,
    config: AppConfig,
  ) {
    this.keepMs = config.auth.sessionCacheMaxAgeS * 1000;
  }

  onModuleInit(): void {
    this.subscription = this.events.changes$.subscribe((change) => this.apply(change));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  apply(change: AuthChange): void {
    const seq = ++this.seq;
    if (change.kind === 'reset') {
      this.lastReset = seq;
      this.memo.clear();
    } else if (change.kind === 'session') {
      mark(this.sessions, change.sessionId, { seq, tx: change.tx, until: Date.now() + this.keepMs });
      this.memo.forgetSession(change.sessionId);
    } else {
      mark(this.users, change.userId, { seq, tx: change.tx, until: Date.now() + this.keepMs });
      this.memo.forgetUser(change.userId);
    }
  }

  /** A position in the stream of changes, to compare with later (see `changedSince`). */
  get position(): number {
    return this.seq;
  }

  /** Whether the session or its user changed (or anything may have) after `position`. */
  changedSince(position: number, sessionId: string, userId: string): boolean {
    return this.lastReset > position || (current(this.sessions, sessionId)?.seq ?? 0) > position || (current(this.users, userId)?.seq ?? 0) > position;
  }

  /**
   * The version Better Auth stamps into a cookie cache and expects back. It changes with every
   * change to the session or its user, so a cookie written before the change no longer matches;
   * built from transaction ids, it is the same on every instance that heard the same changes.
   */
  cookieCacheVersion(sessionId: string, userId: string): string {
    const session = current(this.sessions, sessionId);
    const user = current(this.users, userId);
    return session || user ? `changed-${session?.tx ?? 0}-${user?.tx ?? 0}` : UNCHANGED;
  }
}

function mark(marks: Map<string, Mark>, id: string, latest: Mark): void {
  const now = Date.now();
  // Oldest first (insertion order): drop the marks whose news is stale.
  for (const [key, old] of marks) {
    if (old.until > now) break;
    marks.delete(key);
  }
  marks.delete(id);
  marks.set(id, latest);
}

/** The last change to `id` still worth knowing. */
function current(marks: Map<string, Mark>, id: string): Mark | undefined {
  const found = marks.get(id);
  return found && found.until > Date.now() ? found : undefined;
}
