import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';

export interface PgListenerHandlers {
  /** One NOTIFY payload on the channel. */
  notification(payload: string | undefined): void;
  /** Now listening, after start or after a lost connection: what happened meanwhile is unknown. */
  listening(): void;
}

/**
 * One dedicated connection LISTENing on one channel, reconnecting with backoff when the database
 * goes away. A pool can't do this: a pooled connection is handed to other queries between uses.
 */
export class PgListener {
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retries = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: PgListenerHandlers,
    private readonly logger: LoggerService,
  ) {}

  start(): void {
    void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 3000, keepAlive: true });
    client.on('notification', (msg) => {
      if (msg.channel === this.channel) this.handlers.notification(msg.payload);
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      if (this.retries > 0) this.logger.log(`Listening on ${this.channel} again`);
      this.retries = 0;
      this.handlers.listening();
    } catch {
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.stopped || this.retryTimer || (this.client !== client && this.client !== null)) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.retries++ === 0) this.logger.warn(`Lost the database connection listening on ${this.channel}; retrying`);
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        void this.listen();
      },
      Math.min(250 * 2 ** this.retries, 5000),
    );
  }
}
