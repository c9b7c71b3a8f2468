import { Component, input, signal } from '@angular/core';
import { Icon } from './icon';

let nextId = 0;

/**
 * A small "?" button with an explanation. The text is tied to the button with aria-describedby, so
 * screen readers read it on focus; sighted users see it on hover, focus or tap, and Escape hides it.
 * The bubble spans the nearest positioned ancestor (the KPI card), so it never leaves a narrow screen.
 */
@Component({
  selector: 'cv-info-tip',
  imports: [Icon],
  template: `
    <span class="tip" (mouseenter)="open.set(true)" (mouseleave)="open.set(false)">
      <button
        type="button"
        class="tip__button"
        [attr.aria-label]="label()"
        [attr.aria-describedby]="id"
        [attr.data-testid]="testId()"
        (focus)="open.set(true)"
        (blur)="open.set(false)"
        (click)="open.set(!open())"
        (keydown.escape)="open.set(false)"
      >
        <cv-icon name="help" />
      </button>
      <span role="tooltip" class="tip__bubble" [id]="id" [class.is-open]="open()">{{ text() }}</span>
    </span>
  `,
  styles: `
    .tip {
      display: inline-flex;
    }

    .tip__button {
      display: inline-grid;
      place-items: center;
      width: 1.75rem;
      height: 1.75rem;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--text-muted);
      cursor: help;
    }

    .tip__button:hover {
      background: var(--surface-muted);
      color: var(--text);
    }

    .tip__bubble {
      position: absolute;
      top: calc(100% + 0.375rem);
      right: 0;
      left: 0;
      z-index: 20;
      padding: 0.5rem 0.75rem;
      border-radius: var(--radius);
      background: var(--text);
      color: var(--bg);
      box-shadow: var(--shadow-lg);
      font-size: var(--font-size-xs);
      font-weight: 500;
      line-height: 1.45;
      text-align: left;
      visibility: hidden;
      opacity: 0;
      transition: opacity 120ms ease;
      pointer-events: none;
    }

    .tip__bubble.is-open {
      visibility: visible;
      opacity: 1;
    }
  `,
})
export class InfoTip {
  readonly label = input.required<string>();
  readonly text = input.required<string>();
  readonly testId = input<string | null>(null);
  protected readonly id = `cv-tip-${nextId++}`;
  protected readonly open = signal(false);
}
