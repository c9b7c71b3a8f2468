import { TenantActivity } from '../activity/tenant-activity';
import { Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { fakeSections, hangUntilAborted, testConfig, VersionOnlyOdooClient } from '../../test/company-view/fakes';
import { parseCompanyView } from '../../test/company-view/schema';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import { OdooError } from '../odoo/odoo-errors';
import type { TenantContext } from '../tenant/tenant-context';
import type { TenantChange, TenantEvents } from '../tenant/tenant-events';
import { PinoLogger } from 'nestjs-pino';
import { DistributedLock } from '../cache/distributed-lock';
import { RedisConnection } from '../cache/redis-connection';
import { MetricsService } from '../metrics/metrics.service';
import { CompanyViewAggregator } from './company-view.aggregator';
import { CompanyViewBuilder } from './company-view-builder';
import { CompanyViewCache, createMemoryStore } from './company-view-cache';
import { CompanyViewEviction } from './company-view-eviction';
import { CompanyViewRefresher } from './company-view-refresher';
import { CompanyViewService } from './company-view.service';
import { CompanyDirectory } from './company-directory';
import { ConnectionKeys } from './connection-keys';
import { ScopeResolver } from './scope-resolver';
import { TenantScopes } from './tenant-scopes';
import { InstanceCoordination } from './instance-coordination';
import { RefreshAhead } from './refresh-ahead';
import { SingleFlight } from './single-flight';
import { HistoryRecorder } from '../history/history-recorder';
import type { KpiSampleStore } from '../history/kpi-sample-store';

const TTL_MS = 300;
const ERROR_TTL_MS = 100;

function tenant(tenantId: string): TenantContext {
  return {
    tenantId,
    name: tenantId,
    timeZone: 'UTC',
    lang: 'en_US',
    odoo: { url: null, database: null, login: null, secret: null, transport: 'auto', companyIds: null, publicUrl: null },
    settingsVersion: 'v1',
  };
}

function setup() {
  const config = testConfig({ CACHE_TTL_MS: String(TTL_MS), ERROR_CACHE_TTL_MS: String(ERROR_TTL_MS) });
  const sections = fakeSections();
  const client = new VersionOnlyOdooClient();
  const changes = new Subject<TenantChange>();
  // The module's wiring, by hand: a local tier only (no REDIS_URL, so the lock is never taken).
  const metrics = new MetricsService();
  const cache = new CompanyViewCache(createMemoryStore(config.companyView.cacheMaxTenants), null, config);
  const resolver = new OdooConnectionResolver(config, null);
  const connectionKeys = new ConnectionKeys(resolver, client, config);
  const directory = new CompanyDirectory(client, resolver, config);
  const flights = new SingleFlight();
  const refreshAhead = new RefreshAhead(config, metrics);
  const aggregator = new CompanyViewAggregator(sections, client, config, metrics, new TenantActivity());
  // History is not this spec's subject: its writes go nowhere.
  const history = new HistoryRecorder({ upsert: () => Promise.resolve() } as unknown as KpiSampleStore);
  const builder = new CompanyViewBuilder(aggregator, connectionKeys, directory, cache, config, history);
  const coordination = new InstanceCoordination(cache, new DistributedLock(new RedisConnection(config), config), config, metrics);
  const refresher = new CompanyViewRefresher(flights, coordination, builder, refreshAhead, metrics);
  const scopes = new TenantScopes(config);
  const service = new CompanyViewService(new ScopeResolver(directory, scopes, cache), cache, refresher, metrics, new PinoLogger({}));
  const events = { changes$: changes.asObservable() } as unknown as TenantEvents;
  new CompanyViewEviction(events, cache, refresher, scopes, connectionKeys).onModuleInit();
  /** Aggregations run so far: each one asks every section once. */
  const aggregations = () => sections[0].contexts.length;
  const connectionKey = resolver.resolve(tenant('any')).key;
  return { service, sections, client, changes, cache, aggregations, connectionKey };
}

/** A client whose Odoo user may use three companies in two currencies. */
function withThreeCompanies(client: VersionOnlyOdooClient): void {
  client.companies = [
    { id: 1, name: 'EU', currency_id: { id: 1, name: 'EUR' } },
    { id: 2, name: 'US', currency_id: { id: 2, name: 'USD' } },
    { id: 3, name: 'IE', currency_id: { id: 1, name: 'EUR' } },
  ];
}

/** Lets the eviction started by an emitted change finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CompanyViewService', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('misses once, then serves the same stored body as a hit', async () => {
    const { service, aggregations } = setup();
    const first = await service.get(tenant('t1'));
    const second = await service.get(tenant('t1'));
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(second.entry.body).toBe(first.entry.body);
    expect(second.entry.etag).toBe(first.entry.etag);
    expect(aggregations()).toBe(1);
    const body = parseCompanyView(first.entry.body);
    expect(body.tenantId).toBe('t1');
    expect(body.recommendedPollIntervalMs).toBe(TTL_MS);
  });

  it('keeps tenants apart', async () => {
    const { service, aggregations } = setup();
    await service.get(tenant('t1'));
    const other = await service.get(tenant('t2'));
    expect(other.hit).toBe(false);
    expect(parseCompanyView(other.entry.body).tenantId).toBe('t2');
    expect(aggregations()).toBe(2);
  });

  it('stores a good response for the TTL and rebuilds it once expired', async () => {
    const { service, aggregations } = setup();
    const { entry } = await service.get(tenant('t1'));
    expect(entry.expiresAt - entry.storedAt).toBe(TTL_MS);
    await sleep(TTL_MS + 20);
    expect((await service.get(tenant('t1'))).hit).toBe(false);
    expect(aggregations()).toBe(2);
  });

  it('stores a response where every section failed for the short error TTL only', async () => {
    const { service, sections } = setup();
    for (const s of sections) {
      s.behaviour = () => Promise.reject(new OdooError('network', 'connect ECONNREFUSED'));
    }
    const { entry } = await service.get(tenant('t1'));
    expect(entry.expiresAt - entry.storedAt).toBe(ERROR_TTL_MS);
    const body = parseCompanyView(entry.body);
    expect(body.recommendedPollIntervalMs).toBe(TTL_MS);
    expect(Object.keys(body.errorsBySection)).toHaveLength(5);
  });

  it('stores a partly failed response for the full TTL', async () => {
    const { service, sections } = setup();
    sections[3].behaviour = () => Promise.reject(new OdooError('module-missing', "Object helpdesk.ticket doesn't exist"));
    const { entry } = await service.get(tenant('t1'));
    expect(entry.expiresAt - entry.storedAt).toBe(TTL_MS);
  });

  it('runs one aggregation for 50 concurrent misses and reports MISS to every waiter', async () => {
    const { service, aggregations } = setup();
    const results = await Promise.all(Array.from({ length: 50 }, () => service.get(tenant('cold'))));
    expect(aggregations()).toBe(1);
    expect(results.every((r) => !r.hit)).toBe(true);
    expect(new Set(results.map((r) => r.entry.etag)).size).toBe(1);
  });

  it('evicts a tenant on a tenant change and makes the client forget its connection', async () => {
    const { service, changes, client, connectionKey } = setup();
    await service.get(tenant('t1'));
    await service.get(tenant('t2'));
    changes.next({ tenantId: 't1', kind: 'tenant' });
    await settle();
    expect(client.forgotten).toEqual([connectionKey]);
    expect((await service.get(tenant('t1'))).hit).toBe(false);
    expect((await service.get(tenant('t2'))).hit).toBe(true);
  });

  it('keeps the entry on a membership change (access is checked per request)', async () => {
    const { service, changes, client } = setup();
    await service.get(tenant('t1'));
    changes.next({ tenantId: 't1', kind: 'membership' });
    await settle();
    expect((await service.get(tenant('t1'))).hit).toBe(true);
    expect(client.forgotten).toEqual([]);
  });

  it('evicts every tenant when the change names none', async () => {
    const { service, changes, client } = setup();
    await service.get(tenant('t1'));
    await service.get(tenant('t2'));
    changes.next({ tenantId: null, kind: 'reset' });
    await settle();
    expect(client.forgotten.length).toBeGreaterThan(0);
    expect((await service.get(tenant('t1'))).hit).toBe(false);
    expect((await service.get(tenant('t2'))).hit).toBe(false);
  });

  it('serves but does not store an aggregation overtaken by a settings change', async () => {
    const { service, sections, changes, aggregations } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = sections[0].behaviour;
    sections[0].behaviour = async (ctx, key) => {
      await gate;
      return original(ctx, key);
    };
    const pending = service.get(tenant('t1'));
    await settle();
    changes.next({ tenantId: 't1', kind: 'tenant' });
    await settle();
    release();
    expect((await pending).hit).toBe(false);
    sections[0].behaviour = original;
    expect((await service.get(tenant('t1'))).hit).toBe(false);
    expect(aggregations()).toBe(2);
  });

  it('still answers when the store refuses to save', async () => {
    const { service, cache } = setup();
    jest.spyOn(cache, 'set').mockRejectedValue(new Error('store down'));
    const result = await service.get(tenant('t1'));
    expect(result.hit).toBe(false);
    parseCompanyView(result.entry.body);
  });

  it('treats a shared store that cannot be read as a miss', async () => {
    const { service, cache, aggregations } = setup();
    await service.get(tenant('t1'));
    // This instance no longer holds the entry, and the shared tier (Redis) is down.
    jest.spyOn(cache, 'peek').mockReturnValue(undefined);
    jest.spyOn(cache, 'get').mockRejectedValue(new Error('store down'));
    const result = await service.get(tenant('t1'));
    expect(result.hit).toBe(false);
    expect(aggregations()).toBe(2);
  });

  it('still answers with every section timed out when Odoo hangs', async () => {
    const { service, sections } = setup();
    for (const s of sections) s.behaviour = hangUntilAborted;
    const { entry } = await service.get(tenant('t1'));
    const body = parseCompanyView(entry.body);
    expect(body.errorsBySection.crm).toEqual({ message: 'crm timeout after 80ms' });
  });

  describe('company scopes', () => {
    it('serves each scope from its own entry, and an explicit list of every company from the default one', async () => {
      const { service, client, aggregations } = setup();
      withThreeCompanies(client);
      expect((await service.get(tenant('t1'), null)).hit).toBe(false);
      expect((await service.get(tenant('t1'), [2])).hit).toBe(false);
      expect((await service.get(tenant('t1'), [2])).hit).toBe(true);
      expect((await service.get(tenant('t1'), [1, 2, 3])).hit).toBe(true); // the default's entry
      expect(aggregations()).toBe(2);
      const scoped = JSON.parse((await service.get(tenant('t1'), [2])).entry.body) as { meta: { scope: number[] } };
      expect(scoped.meta.scope).toEqual([2]);
    });

    it('refuses a company the tenant may not show with 400, before reading Odoo for it', async () => {
      const { service, client, aggregations } = setup();
      withThreeCompanies(client);
      await expect(service.get(tenant('t1'), [4])).rejects.toMatchObject({ status: 400, response: { error: 'Bad Request: Invalid company scope' } });
      expect(aggregations()).toBe(0);
    });

    it('checks only the syntax while the companies cannot be read, and answers the usual partial view', async () => {
      const { service, client } = setup();
      client.companies = null;
      const result = await service.get(tenant('t1'), [4]);
      expect(result.hit).toBe(false);
      expect((JSON.parse(result.entry.body) as { meta: { scope: number[] } }).meta.scope).toEqual([4]);
    });

    it('reads the company list once for many scoped requests', async () => {
      const { service, client } = setup();
      withThreeCompanies(client);
      for (const scope of [[1], [2], [1, 3], [2]]) await service.get(tenant('t1'), scope);
      expect(client.companyReads).toBe(1);
    });

    it('evicts every scope of a tenant on a tenant change', async () => {
      const { service, client, changes } = setup();
      withThreeCompanies(client);
      await service.get(tenant('t1'), null);
      await service.get(tenant('t1'), [2]);
      changes.next({ tenantId: 't1', kind: 'tenant' });
      await settle();
      expect((await service.get(tenant('t1'), null)).hit).toBe(false);
      expect((await service.get(tenant('t1'), [2])).hit).toBe(false);
    });
  });
});
