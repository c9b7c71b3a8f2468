import { Component, input } from '@angular/core';

/**
 * The first cell of a table row: a link to the record in Odoo, opened in a new tab, or plain text
 * when the row has no link. Its accessible name says where the link goes.
 */
@Component({
  selector: 'cv-odoo-link',
  template: `
    @if (href(); as url) {
      <a
        class="odoo-link"
        [href]="url"
        target="_blank"
        rel="noopener noreferrer"
        [attr.aria-label]="text() + ' (open in Odoo, new tab)'"
        >{{ text() }}</a
      >
    } @else {
      {{ text() }}
    }
  `,
  styles: `
    .odoo-link {
      color: inherit;
      text-decoration: underline;
      text-decoration-color: var(--border-strong);
      text-underline-offset: 0.2em;
    }

    .odoo-link:hover,
    .odoo-link:focus-visible {
      color: var(--accent);
      text-decoration-color: currentColor;
    }
  `,
})
export class OdooLink {
  readonly href = input<string | null>(null);
  readonly text = input.required<string>();
}
