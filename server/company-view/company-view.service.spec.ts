import { Logger } from '@nestjs/common';
import { createCache } from 'cache-manager';
import { Subject } from 'rxjs';
import { fakeSections, hangUntilAborted, testConfig, VersionOnlyOdooClient } from '../../test/company-view/fakes';
import { assertCompanyViewResponse } from '../../test/company-view/schema';
import { OdooConnectionResolver } from '../odoo/odoo-connection.resolver';
import { OdooError } from '../odoo/odoo-errors';
import type { TenantContext } from '../tenant/tenant-context';
import type { TenantChange, TenantEvents } from '../tenant/tenant-events';
import { CompanyViewAggregator } from './company-view.aggregator';
import { CompanyViewCache, createMemoryStore } from './company-view-cache';
import { CompanyViewService } from './company-view.service';

const TTL_MS = 300;
const ERROR_TTL_MS = 100;

function tenant(tenantId: string): TenantContext {
  return {
    tenantId,
    name: tenantId,
    timeZone: 'UTC',
    lang: 'en_US',
    odoo: { url: null, database: null, login: null, secret: null, transport: 'auto', companyIds: null },
  };
}

function setup() {
  const config = testConfig({ CACHE_TTL_MS: String(TTL_MS), ERROR_CACHE_TTL_MS: String(ERROR_TTL_MS) });
  const sections = fakeSections();
  const client = new VersionOnlyOdooClient();
  const changes = new Subject<TenantChange>();
  const store = createCache({ stores: [createMemoryStore(config.companyView.cacheMaxTenants)] });
  const cache = new CompanyViewCache(store, config);
  const resolver = new OdooConnectionResolver(config);
  const service = new CompanyViewService(
    cache,
    new CompanyViewAggregator(sections, client, config),
    resolver,
    client,
    { changes$: changes.asObservable() } as unknown as TenantEvents,
    config,
  );
  service.onModuleInit();
  /** Aggregations run so far: each one asks every section once. */
  const aggregations = () => sections[0].contexts.length;
  const connectionKey = resolver.resolve(tenant('any')).key;
  return { service, sections, client, changes, cache, aggregations, connectionKey };
}

/** Lets the eviction started by an emitted change finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CompanyViewService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('misses once, then serves the same stored body as a hit', async () => {
    const { service, aggregations } = setup();
    const first = await service.get(tenant('t1'));
    const second = await service.get(tenant('t1'));
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(second.entry.body).toBe(first.entry.body);
    expect(second.entry.etag).toBe(first.entry.etag);
    expect(aggregations()).toBe(1);
    const body = JSON.parse(first.entry.body);
    assertCompanyViewResponse(body);
    expect(body.tenantId).toBe('t1');
    expect(body.recommendedPollIntervalMs).toBe(TTL_MS);
  });

  it('keeps tenants apart', async () => {
    const { service, aggregations } = setup();
    await service.get(tenant('t1'));
    const other = await service.get(tenant('t2'));
    expect(other.hit).toBe(false);
    expect(JSON.parse(other.entry.body).tenantId).toBe('t2');
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
      s.behaviour = async () => {
        throw new OdooError('network', 'connect ECONNREFUSED');
      };
    }
    const { entry } = await service.get(tenant('t1'));
    expect(entry.expiresAt - entry.storedAt).toBe(ERROR_TTL_MS);
    const body = JSON.parse(entry.body);
    expect(body.recommendedPollIntervalMs).toBe(TTL_MS);
    expect(Object.keys(body.errorsBySection)).toHaveLength(5);
  });

  it('stores a partly failed response for the full TTL', async () => {
    const { service, sections } = setup();
    sections[3].behaviour = async () => {
      throw new OdooError('module-missing', "Object helpdesk.ticket doesn't exist");
    };
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

  it.each(['odoo', 'tenant'] as const)("evicts a tenant on a '%s' change and makes the client forget its connection", async (kind) => {
    const { service, changes, client, connectionKey } = setup();
    await service.get(tenant('t1'));
    await service.get(tenant('t2'));
    changes.next({ tenantId: 't1', kind });
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
    changes.next({ tenantId: 't1', kind: 'odoo' });
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
    assertCompanyViewResponse(JSON.parse(result.entry.body));
  });

  it('treats a store that cannot be read as a miss', async () => {
    const { service, cache, aggregations } = setup();
    await service.get(tenant('t1'));
    jest.spyOn(cache, 'get').mockRejectedValue(new Error('store down'));
    const result = await service.get(tenant('t1'));
    expect(result.hit).toBe(false);
    expect(aggregations()).toBe(2);
  });

  it('still answers with every section timed out when Odoo hangs', async () => {
    const { service, sections } = setup();
    for (const s of sections) s.behaviour = hangUntilAborted;
    const { entry } = await service.get(tenant('t1'));
    const body = JSON.parse(entry.body);
    assertCompanyViewResponse(body);
    expect(body.errorsBySection.crm).toEqual({ message: 'crm timeout after 80ms' });
  });
});
