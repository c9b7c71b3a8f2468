import { TestBed } from '@angular/core/testing';
import type { LowStockRow } from '@contracts/company-view';
import { LowStockTable, urgencyOf } from './low-stock-table';

function rule(ruleId: string, qtyForecast: number, reorderMinQty: number | null): LowStockRow {
  return {
    id: '7',
    ruleId,
    odooUrl: null,
    productName: `Product ${ruleId}`,
    warehouseName: 'Main',
    qtyAvailable: qtyForecast,
    qtyForecast,
    reorderMinQty,
  };
}

describe('urgencyOf', () => {
  it('is critical with nothing left to come, high below half the minimum, medium below the minimum', () => {
    expect(urgencyOf(rule('1', -3, 0))).toBe('critical');
    expect(urgencyOf(rule('2', 0, 43))).toBe('critical');
    expect(urgencyOf(rule('3', 4, 10))).toBe('high');
    expect(urgencyOf(rule('4', 5, 10))).toBe('medium');
    expect(urgencyOf(rule('5', 9, 10))).toBe('medium');
    expect(urgencyOf(rule('6', 2, null))).toBe('critical');
  });
});

describe('LowStockTable', () => {
  it("shows each row's urgency in words with an icon, keeping the server's order", async () => {
    TestBed.resetTestingModule();
    const fixture = TestBed.createComponent(LowStockTable);
    fixture.componentRef.setInput('rows', [rule('1', 0, 43), rule('2', 3, 29), rule('3', 25, 50)]);
    fixture.componentRef.setInput('locale', 'en-US');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const chips = [...element.querySelectorAll('[data-testid="low-stock-urgency"]')];
    expect(chips.map((chip) => chip.textContent?.trim())).toEqual(['Critical', 'High', 'Medium']);
    expect(chips.every((chip) => chip.querySelector('svg') !== null)).toBe(true);
    expect([...element.querySelectorAll('.cell-title')].map((cell) => cell.textContent)).toEqual([
      expect.stringContaining('Product 1'),
      expect.stringContaining('Product 2'),
      expect.stringContaining('Product 3'),
    ]);
    expect(element.querySelectorAll('.level')[1].textContent).toContain('10% of the minimum');
  });
});
