import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { DATABASE_URL } from '../database/database-url';
import { PgListener } from '../database/pg-listener';

/** A session row was updated or deleted (signed out, revoked, refreshed, expired by hand…). */
export interface SessionChange {
  kind: 'session';
  op: 'update' | 'delete';
  sessionId: string;
  userId: string;
  /** The id of the transaction that made the change: the same on every instance. */
  tx: string;
}

/** A user row was updated or deleted (disabled, renamed…): re-read whatever you keep about them. */
export interface UserChange {
  kind: 'user';
  op: 'update' | 'delete';
  userId: string;
  /** The id of the transaction that made the change: the same on every instance. */
  tx: string;
}

/** The listener (re)connected: changes may have been missed, so forget everything. */
export interface AuthReset {
  kind: 'reset';
}

export type AuthChange = SessionChange | UserChange | AuthReset;

const AUTH_CHANGES_CHANNEL = 'company_view_auth_changes';

/**
 * Session and user changes from anywhere (this process, other instances, the admin CLI,
 * hand-written SQL), announced by table triggers through PostgreSQL LISTEN/NOTIFY.
 */
@Injectable()
export class AuthEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuthEvents.name);
  private readonly subject = new Subject<AuthChange>();
  readonly changes$: Observable<AuthChange> = this.subject.asObservable();
  private readonly listener: PgListener;

  constructor(@Inject(DATABASE_URL) url: string) {
    this.listener = new PgListener(
      url,
      AUTH_CHANGES_CHANNEL,
      { notification: (payload) => this.onNotification(payload), listening: () => this.subject.next({ kind: 'reset' }) },
      this.logger,
    );
  }

  onModuleInit(): void {
    this.listener.start();
  }

  private onNotification(payload: string | undefined): void {
    const change = parseChange(payload);
    if (!change) this.logger.warn('Unreadable auth change notification; forgetting every cached session');
    this.subject.next(change ?? { kind: 'reset' });
  }

  async onApplicationShutdown(): Promise<void> {
    this.subject.complete();
    await this.listener.stop();
  }
}

function parseChange(payload: string | undefined): SessionChange | UserChange | null {
  let row: { table?: unknown; op?: unknown; id?: unknown; userId?: unknown; tx?: unknown };
  try {
    row = JSON.parse(payload ?? '') as typeof row;
  } catch {
    return null;
  }
  const { table, op, id, userId, tx } = row;
  if ((op !== 'update' && op !== 'delete') || typeof id !== 'string' || typeof userId !== 'string' || typeof tx !== 'string') return null;
  if (table === 'session') return { kind: 'session', op, sessionId: id, userId, tx };
  if (table === 'user') return { kind: 'user', op, userId, tx };
  return null;
}
