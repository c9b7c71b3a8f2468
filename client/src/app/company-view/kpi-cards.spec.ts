import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { KpiCards } from './kpi-cards';

describe('KpiCards', () => {
  async function render(kpis = companyViewResponse().kpis) {
    TestBed.resetTestingModule();
    const fixture = TestBed.createComponent(KpiCards);
    fixture.componentRef.setInput('kpis', kpis);
    fixture.componentRef.setInput('locale', 'en-US');
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
    expect(card.querySelector('[data-testid="kpi-value-lowStockItemsCount"]')?.getAttribute('aria-hidden')).toBe('true');
    expect(card.querySelector('.visually-hidden')?.textContent).toBe('Low-stock items: value unavailable');
    expect(card.textContent).toContain('Unavailable');
  });

  it('explains each number in a tooltip tied to a focusable button', async () => {
    const element = await render();
    const button = element.querySelector<HTMLButtonElement>('[data-testid="kpi-hint-overdueInvoicesCount"]')!;
    expect(button.tagName).toBe('BUTTON');
    const tooltip = element.querySelector(`#${button.getAttribute('aria-describedby')}`)!;
    expect(tooltip.getAttribute('role')).toBe('tooltip');
    expect(tooltip.textContent).toContain('due date');

    button.dispatchEvent(new Event('focus'));
    await settle();
    expect(tooltip.classList.contains('is-open')).toBe(true);
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await settle();
    expect(tooltip.classList.contains('is-open')).toBe(false);
  });
});
