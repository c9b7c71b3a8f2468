import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TenantActivity } from '../activity/tenant-activity';
import { badBody } from '../common/request-body';
import { SecretBox } from '../common/secret-box';
import { AppConfig } from '../config/app-config';
import type { OdooConnectionRequest } from '../contracts/workspaces';
import { checkOdooConnection, type OdooCheckReport } from '../odoo/odoo-check';
import type { OdooConnection } from '../odoo/odoo-connection';
import { connectionKey, OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import { isOdooError } from '../odoo/odoo-errors';
import { defaultPublicUrl } from '../odoo/odoo-links';
import type { AddressRules } from '../odoo/outbound-addresses';
import { RpcOdooClient } from '../odoo/rpc-odoo-client';
import type { Tenant } from '../tenant/tenant.entity';
import { tenantOdooSettings } from '../tenant/tenant-odoo-settings';

/** Checks per tenant and minute: each may log in to Odoo, which locks an IP out after repeated failures. */
const CHECKS_PER_MINUTE = 10;
const TOO_MANY_CHECKS = 'Too Many Requests: too many connection checks, try again in a minute';
const NOTHING_TO_CHECK = 'This workspace has no Odoo connection yet: send one to check';

/** A candidate connection from a request body, already past the address rules and the secret rule. */
export interface CheckedCandidate {
  request: OdooConnectionRequest;
  url: string;
  secret: string;
  publicUrl: string | null;
}

/**
 * Runs the same probe as `odoo:check` on one connection: with a client of its own, as the CLI does,
 * so what the dashboard remembers (a login, the version, field lists) can neither answer for Odoo
 * nor be disturbed by the check.
 */
@Injectable()
export class ConnectionChecker {
  private readonly limiter = new RateLimiterMemory({ points: CHECKS_PER_MINUTE, duration: 60, keyPrefix: 'odoo-check' });
  private readonly secrets: SecretBox;

  constructor(
    private readonly config: AppConfig,
    private readonly resolver: OdooConnectionResolver,
    private readonly activity: TenantActivity,
  ) {
    this.secrets = new SecretBox(config.secretsKey);
  }

  /** The stored connection as the dashboard would use it (the server's own for CLI tenants without one). */
  storedConnection(stored: Tenant): OdooConnection {
    try {
      return this.resolver.resolve({ tenantId: stored.id, lang: stored.lang, odoo: tenantOdooSettings(stored, this.secrets) });
    } catch (e) {
      if (isOdooError(e)) throw badBody(e.code === 'not-connected' ? NOTHING_TO_CHECK : e.message);
      throw e;
    }
  }

  /** A candidate, held to the same address rules as a saved workspace connection. */
  candidateConnection(stored: Tenant, candidate: CheckedCandidate, rules: AddressRules): OdooConnection {
    const settings = {
      url: candidate.url,
      database: candidate.request.database,
      login: candidate.request.login,
      secret: candidate.secret,
      transport: candidate.request.transport ?? 'auto',
      companyIds: candidate.request.companyIds ?? null,
      addressRules: rules,
    };
    return { ...settings, key: connectionKey(settings), lang: stored.lang, publicUrl: candidate.publicUrl ?? defaultPublicUrl(settings.url) };
  }

  /** Refuses with 429 when the tenant checked too often lately, then probes. `stored`: the version is worth remembering. */
  async check(tenantId: string, connection: OdooConnection, stored: boolean): Promise<OdooCheckReport> {
    await this.admit(tenantId);
    const client = new RpcOdooClient(this.config);
    try {
      const report = await checkOdooConnection(client, connection);
      if (stored && report.version) this.activity.sawVersion(tenantId, report.version.serverVersion);
      return report;
    } finally {
      client.onApplicationShutdown();
    }
  }

  private async admit(tenantId: string): Promise<void> {
    try {
      await this.limiter.consume(tenantId, 1);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new HttpException(TOO_MANY_CHECKS, HttpStatus.TOO_MANY_REQUESTS);
      throw e;
    }
  }
}
