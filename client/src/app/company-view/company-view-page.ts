import { Component, computed, effect, inject, untracked } from '@angular/core';
import type { CompanyViewResponse, CompanyViewSectionKey } from '@contracts/company-view';
import { SECTION_KEYS } from '@contracts/sections';
import { KioskMode } from '../core/layout/kiosk-mode';
import { PhoneLayout } from '../core/layout/phone-layout';
import { TenantStore } from '../core/tenant/tenant-store';
import { Icon } from '../core/ui/icon';
import { USER_LOCALE } from '../core/locale';
import { planBanners } from './banners';
import { CompanySelect } from './company-select';
import { CompanyViewStore } from './company-view-store';
import { formatAge } from './formatters';
import { InvoicesTable } from './invoices-table';
import { KpiCards } from './kpi-cards';
import { KpiHistoryStore } from './kpi-history-store';
import { LowStockTable } from './low-stock-table';
import { OpportunitiesTable } from './opportunities-table';
import { SectionCard } from './section-card';
import { TasksTable } from './tasks-table';
import { TicketsTable } from './tickets-table';
import { CreateWorkspaceOffer } from '../workspaces/create-workspace-offer';
import { isNotConnected, NotConnectedPanel } from '../workspaces/not-connected-panel';

/**
 * The number beside each section's title: the section's KPI (all the records, not only the rows
 * listed), or for recent invoices, which have no KPI, the rows listed. None where the section failed.
 */
const SECTION_COUNTS: Record<CompanyViewSectionKey, (data: CompanyViewResponse) => number | null> = {
  accounting: (data) => (data.errorsBySection.accounting ? null : data.sections.accounting.recentInvoices.length),
  crm: (data) => data.kpis.openLeadsCount,
  projects: (data) => data.kpis.openTasksCount,
  helpdesk: (data) => data.kpis.openTicketsCount,
  inventory: (data) => data.kpis.lowStockItemsCount,
};

/** /dashboard/company-view: the tenant states, then the KPIs and the five sections, kept fresh by polling. */
@Component({
  selector: 'cv-company-view-page',
  imports: [
    Icon,
    CompanySelect,
    KpiCards,
    SectionCard,
    InvoicesTable,
    OpportunitiesTable,
    TasksTable,
    TicketsTable,
    LowStockTable,
    CreateWorkspaceOffer,
    NotConnectedPanel,
  ],
  templateUrl: './company-view-page.html',
  styleUrl: './company-view-page.css',
})
export class CompanyViewPage {
  protected readonly tenants = inject(TenantStore);
  protected readonly store = inject(CompanyViewStore);
  protected readonly history = inject(KpiHistoryStore);
  protected readonly locale = inject(USER_LOCALE);
  /** On a wall screen: no buttons or other controls, only what is read from across the room. */
  protected readonly kiosk = inject(KioskMode).active;
  /** On a phone, sections fold to their headers (not on a wall screen, which has no one to open them). */
  private readonly phone = inject(PhoneLayout).active;
  protected readonly foldSections = computed(() => this.phone() && !this.kiosk());
  protected readonly counts = computed(() => {
    const data = this.store.data();
    const count = (key: CompanyViewSectionKey) => (data ? SECTION_COUNTS[key](data) : null);
    return Object.fromEntries(SECTION_KEYS.map((key) => [key, count(key)])) as Record<
      CompanyViewSectionKey,
      number | null
    >;
  });
  /** A workspace with no Odoo connection gets one panel instead of five failed sections. */
  protected readonly notConnected = computed(() => isNotConnected(this.store.data()));

  protected readonly tenantStatus = computed(() => this.tenants.current().status);
  protected readonly tenantError = computed(() => {
    const state = this.tenants.current();
    return state.status === 'error' ? state.message : null;
  });
  protected readonly plan = computed(() => {
    const data = this.store.data();
    return data ? planBanners(data) : null;
  });
  protected readonly refreshDisabled = computed(() => this.store.loading() || (this.plan()?.refreshDisabled ?? false));
  protected readonly lastUpdated = computed(() => {
    const age = this.store.ageSeconds();
    return age === null ? null : formatAge(age);
  });
  /** The sentence about the next automatic refresh, reused by the toolbar and the banners. */
  protected readonly refreshHint = computed(() => {
    if (this.store.paused()) {
      return 'Automatic refresh is paused while this tab is in the background.';
    }
    const seconds = this.store.secondsUntilRefresh();
    if (seconds === null) {
      return 'Refreshing…';
    }
    return `Data will refresh automatically in ${seconds} s.`;
  });
  protected readonly countdown = computed(() => {
    if (this.store.paused()) {
      return 'Auto-refresh paused';
    }
    const seconds = this.store.secondsUntilRefresh();
    return seconds === null ? 'Refreshing…' : `Next refresh in ${seconds} s`;
  });
  /** Changes only when new data or a new failure arrives, so screen readers hear it once. */
  protected readonly announcement = computed(() => {
    const error = this.store.error();
    if (error) {
      return `Refresh failed: ${error}`;
    }
    const data = this.store.data();
    if (!data) {
      return '';
    }
    const time = new Intl.DateTimeFormat(this.locale, { timeStyle: 'medium' }).format(new Date(data.refreshedAt));
    return `Company data updated, as of ${time}.`;
  });
  /** Midnight of the user's current day; changes once a day, not every second. */
  protected readonly today = computed(
    () => {
      const now = new Date(this.store.now());
      return new Date(now.getFullYear(), now.getMonth(), now.getDate());
    },
    { equal: (a, b) => a.getTime() === b.getTime() },
  );

  constructor() {
    void this.tenants.loadCurrent();
    // Follow the current tenant: a switch drops the old data and loads the new tenant at once.
    effect(() => {
      const tenantId = this.tenants.currentTenantId();
      untracked(() => this.store.setTenant(tenantId));
    });
  }

  protected retryTenant(): void {
    void this.tenants.loadCurrent({ force: true });
  }
}
