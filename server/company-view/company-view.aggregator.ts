import { Inject, Injectable, Logger } from '@nestjs/common';
import { catchError, finalize, lastValueFrom, map, merge, Observable, of, takeUntil, throwError, timeout, timer, toArray } from 'rxjs';
import { AppConfig } from '../config/app-config';
import type { CompanyInfo, CompanyKpiKey, CompanyViewResponse, CompanyViewSectionKey, CompanyViewSections } from '../contracts/company-view';
import { OdooClient, type OdooVersionInfo } from '../odoo/odoo-client';
import type { OdooConnection } from '../odoo/odoo-connection';
import { OdooLinks } from '../odoo/odoo-links';
import { isOdooError, OdooError } from '../odoo/odoo-errors';
import { MetricsService, type SectionOutcome as SectionMetricOutcome } from '../metrics/metrics.service';
import { TenantActivity } from '../activity/tenant-activity';
import { abortable } from './abortable';
import type { CompanyViewSection, SectionContext, SectionResult, SectionResults } from './section';
import { KPI_KEYS, SECTION_KEYS, SECTION_LABELS } from '../contracts/sections';
import { COMPANY_VIEW_SECTIONS } from './section';
import { describeFailure, type SectionFailure, SectionTimeoutError } from './section-failure';
import type { CompanyScope } from './company-scope';
import { type MoneyInputs, moneyOf, singleCurrency } from './money';
import { dateInZone, usableTimeZone } from './tenant-time';

export interface AggregateRequest {
  tenantId: string;
  timeZone: string;
  /** The companies to cover; null: the tenant's default. */
  scope: CompanyScope;
  /** Gives the tenant's Odoo connection (reading the scope's companies); throws (an OdooError) when none is configured. */
  connect(): OdooConnection;
  /** The companies the tenant may show, or null when Odoo cannot say (in time for `signal`). */
  companies(signal: AbortSignal): Promise<CompanyInfo[] | null>;
  /** Less than the total budget when the request already spent time waiting for another instance. */
  budgetMs?: number;
  /** false: the tenant has no Odoo to read from; every section fails as not connected, nothing is sent. */
  connected?: boolean;
}

type SectionOutcome =
  | { key: CompanyViewSectionKey; ok: true; result: SectionResult; durationMs: number }
  | { key: CompanyViewSectionKey; ok: false; failure: SectionFailure; durationMs: number; unexpected?: unknown };

/** What every section shares: resolved once per aggregation, before the sections' first call. */
type SharedContext = Omit<SectionContext, 'client' | 'signal'>;

/**
 * Builds one company view: every section starts at once, each raced against the section
 * timeout and all of them against the total budget. A section that fails or is abandoned
 * leaves empty data, null KPIs and an entry in errorsBySection; the response itself never fails.
 */
@Injectable()
export class CompanyViewAggregator {
  private readonly logger = new Logger(CompanyViewAggregator.name);

  constructor(
    @Inject(COMPANY_VIEW_SECTIONS) private readonly sections: CompanyViewSection[],
    private readonly client: OdooClient,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly activity: TenantActivity,
  ) {}

  async aggregate(request: AggregateRequest): Promise<CompanyViewResponse> {
    if (request.connected === false) return this.notConnected(request);
    const totalBudgetMs = Math.max(0, Math.min(this.config.companyView.totalBudgetMs, request.budgetMs ?? Infinity));
    const sectionTimeoutMs = Math.min(this.config.companyView.sectionTimeoutMs, totalBudgetMs);
    this.metrics.aggregations.inc();
    const preparation = new AbortController();
    // Read beside the sections; once they are done it is no longer waited for.
    const companies = request.companies(preparation.signal);
    let version: OdooVersionInfo | null = null;
    const shared = this.prepare(request, preparation.signal).then((ctx) => {
      version = ctx.version;
      // The operator console shows which Odoo each tenant runs.
      this.activity.sawVersion(request.tenantId, ctx.version.serverVersion);
      return ctx;
    });
    shared.catch(() => undefined); // each section reports the failure as its own
    const outcomes = await lastValueFrom(
      merge(...this.sections.map((section) => this.run(section, shared, sectionTimeoutMs))).pipe(
        takeUntil(timer(totalBudgetMs)),
        toArray(),
        finalize(() => preparation.abort()),
      ),
    );
    const response = this.assemble(request.tenantId, this.withBudgetTimeouts(outcomes, totalBudgetMs), version);
    return withCompanies(response, await companies, request.scope, moneyInputs(outcomes));
  }

  /** The same shape as any response: empty sections, null KPIs, each section's error and kind. */
  private notConnected(request: AggregateRequest): CompanyViewResponse {
    const error = new OdooError('not-connected', 'No Odoo connection has been saved for this workspace yet');
    const outcomes = this.sections.map((section) => ({ key: section.key, ok: false as const, failure: describeFailure(section.key, error), durationMs: 0 }));
    const response = this.assemble(request.tenantId, outcomes, null, { quiet: true });
    return withCompanies(response, null, request.scope, {});
  }

  private async prepare(request: AggregateRequest, signal: AbortSignal): Promise<SharedContext> {
    const timeZone = usableTimeZone(request.timeZone);
    const today = dateInZone(new Date(), timeZone);
    const connection = request.connect();
    const version = await this.client.version(connection, { signal });
    return { connection, version, timeZone, today, links: new OdooLinks(connection.publicUrl, version.major) };
  }

