import { Component, computed, input } from '@angular/core';

const CIRCLE = 'M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z';

/** Stroke paths on a 24×24 grid, drawn for this app. */
const ICONS = {
  refresh: ['M20 11a8 8 0 1 0-2.34 5.66', 'M20 4v7h-7'],
  warning: [
    'M10.29 3.86 1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0z',
    'M12 9v4',
    'M12 17h.01',
  ],
  info: [CIRCLE, 'M12 16v-4', 'M12 8h.01'],
  error: [CIRCLE, 'M15 9l-6 6', 'M9 9l6 6'],
  success: [CIRCLE, 'M8 12.5l2.5 2.5L16 9.5'],
  clock: [CIRCLE, 'M12 7v5l3 2'],
  help: [CIRCLE, 'M9.1 9a3 3 0 0 1 5.8 1c0 2-3 2.5-3 4', 'M12 17h.01'],
  settings: ['M4 7h9', 'M17 7h3', 'M15 5v4', 'M4 17h3', 'M11 17h9', 'M9 15v4'],
  shield: ['M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  link: ['M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1', 'M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1'],
  users: ['M12 7a3 3 0 1 1-6 0 3 3 0 0 1 6 0z', 'M3 20a6 6 0 0 1 12 0', 'M16 4a3 3 0 0 1 0 6', 'M18 14a6 6 0 0 1 3 6'],
  list: ['M8 6h13', 'M8 12h13', 'M8 18h13', 'M3 6h.01', 'M3 12h.01', 'M3 18h.01'],
  plus: ['M12 5v14', 'M5 12h14'],
  'log-out': ['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'M16 17l5-5-5-5', 'M21 12H9'],
  user: ['M16 8a4 4 0 1 1-8 0 4 4 0 0 1 8 0z', 'M4 21a8 8 0 0 1 16 0'],
  building: [
    'M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16',
    'M16 9h2a2 2 0 0 1 2 2v10',
    'M2 21h20',
    'M8 7h4',
    'M8 11h4',
    'M8 15h4',
  ],
  'wifi-off': [
    'M3 3l18 18',
    'M8.5 16.4a5 5 0 0 1 7 0',
    'M5 12.9a10 10 0 0 1 4.2-2.5',
    'M19 12.9a10 10 0 0 0-2.6-1.8',
    'M2 8.8a15 15 0 0 1 4.1-2.6',
    'M22 8.8a15 15 0 0 0-9.6-3.8',
    'M12 20h.01',
  ],
  inbox: [
    'M22 12h-6l-2 3h-4l-2-3H2',
    'M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z',
  ],
  flag: ['M4 22V4', 'M4 4h13l-2 4 2 4H4'],
  lock: ['M5 11h14v10H5z', 'M8 11V7a4 4 0 0 1 8 0v4'],
  close: ['M18 6 6 18', 'M6 6l12 12'],
  'chevron-down': ['M6 9l6 6 6-6'],
  chart: ['M3 3v18h18', 'M7 15l4-4 3 3 5-6'],
} satisfies Record<string, string[]>;

export type IconName = keyof typeof ICONS;

/** A decorative icon: always hidden from assistive technology, so the text next to it must say the same. */
@Component({
  selector: 'cv-icon',
  host: { class: 'icon-host' },
  template: `
    <svg
      class="icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      @for (d of paths(); track $index) {
        <path [attr.d]="d" />
      }
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
  protected readonly paths = computed(() => ICONS[this.name()]);
}
