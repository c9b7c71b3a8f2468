import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import type { OdooConnection, OdooTransport } from './odoo-connection';
import { defaultPublicUrl } from './odoo-links';
import { DEMO_ODOO_URL } from './demo-odoo-url';
import { OdooError } from './odoo-errors';
import { SECRET_UNREADABLE_MESSAGE, type TenantOdooSettings } from './odoo-settings';

export interface TenantForOdoo {
  tenantId: string;
  lang: string;
  odoo: TenantOdooSettings;
}

type ConnectionSettings = Omit<OdooConnection, 'key' | 'lang'>;

/** Decides which Odoo a tenant reads from: its own, a demo database, or the environment's. */
@Injectable()
export class OdooConnectionResolver {
  constructor(
    private readonly config: AppConfig,
    @Inject(DEMO_ODOO_URL) private readonly demoUrl: string | null,
  ) {}

  /** True when demo tenants can be served (demo mode, with the demo Odoo running). */
  get demoAvailable(): boolean {
    return this.config.odoo.demoMode && this.demoUrl !== null;
  }

  resolve(tenant: TenantForOdoo): OdooConnection {
    const lang = tenant.lang || this.config.odoo.lang;
    const { odoo } = tenant;
    if (odoo.url) return withKey(this.ownSettings(odoo), lang);
    // Workspaces created through the API never borrow the operator's connection.
    if (!hasServerFallback(odoo)) throw new OdooError('not-connected', 'No Odoo connection has been saved for this workspace yet');
    if (odoo.database && this.config.odoo.demoMode) return withKey(this.demoSettings(odoo), lang);
    const env = this.environmentSettings();
    if (env) return withKey(env, lang);
    throw new OdooError('odoo-error', 'No Odoo connection is configured for this tenant');
  }

  /** Whether the tenant's dashboard has any Odoo to read from (false: "not connected"). */
  isConnected(odoo: TenantOdooSettings): boolean {
    return Boolean(odoo.url) || hasServerFallback(odoo);
  }

  /** The connection from ODOO_URL and friends, or null when they are unset. */
  environmentConnection(): OdooConnection | null {
    const env = this.environmentSettings();
    return env ? withKey(env, this.config.odoo.lang) : null;
  }

  private ownSettings(odoo: TenantOdooSettings): ConnectionSettings {
    if (odoo.secretUnreadable) throw new OdooError('odoo-error', SECRET_UNREADABLE_MESSAGE);
    if (!odoo.database || !odoo.login || !odoo.secret) {
      throw new OdooError('odoo-error', "The tenant's Odoo settings are incomplete: database, login and secret are required");
    }
    return {
      url: odoo.url!,
      database: odoo.database,
      login: odoo.login,
      secret: odoo.secret,
      transport: odoo.transport,
      companyIds: odoo.companyIds,
      publicUrl: odoo.publicUrl ?? defaultPublicUrl(odoo.url!),
      ...(odoo.savedByApi ? { addressRules: { allowPrivate: this.config.odoo.allowPrivateHosts } } : {}),
    };
  }

  /** Demo tenants name a database of the built-in demo Odoo, which has a fixed user per database. */
  private demoSettings(odoo: TenantOdooSettings): ConnectionSettings {
    const url = this.demoUrl;
    if (!url) throw new OdooError('network', 'The demo Odoo is not running');
    const db = odoo.database!;
    return {
      url,
      database: db,
      login: `api@${db}.example`,
      secret: `demo-secret-${db}`,
      transport: odoo.transport,
      companyIds: odoo.companyIds,
      // The demo serves each database's pages under /db/<name>, like an Odoo with a dbfilter.
      publicUrl: odoo.publicUrl ?? defaultPublicUrl(`${url}/db/${encodeURIComponent(db)}`),
    };
  }

  private environmentSettings(): ConnectionSettings | null {
    const env = this.config.odoo.env;
    if (!env) return null;
    return {
      url: env.url,
      database: env.database,
      login: env.username,
      secret: env.password,
      transport: env.transport,
      companyIds: env.companyIds,
      publicUrl: env.publicUrl ?? defaultPublicUrl(env.url),
    };
  }
}

function hasServerFallback(odoo: TenantOdooSettings): boolean {
  return odoo.serverFallback ?? true;
}

function withKey(settings: ConnectionSettings, lang: string): OdooConnection {
  return { ...settings, key: connectionKey(settings), lang };
}

/** Changes with any setting, and is a hash so the secret never shows in logs or cache keys. */
export function connectionKey(s: {
  url: string;
  database: string;
  login: string;
  secret: string;
  transport: OdooTransport;
  companyIds: number[] | null;
  addressRules?: { allowPrivate: boolean };
}): string {
  const parts: unknown[] = [s.url, s.database, s.login, s.secret, s.transport, s.companyIds ?? null];
  if (s.addressRules) parts.push(s.addressRules.allowPrivate);
  const material = JSON.stringify(parts);
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}