  private run(section: CompanyViewSection, shared: Promise<SharedContext>, timeoutMs: number): Observable<SectionOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const work = abortable(async (signal) => {
      const ctx = await shared;
      signal.throwIfAborted();
      return section.load({ ...ctx, client: this.client, signal });
    });
    return work.pipe(
      timeout({ first: timeoutMs, with: () => throwError(() => new SectionTimeoutError(section.key, timeoutMs)) }),
      map((result): SectionOutcome => ({ key: section.key, ok: true, result, durationMs: elapsed() })),
      catchError((err: unknown) => of(this.failed(section.key, err, elapsed()))),
    );
  }

  /** Sections still running when the budget ran out were unsubscribed (and aborted): they time out. */
  private withBudgetTimeouts(outcomes: SectionOutcome[], budgetMs: number): SectionOutcome[] {
    const finished = new Set(outcomes.map((o) => o.key));
    const late = this.sections.filter((s) => !finished.has(s.key)).map((s) => this.failed(s.key, new SectionTimeoutError(s.key, budgetMs), budgetMs));
    return [...outcomes, ...late];
  }

  private failed(key: CompanyViewSectionKey, err: unknown, durationMs: number): SectionOutcome {
    const failure = describeFailure(key, err);
    const expected = err instanceof SectionTimeoutError || isOdooError(err);
    return { key, ok: false, failure, durationMs, unexpected: expected ? undefined : err };
  }

  private assemble(tenantId: string, outcomes: SectionOutcome[], version: OdooVersionInfo | null, options: { quiet?: boolean } = {}): CompanyViewResponse {
    const response: CompanyViewResponse = {
      tenantId,
      refreshedAt: new Date().toISOString(),
      recommendedPollIntervalMs: this.config.companyView.cacheTtlMs,
      kpis: emptyKpis(),
      sections: emptySections(),
      errorsBySection: {},
      money: moneyOf(null, {}),
      meta: { errorKinds: {}, companyCurrency: null, odooVersion: version?.serverVersion ?? null, kpiLinks: emptyKpis(), companies: [], scope: [] },
    };
    const byKey = new Map(outcomes.map((o) => [o.key, o]));
    for (const key of SECTION_KEYS) {
      const outcome = byKey.get(key);
      if (!outcome) continue;
      if (!options.quiet) this.log(tenantId, outcome);
      if (outcome.ok) {
        applyResult(response, key, outcome.result);
      } else {
        response.errorsBySection[key] = outcome.failure.error;
        response.meta!.errorKinds[key] = outcome.failure.kind;
      }
    }
    return response;
  }

  private log(tenantId: string, outcome: SectionOutcome): void {
    this.metrics.recordSection(outcome.key, metricOutcome(outcome), outcome.durationMs);
    const label = SECTION_LABELS[outcome.key];
    const fields = { tenantId, section: outcome.key, durationMs: outcome.durationMs };
    if (outcome.ok) {
      this.logger.debug({ msg: `${label} section loaded`, ...fields });
    } else {
      const { error, kind } = outcome.failure;
      if (outcome.unexpected === undefined) {
        this.logger.warn({ msg: `${label} section error: ${error.message}`, ...fields, kind });
      } else {
        this.logger.error({ msg: `${label} section error: ${describe(outcome.unexpected)}`, ...fields, kind, err: outcome.unexpected });
      }
    }
  }
}

/** The outcome label a section's duration is recorded under. */
function metricOutcome(outcome: SectionOutcome): SectionMetricOutcome {
  if (outcome.ok) return 'ok';
  const { kind } = outcome.failure;
  return kind === 'timeout' || kind === 'module-missing' || kind === 'auth' ? kind : 'error';
}

/** True when nothing could be read: such a response is only cached briefly. */
export function allSectionsFailed(response: CompanyViewResponse): boolean {
  return SECTION_KEYS.every((key) => response.errorsBySection[key] !== undefined);
}

function applyResult(response: CompanyViewResponse, key: CompanyViewSectionKey, result: SectionResult): void {
  Object.assign(response.kpis, result.kpis);
  Object.assign(response.meta!.kpiLinks, result.kpiLinks);
  (response.sections as Record<CompanyViewSectionKey, CompanyViewSections[CompanyViewSectionKey]>)[key] = result.data;
}

/** The money read by the sections that loaded. */
function moneyInputs(outcomes: SectionOutcome[]): MoneyInputs {
  const loaded = (key: CompanyViewSectionKey) => {
    const outcome = outcomes.find((o) => o.key === key);
    return outcome?.ok ? outcome.result : undefined;
  };
  const accounting = loaded('accounting') as SectionResults['accounting'] | undefined;
  const crm = loaded('crm') as SectionResults['crm'] | undefined;
  return { accounting: accounting?.money, crm: crm?.money };
}

/**
 * The company part of a response: the companies the tenant may show, the scope this response
 * covers (ascending), its currency when there is only one, and the money per currency.
 */
function withCompanies(response: CompanyViewResponse, companies: CompanyInfo[] | null, scope: CompanyScope, inputs: MoneyInputs): CompanyViewResponse {
  const inScope = companies && (scope ? companies.filter((c) => scope.includes(c.id)) : companies);
  response.meta!.companies = companies ?? [];
  response.meta!.scope = scope ? [...scope] : (inScope ?? []).map((c) => c.id).sort((a, b) => a - b);
  response.meta!.companyCurrency = singleCurrency(inScope);
  response.money = moneyOf(inScope, inputs);
  return response;
}

/** Every KPI null: the start of a response's KPIs and of their links. */
function emptyKpis(): Record<CompanyKpiKey, null> {
  return Object.fromEntries(KPI_KEYS.map((key) => [key, null])) as Record<CompanyKpiKey, null>;
}

function emptySections(): CompanyViewSections {
  return {
    accounting: { recentInvoices: [] },
    crm: { openLeads: [] },
    projects: { openTasks: [] },
    helpdesk: { openTickets: [] },
    inventory: { lowStockItems: [] },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
