import {
  afterRenderEffect,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import type { CompanyKpiKey } from '@contracts/company-view';
import type { HistoryPoint, HistoryRange } from '@contracts/history';
import uPlot from 'uplot';

const CHART_HEIGHT = 240;
const HOUR_S = 3600;
/** How far back each range reaches, in seconds: the x axis spans it even before history fills it. */
const RANGE_SPAN_S: Record<HistoryRange, number> = {
  '24h': 24 * HOUR_S,
  '7d': 7 * 24 * HOUR_S,
  '30d': 30 * 24 * HOUR_S,
  '365d': 365 * 24 * HOUR_S,
};

/**
 * A KPI over a range, drawn by uPlot. Only the detail panel uses it, inside a `@defer` block, so the
 * library (about 22 KB gzip) is fetched the first time a panel opens and never on the first paint.
 * uPlot: small, fast, canvas-based, MIT, and maintained; ECharts would be ten times the download for
 * one line. The chart repeats the panel's table for the eye, so it is one image to assistive
 * technology. Colours come from the page's CSS variables, so it follows the light, dark and kiosk themes.
 */
@Component({
  selector: 'cv-kpi-history-chart',
  template: `<div #host class="kpi-chart" role="img" [attr.aria-label]="name()"></div>`,
  styleUrl: './kpi-history-chart.css',
  // uPlot builds its own elements, which an emulated encapsulation would not reach.
  encapsulation: ViewEncapsulation.None,
})
export class KpiHistoryChart {
  readonly points = input.required<readonly HistoryPoint[]>();
  readonly kpiKey = input.required<CompanyKpiKey>();
  readonly label = input.required<string>();
  readonly rangeText = input.required<string>();
  readonly range = input.required<HistoryRange>();

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private chart: uPlot | null = null;

  protected readonly name = computed(
    () => `${this.label()} over ${this.rangeText()}, chart; the same values are in the table`,
  );

  constructor() {
    const resize = new ResizeObserver(() => this.chart?.setSize({ width: this.width(), height: CHART_HEIGHT }));
    afterRenderEffect(() => {
      const data = this.series();
      this.chart?.destroy();
      this.chart = new uPlot(this.options(), data, this.host().nativeElement);
      resize.observe(this.host().nativeElement);
    });
    inject(DestroyRef).onDestroy(() => {
      resize.disconnect();
      this.chart?.destroy();
    });
  }

  private series(): uPlot.AlignedData {
    const key = this.kpiKey();
    const points = this.points();
    return [points.map((point) => Date.parse(point.at) / 1000), points.map((point) => point.kpis[key])];
  }

  private xRange(): uPlot.Range.MinMax {
    const now = Date.now() / 1000;
    return [now - RANGE_SPAN_S[this.range()], now];
  }

  private width(): number {
    return Math.max(200, this.host().nativeElement.clientWidth);
  }

  private options(): uPlot.Options {
    const color = (name: string) => resolvedColor(this.host().nativeElement, name);
    const axis: uPlot.Axis = {
      stroke: color('--text-muted'),
      grid: { stroke: color('--border'), width: 1 },
      ticks: { stroke: color('--border'), width: 1 },
    };
    return {
      width: this.width(),
      height: CHART_HEIGHT,
      legend: { show: false },
      // The whole range, ending now: a young history (one point, say) would otherwise be stretched
      // over an axis of uPlot's own choosing.
      scales: { x: { time: true, range: () => this.xRange() } },
      axes: [axis, { ...axis, size: 48 }],
      series: [
        {},
        // uPlot's default shows the points only while they are sparse enough to tell apart.
        { label: this.label(), stroke: color('--accent'), width: 2, spanGaps: false },
      ],
    };
  }
}

/**
 * The colour a CSS variable stands for where `element` is, as rgb(): the tokens hold light-dark()
 * pairs, which only CSS resolves (against the color-scheme in force); a canvas needs the result.
 */
function resolvedColor(element: HTMLElement, variable: string): string {
  const probe = element.ownerDocument.createElement('span');
  probe.style.color = `var(${variable})`;
  element.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
