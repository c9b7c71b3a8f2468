import { formatKpi, KPI_DEFINITIONS } from './kpi-format';

describe('formatKpi', () => {
  it('shows the count with grouping for the user locale', () => {
    expect(formatKpi('Open tasks', 1234, 'en-US')).toEqual({
      text: '1,234',
      ariaLabel: 'Open tasks: 1,234',
      unavailable: false,
    });
    expect(formatKpi('Open tasks', 1234, 'de-DE').text).toBe('1.234');
  });

  it('shows zero as a real value, not as missing', () => {
    expect(formatKpi('Open tickets', 0, 'en-US')).toEqual({
      text: '0',
      ariaLabel: 'Open tickets: 0',
      unavailable: false,
    });
  });

  it('shows a dash and an accessible "unavailable" label for a missing value', () => {
    for (const value of [null, undefined, Number.NaN]) {
      expect(formatKpi('Open opportunities', value, 'en-US')).toEqual({
        text: '—',
        ariaLabel: 'Open opportunities: value unavailable',
        unavailable: true,
      });
    }
  });
});

describe('KPI_DEFINITIONS', () => {
  it('defines the six cards, each with a label and an explanation', () => {
    expect(KPI_DEFINITIONS.map((kpi) => kpi.key)).toEqual([
      'openInvoicesCount',
      'overdueInvoicesCount',
      'openLeadsCount',
      'openTasksCount',
      'openTicketsCount',
      'lowStockItemsCount',
    ]);
    for (const kpi of KPI_DEFINITIONS) {
      expect(kpi.label.length).toBeGreaterThan(0);
      expect(kpi.howCounted.length).toBeGreaterThan(10);
    }
  });
});
