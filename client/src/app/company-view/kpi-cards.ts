import { afterNextRender, Component, computed, ElementRef, inject, Injector, input, signal } from '@angular/core';
import type { CompanyKpiKey, CompanyKpis, CompanyViewMoney } from '@contracts/company-view';
import type { HistoryPoint } from '@contracts/history';
import { Icon } from '../core/ui/icon';
import { InfoTip } from '../core/ui/info-tip';
import { KpiDetailDialog } from './kpi-detail-dialog';
import { formatKpi, KPI_DEFINITIONS, KpiDefinition, odooMajor } from './kpi-format';
import { moneyLines, withoutCompanyNote } from './kpi-money';
import { KpiSparkline } from './kpi-sparkline';
import { historyStart, kpiChanges, sparkline } from './kpi-trend';

/**
 * The six headline numbers, with the amounts behind the money-related ones (one line per currency),
 * and, once history is known, each one's last seven days and its change since yesterday and last
 * week. Without KPIs (first load) it shows placeholders of the same size.
 */
@Component({
  selector: 'cv-kpi-cards',
  imports: [Icon, InfoTip, KpiSparkline, KpiDetailDialog],
  templateUrl: './kpi-cards.html',
  styleUrl: './kpi-cards.css',
})
export class KpiCards {
  readonly kpis = input<CompanyKpis | null>(null);
  readonly locale = input.required<string>();
  /** For each KPI, the Odoo list it mirrors (meta.kpiLinks). */
  readonly links = input<Record<CompanyKpiKey, string | null> | null>(null);
  /** The tenant's Odoo version (meta.odooVersion): the help text names that version's filters. */
  readonly odooVersion = input<string | null>(null);
  /** The amounts of the same response as the KPIs, so count and amount never disagree. */
  readonly money = input<CompanyViewMoney | null>(null);
  /** Seven days of recorded KPIs; null when unknown, and the cards then show no trend at all. */
  readonly history = input<readonly HistoryPoint[] | null>(null);
  /** When the KPIs on the cards were read (their refreshedAt): the changes are counted back from it. */
  readonly refreshedAt = input<string | null>(null);
  /** False on a wall screen (kiosk mode): no Details buttons, no help buttons, no links. */
  readonly interactive = input(true);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** The KPI whose detail panel is open. */
  protected readonly detail = signal<{ key: CompanyKpiKey; label: string } | null>(null);

  protected readonly cards = computed(() => {
    const kpis = this.kpis();
    const major = odooMajor(this.odooVersion());
    return KPI_DEFINITIONS.map((definition) => ({
      ...definition,
      howCounted: definition.howCounted(major),
      link: this.links()?.[definition.key] ?? null,
      display: formatKpi(definition.label, kpis ? kpis[definition.key] : null, this.locale()),
      money: moneyLines(definition.key, this.money(), this.locale()),
      withoutCompany: withoutCompanyNote(definition.key, this.money()),
      // Overdue invoices are the one number worth flagging when it is not zero.
      attention: definition.key === 'overdueInvoicesCount' && (kpis?.overdueInvoicesCount ?? 0) > 0,
      trend: this.trend(definition, kpis ? kpis[definition.key] : null),
    }));
  });

  protected openDetails(key: CompanyKpiKey, label: string): void {
    this.detail.set({ key, label });
  }

  /** Back to the card's Details button, as a dialog should (looked up again: the cards may have re-rendered). */
  protected closeDetails(): void {
    const key = this.detail()?.key;
    this.detail.set(null);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>(`[data-testid="kpi-details-${key}"]`)?.focus(),
      { injector: this.injector },
    );
  }

  private trend(definition: KpiDefinition, current: number | null) {
    const points = this.history();
    const at = Date.parse(this.refreshedAt() ?? '');
    if (!points || !this.kpis() || Number.isNaN(at)) {
      return null;
    }
    return {
      line: sparkline(points, definition.key, current, at),
      start: historyStart(points, at),
      changes: kpiChanges(definition.key, definition.better, current, at, points, this.locale()),
    };
  }
}
