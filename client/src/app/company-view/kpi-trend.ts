import type { CompanyKpiKey } from '@contracts/company-view';
import type { HistoryPoint } from '@contracts/history';
import { formatCount } from './formatters';
import type { KpiDirection } from './kpi-format';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** What a card's sparkline covers. */
export const SPARKLINE_SPAN_MS = 7 * DAY_MS;
/**
 * How far a recorded point may lie from "the same time yesterday" and still stand for it. Every
 * tenant is sampled at least hourly (HISTORY_SAMPLE_CRON), so an hour either way finds one.
 */
export const COMPARISON_TOLERANCE_MS = HOUR_MS;

/** The sparkline's drawing box (SVG user units); the element itself is sized by CSS. */
export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 32;
const SPARK_PAD = 3;

export type ChangeTone = 'good' | 'bad' | 'neutral';

/** A KPI's change against an earlier time, for the eye (icon, short text) and for the ear. */
export interface KpiChange {
  period: 'yesterday' | 'last week';
  delta: number;
  tone: ChangeTone;
  /** ▲, ▼ or =; decorative, the words say the same. */
  icon: string;
  /** e.g. "4 vs yesterday" (after the icon). */
  text: string;
  /** e.g. "Up 4 since yesterday, worse." */
  spoken: string;
}

export interface Sparkline {
  /** An SVG path through the points, in SPARK_WIDTH × SPARK_HEIGHT units. */
  path: string;
  /** Where the line ends (the value on the card). */
  end: { x: number; y: number };
  min: number;
  max: number;
}

const COMPARISONS: readonly { period: KpiChange['period']; agoMs: number }[] = [
  { period: 'yesterday', agoMs: DAY_MS },
  { period: 'last week', agoMs: 7 * DAY_MS },
];

/**
 * The company to ask history for: undefined for the default scope (all companies), the id for a
 * single company, null when the scope is several companies, which history does not keep.
 */
export function historyCompany(scope: readonly number[] | null): number | undefined | null {
  if (!scope?.length) {
    return undefined;
  }
  return scope.length === 1 ? scope[0] : null;
}

/** The KPI's recorded value nearest to `target`, if one lies within `toleranceMs`. */
export function valueNear(
  points: readonly HistoryPoint[],
  key: CompanyKpiKey,
  target: number,
  toleranceMs = COMPARISON_TOLERANCE_MS,
): number | null {
  let best: { distance: number; value: number } | null = null;
  for (const point of points) {
    const value = point.kpis[key];
    const distance = Math.abs(Date.parse(point.at) - target);
    if (value !== null && distance <= toleranceMs && (best === null || distance < best.distance)) {
      best = { distance, value };
    }
  }
  return best?.value ?? null;
}

/** The changes of `current` (read at `at`) against the same time yesterday and a week ago, where known. */
export function kpiChanges(
  key: CompanyKpiKey,
  better: KpiDirection,
  current: number | null,
  at: number,
  points: readonly HistoryPoint[],
  locale: string,
): KpiChange[] {
  if (current === null) {
    return [];
  }
  return COMPARISONS.flatMap(({ period, agoMs }) => {
    const before = valueNear(points, key, at - agoMs);
    return before === null ? [] : [describeChange(period, current - before, better, locale)];
  });
}

export function describeChange(
  period: KpiChange['period'],
  delta: number,
  better: KpiDirection,
  locale: string,
): KpiChange {
  const size = formatCount(Math.abs(delta), locale);
  const tone = toneOf(delta, better);
  if (delta === 0) {
    return { period, delta, tone, icon: '=', text: `0 vs ${period}`, spoken: `No change since ${period}.` };
  }
  const verdict = tone === 'good' ? ', better' : tone === 'bad' ? ', worse' : '';
  return {
    period,
    delta,
    tone,
    icon: delta > 0 ? '▲' : '▼',
    text: `${size} vs ${period}`,
    spoken: `${delta > 0 ? 'Up' : 'Down'} ${size} since ${period}${verdict}.`,
  };
}

function toneOf(delta: number, better: KpiDirection): ChangeTone {
  if (delta === 0 || better === 'neither') {
    return 'neutral';
  }
  return delta < 0 === (better === 'fewer') ? 'good' : 'bad';
}

/**
 * The sparkline of the last SPARKLINE_SPAN_MS up to `at`: the recorded values, then the value on the
 * card. Null while fewer than two values were recorded: there is no trend to draw yet.
 */
export function sparkline(
  points: readonly HistoryPoint[],
  key: CompanyKpiKey,
  current: number | null,
  at: number,
): Sparkline | null {
  const from = at - SPARKLINE_SPAN_MS;
  const series = points.flatMap((point) => {
    const t = Date.parse(point.at);
    const value = point.kpis[key];
    return value !== null && t >= from && t <= at ? [{ t, value }] : [];
  });
  if (series.length < 2) {
    return null;
  }
  if (current !== null && at > series[series.length - 1].t) {
    series.push({ t: at, value: current });
  }
  const values = series.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (t: number) => round(SPARK_PAD + ((t - from) / SPARKLINE_SPAN_MS) * (SPARK_WIDTH - 2 * SPARK_PAD));
  const y = (value: number) =>
    max === min
      ? SPARK_HEIGHT / 2
      : round(SPARK_HEIGHT - SPARK_PAD - ((value - min) / (max - min)) * (SPARK_HEIGHT - 2 * SPARK_PAD));
  const path = series.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t)} ${y(p.value)}`).join(' ');
  const last = series[series.length - 1];
  return { path, end: { x: x(last.t), y: y(last.value) }, min, max };
}

/** The date history begins on: the first recorded point's, or `at` when nothing is recorded yet. */
export function historyStart(points: readonly HistoryPoint[], at: number): Date {
  return new Date(points.length ? Date.parse(points[0].at) : at);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
