import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { DATABASE_URL } from '../database/database-url';
import { PgListener } from '../database/pg-listener';

export interface TenantChange {
  /** null: anything may have changed (e.g. the listener reconnected); drop everything. */
  tenantId: string | null;
  /** A tenant row (settings, activation), a membership, or everything at once. */
  kind: 'tenant' | 'membership' | 'reset';
  /** For a membership: whose. */
  userId?: string;
}

const CHANGES_CHANNEL = 'company_view_changes';

/**
 * Tenant and membership changes from anywhere (this process, the admin CLI, other instances,
 * hand-written SQL), heard through PostgreSQL LISTEN/NOTIFY fired by table triggers.
 */
@Injectable()
export class TenantEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly subject = new Subject<TenantChange>();
  readonly changes$: Observable<TenantChange> = this.subject.asObservable();
  private readonly listener: PgListener;

  constructor(@Inject(DATABASE_URL) url: string) {
    this.listener = new PgListener(
      url,
      CHANGES_CHANNEL,
      {
        notification: (payload) => this.onNotification(payload),
        // Whatever happened while we were not listening is unknown: start from scratch. Caches keep
        // serving while the database is away and are flushed here.
        listening: () => this.subject.next({ tenantId: null, kind: 'reset' }),
      },
      new Logger(TenantEvents.name),
    );
  }

  onModuleInit(): void {
    this.listener.start();
  }

  private onNotification(payload: string | undefined): void {
    try {
      const change = JSON.parse(payload ?? '{}') as { table?: string; tenantId?: string; userId?: string | null };
      const kind = change.table === 'tenant' ? 'tenant' : 'membership';
      this.subject.next({ tenantId: change.tenantId ?? null, kind, ...(kind === 'membership' && change.userId ? { userId: change.userId } : {}) });
    } catch {
      this.subject.next({ tenantId: null, kind: 'reset' });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.subject.complete();
    await this.listener.stop();
  }
}
