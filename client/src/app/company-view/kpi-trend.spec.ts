import type { CompanyKpis } from '@contracts/company-view';
import type { HistoryPoint } from '@contracts/history';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import {
  DAY_MS,
  describeChange,
  historyCompany,
  historyStart,
  HOUR_MS,
  kpiChanges,
  SPARK_HEIGHT,
  sparkline,
  valueNear,
} from './kpi-trend';

const AT = Date.parse('2026-03-09T09:00:00Z');

function point(msAgo: number, overdueInvoicesCount: number | null): HistoryPoint {
  const kpis: CompanyKpis = { ...companyViewResponse().kpis, overdueInvoicesCount };
  return { at: new Date(AT - msAgo).toISOString(), kpis, money: companyViewResponse().money };
}

describe('valueNear', () => {
  const points = [point(DAY_MS + 50 * 60_000, 7), point(DAY_MS - 20 * 60_000, 8), point(DAY_MS - 10 * 60_000, null)];

  it('takes the recorded value nearest the time asked for, skipping failed readings', () => {
    expect(valueNear(points, 'overdueInvoicesCount', AT - DAY_MS)).toBe(8);
  });

  it('finds nothing further away than the tolerance', () => {
    expect(valueNear(points, 'overdueInvoicesCount', AT - 3 * DAY_MS)).toBeNull();
    expect(valueNear([point(DAY_MS + HOUR_MS + 1, 7)], 'overdueInvoicesCount', AT - DAY_MS)).toBeNull();
  });
});

describe('kpiChanges', () => {
  it('compares with the same time yesterday and a week ago, where recorded', () => {
    const changes = kpiChanges(
      'overdueInvoicesCount',
      'fewer',
      5,
      AT,
      [point(7 * DAY_MS, 9), point(DAY_MS, 3)],
      'en-US',
    );
    expect(changes.map(({ period, delta, tone }) => ({ period, delta, tone }))).toEqual([
      { period: 'yesterday', delta: 2, tone: 'bad' },
      { period: 'last week', delta: -4, tone: 'good' },
    ]);
    expect(kpiChanges('overdueInvoicesCount', 'fewer', 5, AT, [point(DAY_MS, 3)], 'en-US')).toHaveLength(1);
    expect(kpiChanges('overdueInvoicesCount', 'fewer', null, AT, [point(DAY_MS, 3)], 'en-US')).toEqual([]);
  });

  it('says the direction and the verdict in words, and gives a neutral KPI no verdict', () => {
    expect(describeChange('yesterday', 1234, 'more', 'en-US')).toMatchObject({
      icon: '▲',
      text: '1,234 vs yesterday',
      spoken: 'Up 1,234 since yesterday, better.',
      tone: 'good',
    });
    expect(describeChange('last week', -3, 'more', 'en-US')).toMatchObject({
      icon: '▼',
      spoken: 'Down 3 since last week, worse.',
      tone: 'bad',
    });
    expect(describeChange('last week', 3, 'neither', 'en-US')).toMatchObject({
      spoken: 'Up 3 since last week.',
      tone: 'neutral',
    });
    expect(describeChange('yesterday', 0, 'fewer', 'en-US')).toMatchObject({
      icon: '=',
      text: '0 vs yesterday',
      spoken: 'No change since yesterday.',
      tone: 'neutral',
    });
  });
});

describe('sparkline', () => {
  it('draws nothing with fewer than two recorded values in the last seven days', () => {
    expect(sparkline([], 'overdueInvoicesCount', 4, AT)).toBeNull();
    expect(
      sparkline([point(DAY_MS, 3), point(8 * DAY_MS, 2), point(HOUR_MS, null)], 'overdueInvoicesCount', 4, AT),
    ).toBeNull();
  });

  it('runs from the recorded values to the value on the card, highest at the top', () => {
    const line = sparkline([point(7 * DAY_MS, 10), point(DAY_MS, 2)], 'overdueInvoicesCount', 6, AT)!;
    expect(line).toMatchObject({ min: 2, max: 10 });
    const ys = [...line.path.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((match) => Number(match[1]));
    expect(ys).toHaveLength(3);
    expect(ys[0]).toBeLessThan(ys[2]);
    expect(ys[2]).toBeLessThan(ys[1]);
    expect(line.end.y).toBe(ys[2]);
  });

  it('draws a flat line through the middle when nothing changed', () => {
    const line = sparkline([point(2 * DAY_MS, 4), point(DAY_MS, 4)], 'overdueInvoicesCount', 4, AT)!;
    expect(line.end.y).toBe(SPARK_HEIGHT / 2);
  });
});

describe('historyStart and historyCompany', () => {
  it('starts history at the first point, or now when none is recorded', () => {
    expect(historyStart([point(3 * DAY_MS, 1)], AT)).toEqual(new Date(AT - 3 * DAY_MS));
    expect(historyStart([], AT)).toEqual(new Date(AT));
  });

  it('keeps history for all companies or for one, not for several', () => {
    expect(historyCompany(null)).toBeUndefined();
    expect(historyCompany([])).toBeUndefined();
    expect(historyCompany([3])).toBe(3);
    expect(historyCompany([1, 3])).toBeNull();
  });
});
