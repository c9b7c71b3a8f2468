import { ApplicationRef, signal } from '@angular/core';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { NEVER } from 'rxjs';
import type { CompanyViewMoney } from '@contracts/company-view';
import type { HistoryPoint } from '@contracts/history';
import { companyViewResponse, twoCompanyResponse } from '../../testing/company-view-fixtures';
import { polyfillDialog } from '../../testing/dialog-polyfill';
import { CompanyViewStore } from './company-view-store';
import { KpiCards } from './kpi-cards';
import { KpiHistoryApi } from './kpi-history-api';

describe('KpiCards', () => {
  async function render(
    kpis = companyViewResponse().kpis,
    links = companyViewResponse().meta!.kpiLinks,
    money: CompanyViewMoney | null = null,
    locale = 'en-US',
  ) {
    TestBed.resetTestingModule();
    const fixture = TestBed.createComponent(KpiCards);
    fixture.componentRef.setInput('kpis', kpis);
    fixture.componentRef.setInput('links', links);
    fixture.componentRef.setInput('odooVersion', '17.0');
    fixture.componentRef.setInput('money', money);
    fixture.componentRef.setInput('locale', locale);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function settle(): Promise<void> {
    await TestBed.inject(ApplicationRef).whenStable();
  }

  it('renders six cards', async () => {
    const element = await render();
    expect(element.querySelectorAll('[data-testid^="kpi-card-"]')).toHaveLength(6);
  });

  it('says "unavailable" in words, not only with a dash', async () => {
    const element = await render({ ...companyViewResponse().kpis, lowStockItemsCount: null });
    const card = element.querySelector('[data-testid="kpi-card-lowStockItemsCount"]')!;
    expect(card.querySelector('[data-testid="kpi-value-lowStockItemsCount"]')?.getAttribute('aria-hidden')).toBe(
      'true',
    );
    expect(card.querySelector('.visually-hidden')?.textContent).toBe('Rules to reorder: value unavailable');
    expect(card.textContent).toContain('Unavailable');
  });

  it('links each available number to its list in Odoo, in a new tab, with a name a screen reader can read', async () => {
    const element = await render(
      { ...companyViewResponse().kpis, openTicketsCount: null },
      { ...companyViewResponse().meta!.kpiLinks, openTicketsCount: null },
    );
    const link = element.querySelector<HTMLAnchorElement>('[data-testid="kpi-link-openTasksCount"]')!;
    expect(link.href).toBe('https://odoo.example/web#action=project.action_view_all_task');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.textContent?.trim()).toBe('Open in Odoo');
    expect(link.getAttribute('aria-label')).toBe('Open in Odoo: Open tasks (new tab)');
    expect(element.querySelector('[data-testid="kpi-link-openTicketsCount"]')).toBeNull();
  });

  it('explains each number in a tooltip tied to a focusable button', async () => {
    const element = await render();
    const button = element.querySelector<HTMLButtonElement>('[data-testid="kpi-hint-overdueInvoicesCount"]')!;
    expect(button.tagName).toBe('BUTTON');
    const tooltip = element.querySelector(`#${button.getAttribute('aria-describedby')}`)!;
    expect(tooltip.getAttribute('role')).toBe('tooltip');
    expect(tooltip.textContent).toContain('filter “Overdue”');

    button.dispatchEvent(new Event('focus'));
    await settle();
    expect(tooltip.classList.contains('is-open')).toBe(true);
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await settle();
    expect(tooltip.classList.contains('is-open')).toBe(false);
  });

  describe('trends', () => {
    const readAt = '2026-03-09T12:00:00.000Z';
    const ago = (ms: number) => new Date(Date.parse(readAt) - ms).toISOString();

    async function renderWith(history: HistoryPoint[] | null) {
      TestBed.resetTestingModule();
      const fixture = TestBed.createComponent(KpiCards);
      fixture.componentRef.setInput('kpis', companyViewResponse().kpis);
      fixture.componentRef.setInput('locale', 'en-US');
      fixture.componentRef.setInput('history', history);
      fixture.componentRef.setInput('refreshedAt', readAt);
      await fixture.whenStable();
      return fixture.nativeElement as HTMLElement;
    }

    it('says when history starts instead of drawing an empty chart', async () => {
      const only = { at: ago(60_000), kpis: companyViewResponse().kpis, money: companyViewResponse().money };
      const element = await renderWith([only]);
      expect(element.querySelectorAll('[role="img"]')).toHaveLength(0);
      expect(element.querySelector('[data-testid="kpi-history-start-openLeadsCount"]')?.textContent?.trim()).toBe(
        'History starts Mar 9, 2026',
      );
    });

    it('shows no trend at all while history is unknown', async () => {
      const element = await renderWith(null);
      expect(element.querySelector('[data-testid^="kpi-history-start-"], [data-testid^="kpi-change-"]')).toBeNull();
    });

    it('colours a change by what it means for that KPI, and says the same in words', async () => {
      const kpis = companyViewResponse().kpis;
      const yesterday = {
        at: ago(86_400_000),
        kpis: {
          ...kpis,
          overdueInvoicesCount: kpis.overdueInvoicesCount! - 1,
          openLeadsCount: kpis.openLeadsCount! - 1,
        },
        money: companyViewResponse().money,
      };
      const element = await renderWith([yesterday]);
      const overdue = element.querySelector('[data-testid="kpi-change-overdueInvoicesCount"]')!;
      const leads = element.querySelector('[data-testid="kpi-change-openLeadsCount"]')!;
      expect(overdue.classList).toContain('kpi__change--bad');
      expect(overdue.getAttribute('title')).toBe('Up 1 since yesterday, worse.');
      expect(leads.classList).toContain('kpi__change--good');
      expect(leads.textContent).toContain('Up 1 since yesterday, better.');
    });
  });

  describe('details', () => {
    it('opens the panel from a Details button named after its card, and gives focus back to it on close', async () => {
      polyfillDialog();
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        deferBlockBehavior: DeferBlockBehavior.Manual,
        providers: [
          { provide: KpiHistoryApi, useValue: { load: () => NEVER } },
          { provide: CompanyViewStore, useValue: { tenantId: signal('tenant-a'), scope: signal(null) } },
        ],
      });
      const fixture = TestBed.createComponent(KpiCards);
      fixture.componentRef.setInput('kpis', companyViewResponse().kpis);
      fixture.componentRef.setInput('locale', 'en-US');
      document.body.appendChild(fixture.nativeElement as HTMLElement);
      await fixture.whenStable();
      const element = fixture.nativeElement as HTMLElement;
      const button = element.querySelector<HTMLButtonElement>('[data-testid="kpi-details-openTicketsCount"]')!;
      expect(button.tagName).toBe('BUTTON');
      expect(button.textContent?.trim()).toBe('Details');
      expect(button.getAttribute('aria-label')).toBe('Details: Open tickets');

      button.focus();
      button.click();
      await fixture.whenStable();
      const [panel] = await fixture.getDeferBlocks();
      await panel.render(DeferBlockState.Complete);
      const dialog = element.querySelector('dialog')!;
      expect(dialog.hasAttribute('open')).toBe(true);
      expect(dialog.textContent).toContain('Open tickets');

      dialog.close();
      await fixture.whenStable();
      expect(element.querySelector('dialog')).toBeNull();
      expect(document.activeElement).toBe(element.querySelector('[data-testid="kpi-details-openTicketsCount"]'));
      fixture.destroy();
    });

    it('has no buttons and no links on a wall screen', async () => {
      TestBed.resetTestingModule();
      const fixture = TestBed.createComponent(KpiCards);
      fixture.componentRef.setInput('kpis', companyViewResponse().kpis);
      fixture.componentRef.setInput('links', companyViewResponse().meta!.kpiLinks);
      fixture.componentRef.setInput('locale', 'en-US');
      fixture.componentRef.setInput('interactive', false);
      await fixture.whenStable();
      const element = fixture.nativeElement as HTMLElement;
      expect(element.querySelectorAll('button, a')).toHaveLength(0);
      expect(element.querySelectorAll('[data-testid^="kpi-value-"]')).toHaveLength(6);
    });
  });

  describe('money', () => {
    const byTestId = (element: HTMLElement, id: string) => element.querySelector(`[data-testid="${id}"]`);
    const text = (element: HTMLElement, id: string) => byTestId(element, id)?.textContent?.trim();

    it('shows the amounts under the money KPIs, one line per currency in the order given', async () => {
      const response = twoCompanyResponse();
      const element = await render(response.kpis, response.meta!.kpiLinks, response.money);

      expect(text(element, 'kpi-money-openInvoicesCount-EUR')).toBe('€2.1M due');
      expect(text(element, 'kpi-money-openInvoicesCount-USD')).toBe('$1.2M due');
      expect(text(element, 'kpi-money-overdueInvoicesCount-USD')).toBe('$56K overdue');
      expect(text(element, 'kpi-money-openLeadsCount-EUR')).toBe('€2.1M pipeline · €800K weighted');
      const card = byTestId(element, 'kpi-card-openInvoicesCount')!;
      expect(
        [...card.querySelectorAll('[data-testid^="kpi-money-openInvoicesCount-"]')].map((line) =>
          line.getAttribute('data-testid'),
        ),
      ).toEqual(['kpi-money-openInvoicesCount-EUR', 'kpi-money-openInvoicesCount-USD']);
      expect(element.querySelectorAll('[data-testid^="kpi-money-openTasksCount"]')).toHaveLength(0);
    });

    it('reads each line to screen readers as the exact amount in words', async () => {
      const response = twoCompanyResponse();
      const element = await render(response.kpis, response.meta!.kpiLinks, response.money);
      const shown = byTestId(element, 'kpi-money-openInvoicesCount-USD')!;
      const spoken = byTestId(element, 'kpi-money-spoken-openInvoicesCount-USD')!;
      expect(shown.getAttribute('aria-hidden')).toBe('true');
      expect(spoken.classList).toContain('visually-hidden');
      expect(spoken.textContent?.trim()).toBe('1,234,567.89 US dollars due');
      expect(text(element, 'kpi-money-spoken-openLeadsCount-EUR')).toBe(
        '2,100,000.00 euros pipeline, 800,000.00 euros weighted',
      );
    });

    it("formats for the user's locale", async () => {
      const response = twoCompanyResponse([1]);
      const element = await render(response.kpis, response.meta!.kpiLinks, response.money, 'de-DE');
      expect(text(element, 'kpi-money-openLeadsCount-EUR')).toBe(
        '2,1\u00a0Mio.\u00a0€ pipeline · 800.000\u00a0€ weighted',
      );
      expect(byTestId(element, 'kpi-money-openInvoicesCount-USD')).toBeNull();
    });

    it('shows no amount for a failed section while its card says the count is unavailable', async () => {
      const response = twoCompanyResponse();
      for (const total of response.money.totals) {
        total.pipelineAmount = null;
        total.weightedPipelineAmount = null;
      }
      const element = await render({ ...response.kpis, openLeadsCount: null }, response.meta!.kpiLinks, response.money);
      const card = byTestId(element, 'kpi-card-openLeadsCount')!;
      expect(card.querySelectorAll('.kpi__money')).toHaveLength(0);
      expect(card.textContent).toContain('Unavailable');
      expect(text(element, 'kpi-money-openInvoicesCount-EUR')).toBe('€2.1M due');
    });

    it('notes how many records without a company the amounts leave out', async () => {
      const response = twoCompanyResponse();
      response.money.recordsWithoutCompany = { openInvoices: 3, overdueInvoices: 1, openOpportunities: 0 };
      const element = await render(response.kpis, response.meta!.kpiLinks, response.money);
      expect(text(element, 'kpi-money-note-openInvoicesCount')).toBe('3 invoices without a company not included');
      expect(text(element, 'kpi-money-note-overdueInvoicesCount')).toBe('1 invoice without a company not included');
      expect(byTestId(element, 'kpi-money-note-openLeadsCount')).toBeNull();
    });
  });
});
