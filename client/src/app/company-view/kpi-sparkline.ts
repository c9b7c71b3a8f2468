import { Component, computed, input } from '@angular/core';
import { formatCount } from './formatters';
import { type Sparkline, SPARK_HEIGHT, SPARK_WIDTH } from './kpi-trend';

/**
 * A KPI's last seven days as a small line, drawn as inline SVG (it is on the first paint, so no chart
 * library). For assistive technology it is one image whose name says what the line shows. Without a
 * line yet it says when history began instead of drawing an empty chart.
 */
@Component({
  selector: 'cv-kpi-sparkline',
  template: `
    @if (line(); as line) {
      <svg
        class="spark"
        role="img"
        [attr.aria-label]="name()"
        [attr.viewBox]="viewBox"
        preserveAspectRatio="none"
        [attr.data-testid]="'kpi-sparkline-' + testKey()"
      >
        <path class="spark__line" [attr.d]="line.path" />
        <circle class="spark__end" [attr.cx]="line.end.x" [attr.cy]="line.end.y" r="2.5" />
      </svg>
    } @else {
      <p class="spark-start" [attr.data-testid]="'kpi-history-start-' + testKey()">History starts {{ startText() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .spark {
      display: block;
      width: 100%;
      height: 2rem;
      overflow: visible;
    }

    .spark__line {
      fill: none;
      stroke: var(--accent);
      stroke-width: 1.75;
      stroke-linejoin: round;
      stroke-linecap: round;
      vector-effect: non-scaling-stroke;
    }

    .spark__end {
      fill: var(--accent);
      stroke: none;
    }

    .spark-start {
      display: flex;
      align-items: center;
      min-height: 2rem;
      color: var(--text-muted);
      font-size: var(--font-size-xs);
    }
  `,
})
export class KpiSparkline {
  readonly line = input.required<Sparkline | null>();
  /** The KPI's label, e.g. "Open invoices". */
  readonly label = input.required<string>();
  readonly current = input<number | null>(null);
  /** When history began, shown while there is no line. */
  readonly start = input.required<Date>();
  readonly locale = input.required<string>();
  readonly testKey = input.required<string>();

  protected readonly viewBox = `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`;
  protected readonly name = computed(() => {
    const line = this.line();
    const count = (value: number) => formatCount(value, this.locale());
    const range = line ? `: lowest ${count(line.min)}, highest ${count(line.max)}` : '';
    const current = this.current();
    return `${this.label()}, 7-day trend${range}${current === null ? '' : `, now ${count(current)}`}`;
  });
  protected readonly startText = computed(() =>
    new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium' }).format(this.start()),
  );
}
