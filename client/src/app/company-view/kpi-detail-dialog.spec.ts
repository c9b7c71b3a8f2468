import { signal } from '@angular/core';
import { DeferBlockBehavior, TestBed } from '@angular/core/testing';
import type { CompanyViewHistoryResponse, HistoryRange } from '@contracts/history';
import { Observable, Subject } from 'rxjs';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { polyfillDialog } from '../../testing/dialog-polyfill';
import type { CompanyScope } from './company-view-api';
import { CompanyViewStore } from './company-view-store';
import { KpiDetailDialog } from './kpi-detail-dialog';
import { KpiHistoryApi } from './kpi-history-api';

class FakeHistoryApi {
  readonly calls: { range: HistoryRange; company: number | undefined; answer: Subject<CompanyViewHistoryResponse> }[] =
    [];

  load(_tenantId: string, range: HistoryRange, company?: number): Observable<CompanyViewHistoryResponse> {
    const answer = new Subject<CompanyViewHistoryResponse>();
    this.calls.push({ range, company, answer });
    return answer;
  }
}

describe('KpiDetailDialog', () => {
  let api: FakeHistoryApi;

  async function open(scope: CompanyScope = null) {
    polyfillDialog();
    api = new FakeHistoryApi();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      // The chart (uPlot, canvas) is the browser suite's business: here it stays a placeholder.
      deferBlockBehavior: DeferBlockBehavior.Manual,
      providers: [
        { provide: KpiHistoryApi, useValue: api },
        { provide: CompanyViewStore, useValue: { tenantId: signal('tenant-a'), scope: signal(scope) } },
      ],
    });
    const fixture = TestBed.createComponent(KpiDetailDialog);
    fixture.componentRef.setInput('kpiKey', 'openTasksCount');
    fixture.componentRef.setInput('label', 'Open tasks');
    fixture.componentRef.setInput('locale', 'en-US');
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => closed++);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, closedCount: () => closed };
  }

  const points = (...values: (number | null)[]) =>
    values.map((openTasksCount, i) => ({
      at: new Date(Date.parse('2026-03-02T09:00:00Z') + i * 900_000).toISOString(),
      kpis: { ...companyViewResponse().kpis, openTasksCount },
      money: companyViewResponse().money,
    }));

  it('opens as a modal named by its title and shows seven days as a table, newest first', async () => {
    const { fixture, element } = await open();
    const dialog = element.querySelector('dialog')!;
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent?.trim()).toBe('Open tasks');
    expect(api.calls.map(({ range, company }) => ({ range, company }))).toEqual([{ range: '7d', company: undefined }]);

    api.calls[0].answer.next({ tenantId: 'tenant-a', range: '7d', points: points(4, 1234, null) });
    await fixture.whenStable();
    const table = element.querySelector('table')!;
    expect(table.querySelector('caption')?.textContent?.trim()).toBe('Open tasks over the last 7 days, newest first');
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual(['col', 'col']);
    const rows = [...table.querySelectorAll('tbody tr')];
    // Shown in the user's time zone, whichever it is where the test runs.
    const local = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
    const times = ['09:30', '09:15', '09:00'].map((time) => local.format(new Date(`2026-03-02T${time}:00Z`)));
    expect(rows.map((row) => row.querySelector('th[scope="row"]')?.textContent?.trim())).toEqual(times);
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['—', '1,234', '4']);
  });

  it('asks for the range chosen, for the company on screen, and shows days for the long ranges', async () => {
    const { fixture, element } = await open([3]);
    const year = element.querySelector<HTMLInputElement>('[data-testid="kpi-detail-range-365d"]')!;
    year.click();
    await fixture.whenStable();
    expect(api.calls.map(({ range, company }) => ({ range, company }))).toEqual([
      { range: '7d', company: 3 },
      { range: '365d', company: 3 },
    ]);
    expect(element.querySelector('[data-testid="kpi-detail-loading"]')).not.toBeNull();
    api.calls[1].answer.next({ tenantId: 'tenant-a', range: '365d', points: points(5) });
    await fixture.whenStable();
    expect(element.querySelector('thead th')?.textContent?.trim()).toBe('Day');
    expect(element.querySelector('caption')?.textContent).toContain('the last 365 days');
  });

  it('says so when the history cannot be loaded, and closes by its button', async () => {
    const { fixture, element, closedCount } = await open();
    api.calls[0].answer.error(new Error('down'));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="kpi-detail-failed"]')?.textContent).toContain('could not be loaded');
    element.querySelector<HTMLButtonElement>('[data-testid="kpi-detail-close"]')!.click();
    expect(closedCount()).toBe(1);
  });
});
