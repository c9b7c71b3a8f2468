import { formatKpi, KPI_DEFINITIONS, odooMajor } from './kpi-format';

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
      for (const major of [null, 16, 17, 18, 19]) expect(kpi.howCounted(major)).toMatch(/›/); // names an Odoo menu
    }
  });

  const help = (key: string, major: number | null) => KPI_DEFINITIONS.find((kpi) => kpi.key === key)!.howCounted(major);

  it("names each version's own filter where Odoo renamed it", () => {
    expect(help('openInvoicesCount', 17)).toContain('“Unpaid”');
    expect(help('openInvoicesCount', 18)).toContain('“To pay”');
    expect(help('openInvoicesCount', 19)).toContain('receipts');
    expect(help('openInvoicesCount', 16)).toContain('Credit notes are not counted');
    expect(help('overdueInvoicesCount', 16)).toContain('“Overdue”');
    expect(help('openTasksCount', 16)).toContain('remove the “My Tasks” filter');
    expect(help('openTasksCount', 19)).toContain('Show Sub-Tasks');
    expect(help('lowStockItemsCount', 18)).toMatch(/reordering rules .* not products/);
  });
});

describe('odooMajor', () => {
  it.each([
    ['17.0+e-20240709', 17],
    ['saas~18.3+e', 18],
    ['19.0', 19],
    ['', null],
    [null, null],
  ])('reads %p as %p', (version, major) => {
    expect(odooMajor(version)).toBe(major);
  });
});
