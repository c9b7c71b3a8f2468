import type { CompanyViewMoney } from '@contracts/company-view';
import { compactMoney, moneyLines, spokenMoney, withoutCompanyNote } from './kpi-money';

const NBSP = '\u00a0';

function money(overrides: Partial<CompanyViewMoney> = {}): CompanyViewMoney {
  return {
    totals: [
      {
        currency: 'EUR',
        companyIds: [1],
        openInvoicesAmount: 2_100_000,
        overdueInvoicesAmount: 340_000,
        pipelineAmount: 2_100_000,
        weightedPipelineAmount: 800_000,
      },
      {
        currency: 'USD',
        companyIds: [2, 3],
        openInvoicesAmount: 1_234_567.89,
        overdueInvoicesAmount: 56_000,
        pipelineAmount: 950_000,
        weightedPipelineAmount: 410_000,
      },
    ],
    recordsWithoutCompany: { openInvoices: 0, overdueInvoices: 0, openOpportunities: 0 },
    ...overrides,
  };
}

describe('compactMoney', () => {
  it("writes an amount in its own currency, in the user's locale", () => {
    expect(compactMoney(1_234_567.89, 'USD', 'en-US')).toBe('$1.2M');
    expect(compactMoney(340_000, 'USD', 'en-US')).toBe('$340K');
    expect(compactMoney(2_100_000, 'EUR', 'en-US')).toBe('€2.1M');
    expect(compactMoney(2_100_000, 'EUR', 'de-DE')).toBe(`2,1${NBSP}Mio.${NBSP}€`);
    expect(compactMoney(800_000, 'EUR', 'de-DE')).toBe(`800.000${NBSP}€`);
  });

  it('rounds small amounts to whole units', () => {
    expect(compactMoney(950.5, 'USD', 'en-US')).toBe('$951');
    expect(compactMoney(0, 'EUR', 'en-US')).toBe('€0');
  });

  it('still shows the number, with the code, for a currency code Intl does not accept', () => {
    expect(compactMoney(1_234_567, 'E1R', 'en-US')).toBe('1.2M E1R');
  });
});

describe('spokenMoney', () => {
  it('gives the exact amount with the currency in words', () => {
    expect(spokenMoney(1_234_567.89, 'USD', 'en-US')).toBe('1,234,567.89 US dollars');
    expect(spokenMoney(2_100_000, 'EUR', 'de-DE')).toBe('2.100.000,00 Euro');
  });
});

describe('moneyLines', () => {
  it('gives one line per currency, in the order of the totals, for each money KPI', () => {
    expect(moneyLines('openInvoicesCount', money(), 'en-US')).toEqual([
      { currency: 'EUR', parts: ['€2.1M due'], spoken: '2,100,000.00 euros due' },
      { currency: 'USD', parts: ['$1.2M due'], spoken: '1,234,567.89 US dollars due' },
    ]);
    expect(moneyLines('overdueInvoicesCount', money(), 'en-US').map((line) => line.parts)).toEqual([
      ['€340K overdue'],
      ['$56K overdue'],
    ]);
    expect(moneyLines('openLeadsCount', money(), 'en-US')).toEqual([
      {
        currency: 'EUR',
        parts: ['€2.1M pipeline', '€800K weighted'],
        spoken: '2,100,000.00 euros pipeline, 800,000.00 euros weighted',
      },
      {
        currency: 'USD',
        parts: ['$950K pipeline', '$410K weighted'],
        spoken: '950,000.00 US dollars pipeline, 410,000.00 US dollars weighted',
      },
    ]);
  });

  it("follows the user's locale", () => {
    expect(moneyLines('openLeadsCount', money(), 'de-DE')[0].parts).toEqual([
      `2,1${NBSP}Mio.${NBSP}€ pipeline`,
      `800.000${NBSP}€ weighted`,
    ]);
  });

  it('shows nothing for the amounts of a failed section, and keeps the others', () => {
    const crmFailed = money();
    for (const total of crmFailed.totals) {
      total.pipelineAmount = null;
      total.weightedPipelineAmount = null;
    }
    expect(moneyLines('openLeadsCount', crmFailed, 'en-US')).toEqual([]);
    expect(moneyLines('openInvoicesCount', crmFailed, 'en-US')).toHaveLength(2);
  });

  it('leaves out a single missing amount of a line', () => {
    const partial = money();
    partial.totals[1].weightedPipelineAmount = null;
    expect(moneyLines('openLeadsCount', partial, 'en-US')[1]).toEqual({
      currency: 'USD',
      parts: ['$950K pipeline'],
      spoken: '950,000.00 US dollars pipeline',
    });
  });

  it('has no lines for KPIs without money, without totals or without money at all', () => {
    expect(moneyLines('openTasksCount', money(), 'en-US')).toEqual([]);
    expect(moneyLines('openInvoicesCount', money({ totals: [] }), 'en-US')).toEqual([]);
    expect(moneyLines('openInvoicesCount', null, 'en-US')).toEqual([]);
  });
});

describe('withoutCompanyNote', () => {
  const without = (openInvoices: number | null, openOpportunities: number | null) =>
    money({ recordsWithoutCompany: { openInvoices, overdueInvoices: 0, openOpportunities } });

  it('says how many records without a company the amounts leave out, in singular or plural', () => {
    expect(withoutCompanyNote('openInvoicesCount', without(3, 0))).toBe('3 invoices without a company not included');
    expect(withoutCompanyNote('openInvoicesCount', without(1, 0))).toBe('1 invoice without a company not included');
    expect(withoutCompanyNote('openLeadsCount', without(0, 1))).toBe('1 opportunity without a company not included');
    expect(withoutCompanyNote('openLeadsCount', without(0, 2))).toBe('2 opportunities without a company not included');
  });

  it('says nothing when none are left out or the count is unknown', () => {
    expect(withoutCompanyNote('openInvoicesCount', without(0, 4))).toBeNull();
    expect(withoutCompanyNote('openInvoicesCount', without(null, 4))).toBeNull();
    expect(withoutCompanyNote('overdueInvoicesCount', without(4, 4))).toBeNull();
    expect(withoutCompanyNote('openTasksCount', without(4, 4))).toBeNull();
    expect(withoutCompanyNote('openInvoicesCount', null)).toBeNull();
  });
});
