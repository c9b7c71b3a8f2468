import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { OdooClient } from '../odoo/odoo-client';
import type { OdooConnection } from '../odoo/odoo-connection';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';

const PROBE_CACHE_MS = 10_000;
const PROBE_TIMEOUT_MS = 3_000;

/** Can we reach the environment (or demo) Odoo? The answer is reused for 10 s so probes never load Odoo. */
@Injectable()
export class OdooHealthIndicator {
  private last: { at: number; reachable: boolean } | null = null;
  private inFlight: Promise<boolean> | null = null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly client: OdooClient,
    private readonly resolver: OdooConnectionResolver,
    private readonly config: AppConfig,
  ) {}

  async check(key: string) {
    const indicator = this.indicators.check(key);
    const connection = this.probeConnection();
    if (!connection) return indicator.up({ checked: 'no environment connection' });
    return (await this.reachable(connection)) ? indicator.up() : indicator.degraded({ reason: 'Odoo unreachable' });
  }

  private probeConnection(): OdooConnection | null {
    const env = this.resolver.environmentConnection();
    if (env) return env;
    if (!this.resolver.demoAvailable) return null;
    return this.resolver.resolve({
      tenantId: 'health-probe',
      lang: this.config.odoo.lang,
      odoo: { url: null, database: 'acme', login: null, secret: null, transport: 'xmlrpc', companyIds: null, publicUrl: null },
    });
  }

  private async reachable(connection: OdooConnection): Promise<boolean> {
    if (this.last && Date.now() - this.last.at < PROBE_CACHE_MS) return this.last.reachable;
    // ping, unlike version(), skips the client's per-connection cache: a probe must really ask.
    const options = { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) };
    this.inFlight ??= (this.client.ping?.(connection, options) ?? this.client.version(connection, options))
      .then(
        () => true,
        () => false,
      )
      .then((reachable) => {
        this.last = { at: Date.now(), reachable };
        this.inFlight = null;
        return reachable;
      });
    return this.inFlight;
  }
}
