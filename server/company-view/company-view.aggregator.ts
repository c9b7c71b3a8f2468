import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { catchError, finalize, lastValueFrom, map, merge, Observable, of, takeUntil, throwError, timeout, timer, toArray } from 'rxjs';
import { AppConfig } from '../config/app-config';
import type { CompanyKpis, CompanyViewResponse, CompanyViewSectionKey, CompanyViewSections } from '../contracts/company-view';
import { OdooClient, type OdooVersionInfo } from '../odoo/odoo-client';
import type { OdooConnection } from '../odoo/odoo-connection';
import { isOdooError } from '../odoo/odoo-errors';
import { MetricsService, type SectionOutcome as SectionMetricOutcome } from '../metrics/metrics.service';
import { abortable } from './abortable';
import type { CompanyViewSection, SectionContext, SectionResult, SectionResults } from './section';
import { COMPANY_VIEW_SECTIONS, SECTION_KEYS, SECTION_LABELS } from './section';
import { describeFailure, type SectionFailure, SectionTimeoutError } from './section-failure';
import { dateInZone } from './tenant-time';

export interface AggregateRequest {
  tenantId: string;
  timeZone: string;
  /** Gives the tenant's Odoo connection; throws (an OdooError) when none is configured. */
  connect(): OdooConnection;
  /** Less than the total budget when the request already spent time waiting for another instance. */
  budgetMs?: number;
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
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async aggregate(request: AggregateRequest): Promise<CompanyViewResponse> {
    const totalBudgetMs = Math.max(0, Math.min(this.config.companyView.totalBudgetMs, request.budgetMs ?? Infinity));
    const sectionTimeoutMs = Math.min(this.config.companyView.sectionTimeoutMs, totalBudgetMs);
    this.metrics?.aggregations.inc();
    const preparation = new AbortController();
    let version: OdooVersionInfo | null = null;
    const shared = this.prepare(request, preparation.signal).then((ctx) => {
      version = ctx.version;
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
    return this.assemble(request.tenantId, this.withBudgetTimeouts(outcomes, totalBudgetMs), version);
  }

  private async prepare(request: AggregateRequest, signal: AbortSignal): Promise<SharedContext> {
    const timeZone = usableTimeZone(request.timeZone);
    const today = dateInZone(new Date(), timeZone);
    const connection = request.connect();
    const version = await this.client.version(connection, { signal });
    return { connection, version, timeZone, today };
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
    const late = this.sections
      .filter((s) => !finished.has(s.key))
      .map((s) => this.failed(s.key, new SectionTimeoutError(s.key, budgetMs), budgetMs));
    return [...outcomes, ...late];
  }

  private failed(key: CompanyViewSectionKey, err: unknown, durationMs: number): SectionOutcome {
    const failure = describeFailure(key, err);
    const expected = err instanceof SectionTimeoutError || isOdooError(err);
    return { key, ok: false, failure, durationMs, unexpected: expected ? undefined : err };
  }

  private assemble(tenantId: string, outcomes: SectionOutcome[], version: OdooVersionInfo | null): CompanyViewResponse {
    const response: CompanyViewResponse = {
      tenantId,
      refreshedAt: new Date().toISOString(),
      recommendedPollIntervalMs: this.config.companyView.cacheTtlMs,
      kpis: emptyKpis(),
      sections: emptySections(),
      errorsBySection: {},
      meta: { errorKinds: {}, companyCurrency: null, odooVersion: version?.serverVersion ?? null },
    };
    const byKey = new Map(outcomes.map((o) => [o.key, o]));
    for (const key of SECTION_KEYS) {
      const outcome = byKey.get(key);
      if (!outcome) continue;
      this.log(tenantId, outcome);
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
    this.metrics?.recordSection(outcome.key, metricOutcome(outcome), outcome.durationMs);
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

/** True when nothing could be read: such a response is only cached briefly. */
function metricOutcome(outcome: SectionOutcome): SectionMetricOutcome {
  if (outcome.ok) return 'ok';
  const { kind } = outcome.failure;
  return kind === 'timeout' || kind === 'module-missing' || kind === 'auth' ? kind : 'error';
}

export function allSectionsFailed(response: CompanyViewResponse): boolean {
  return SECTION_KEYS.every((key) => response.errorsBySection[key] !== undefined);
}

function applyResult(response: CompanyViewResponse, key: CompanyViewSectionKey, result: SectionResult): void {
  Object.assign(response.kpis, result.kpis);
  (response.sections as Record<CompanyViewSectionKey, CompanyViewSections[CompanyViewSectionKey]>)[key] = result.data;
  if (key === 'accounting') {
    response.meta!.companyCurrency = (result as SectionResults['accounting']).companyCurrency;
  }
}

function emptyKpis(): CompanyKpis {
  return {
    openInvoicesCount: null,
    overdueInvoicesCount: null,
    openLeadsCount: null,
    openTasksCount: null,
    openTicketsCount: null,
    lowStockItemsCount: null,
  };
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

/** The tenant's zone when the runtime knows it, else UTC (a bad zone must not fail every section). */
function usableTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
