import { TestBed } from '@angular/core/testing';
import type { CompanyInfo } from '@contracts/company-view';
import { CompanySelect, scopeChoice } from './company-select';
import type { CompanyScope } from './company-view-api';

const THREE: CompanyInfo[] = [
  { id: 1, name: 'North', currency: 'EUR' },
  { id: 3, name: 'South', currency: 'USD' },
  { id: 4, name: 'West', currency: 'USD' },
];

describe('scopeChoice', () => {
  it('picks "all" for the default scope or one that covers every company', () => {
    expect(scopeChoice(THREE, null)).toBe('all');
    expect(scopeChoice(THREE, [])).toBe('all');
    expect(scopeChoice(THREE, [1, 3, 4])).toBe('all');
  });

  it("picks the company's id for a single company and 'several' for a part of them", () => {
    expect(scopeChoice(THREE, [3])).toBe('3');
    expect(scopeChoice(THREE, [1, 4])).toBe('several');
  });
});

describe('CompanySelect', () => {
  async function render(scope: CompanyScope) {
    TestBed.resetTestingModule();
    const fixture = TestBed.createComponent(CompanySelect);
    fixture.componentRef.setInput('companies', THREE);
    fixture.componentRef.setInput('scope', scope);
    const emitted: CompanyScope[] = [];
    fixture.componentInstance.scopeChange.subscribe((value) => emitted.push(value));
    await fixture.whenStable();
    const select = (fixture.nativeElement as HTMLElement).querySelector<HTMLSelectElement>(
      '[data-testid="company-select"]',
    )!;
    return { select, emitted };
  }

  it('emits one company, or null for all companies', async () => {
    const { select, emitted } = await render(null);
    select.value = '4';
    select.dispatchEvent(new Event('change'));
    select.value = 'all';
    select.dispatchEvent(new Event('change'));
    expect(emitted).toEqual([[4], null]);
  });

  it('shows a scope of several companies as such rather than pretending it is all of them', async () => {
    const { select } = await render([1, 4]);
    expect(select.selectedOptions[0].text.trim()).toBe('2 companies');
    expect(select.selectedOptions[0].disabled).toBe(true);
    expect(select.options).toHaveLength(5);
  });
});
