import {
  afterNextRender,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { CompanyKpiKey } from '@contracts/company-view';
import { HISTORY_RANGES, type HistoryPoint, type HistoryRange } from '@contracts/history';
import { Subscription } from 'rxjs';
import { Icon } from '../core/ui/icon';
import { CompanyViewStore } from './company-view-store';
import { formatCount, MISSING } from './formatters';
import { KpiHistoryApi } from './kpi-history-api';
import { KpiHistoryChart } from './kpi-history-chart';
import { historyCompany } from './kpi-trend';

const RANGE_TEXT: Record<HistoryRange, string> = {
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
  '30d': 'the last 30 days',
  '365d': 'the last 365 days',
};

const RANGE_LABEL: Record<HistoryRange, string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days', '365d': '1 year' };

type Loaded = { status: 'loading' } | { status: 'ready'; points: readonly HistoryPoint[] } | { status: 'failed' };

/**
 * One KPI's history in a modal dialog: a range switch, a chart (uPlot, loaded with the panel through
 * `@defer`) and the same values as a table. A native <dialog> opened with showModal(): the browser
 * keeps focus inside it and closes it on Escape or a click outside (closedby="any"); the cards then
 * put focus back on the button that opened it.
 */
@Component({
  selector: 'cv-kpi-detail-dialog',
  imports: [Icon, KpiHistoryChart],
  templateUrl: './kpi-detail-dialog.html',
  styleUrl: './kpi-detail-dialog.css',
})
export class KpiDetailDialog {
  private readonly api = inject(KpiHistoryApi);
  private readonly view = inject(CompanyViewStore);

  readonly kpiKey = input.required<CompanyKpiKey>();
  readonly label = input.required<string>();
  readonly locale = input.required<string>();
  /** Emitted once the dialog has closed (Escape, the close button, or a click outside). */
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private request: Subscription | null = null;

  protected readonly ranges = HISTORY_RANGES;
  protected readonly rangeLabel = RANGE_LABEL;
  protected readonly range = signal<HistoryRange>('7d');
  protected readonly loaded = signal<Loaded>({ status: 'loading' });
  protected readonly rangeText = computed(() => RANGE_TEXT[this.range()]);
  protected readonly titleId = `kpi-detail-title-${Math.random().toString(36).slice(2, 8)}`;
  /** Table rows, newest first: the question is usually "what was it lately". */
  protected readonly rows = computed(() => {
    const loaded = this.loaded();
    if (loaded.status !== 'ready') {
      return [];
    }
    const key = this.kpiKey();
    const time = new Intl.DateTimeFormat(
      this.locale(),
      this.range() === '24h' || this.range() === '7d'
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : { dateStyle: 'medium' },
    );
    return loaded.points
      .map((point) => {
        const value = point.kpis[key];
        return {
          at: point.at,
          time: time.format(new Date(point.at)),
          value: value === null ? MISSING : formatCount(value, this.locale()),
        };
      })
      .reverse();
  });

  constructor() {
    afterNextRender(() => {
      this.dialog().nativeElement.showModal();
      this.load();
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected choose(range: HistoryRange): void {
    if (range !== this.range()) {
      this.range.set(range);
      this.load();
    }
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  private load(): void {
    this.request?.unsubscribe();
    const tenantId = this.view.tenantId();
    const company = historyCompany(this.view.scope());
    if (!tenantId || company === null) {
      this.loaded.set({ status: 'failed' });
      return;
    }
    this.loaded.set({ status: 'loading' });
    this.request = this.api.load(tenantId, this.range(), company).subscribe({
      next: (body) => this.loaded.set({ status: 'ready', points: body.points }),
      error: () => this.loaded.set({ status: 'failed' }),
    });
  }
}
