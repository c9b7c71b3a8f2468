import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { DATABASE_URL } from '../database/database.module';

export interface TenantChange {
  /** null: anything may have changed (e.g. the listener reconnected); drop everything. */
  tenantId: string | null;
  userId?: string | null;
  kind: 'tenant' | 'membership' | 'odoo' | 'reset';
}

export const CHANGES_CHANNEL = 'company_view_changes';

/**
 * Tenant and membership changes from anywhere (this process, the admin CLI, other instances,
 * hand-written SQL), heard through PostgreSQL LISTEN/NOTIFY fired by table triggers.
 */
@Injectable()
export class TenantEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TenantEvents.name);
  private readonly subject = new Subject<TenantChange>();
  readonly changes$: Observable<TenantChange> = this.subject.asObservable();
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retries = 0;
  private stopped = false;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  onModuleInit(): void {
    void this.listen();
  }

  /** Announce a change made by this process without waiting for the round trip. */
  emit(change: TenantChange): void {
    this.subject.next(change);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 3000, keepAlive: true });
    client.on('notification', (msg) => this.onNotification(msg.payload));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.client = client;
      if (this.retries > 0) this.logger.log('Change listener reconnected');
      this.retries = 0;
      // Whatever happened while we were not listening is unknown: start from scratch.
      this.subject.next({ tenantId: null, kind: 'reset' });
    } catch {
      this.reconnect(client);
    }
  }

  private onNotification(payload: string | undefined): void {
    try {
      const change = JSON.parse(payload ?? '{}') as { table?: string; tenantId?: string; userId?: string | null };
      this.subject.next({
        tenantId: change.tenantId ?? null,
        userId: change.userId ?? null,
        kind: change.table === 'tenant' ? 'tenant' : 'membership',
      });
    } catch {
      this.subject.next({ tenantId: null, kind: 'reset' });
    }
  }

  private reconnect(client: Client): void {
    if (this.stopped || this.retryTimer || (this.client !== client && this.client !== null)) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    // Caches keep serving while the database is away; they are flushed once we listen again.
    if (this.retries++ === 0) this.logger.warn('Change listener lost its database connection; retrying');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, Math.min(250 * 2 ** this.retries, 5000));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.subject.complete();
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
