import { DatePipe, DOCUMENT } from '@angular/common';
import { Component, inject, input, signal } from '@angular/core';
import type { CreateInvitationResponse } from '@contracts/workspaces';
import { Icon } from '../../core/ui/icon';

/** Puts text on the clipboard; false when the browser refused (no permission, insecure page). */
export async function copyText(document: Document, text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await document.defaultView!.navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older or locked-down browsers: copy the selected field the old way.
    if (!field) {
      return false;
    }
    field.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/** A new invitation's link, shown once (the server keeps only a hash of it), with a Copy button. */
@Component({
  selector: 'cv-invite-link',
  imports: [DatePipe, Icon],
  styleUrl: '../panel.css',
  template: `
    <div class="banner banner--success" data-testid="invite-created">
      <cv-icon name="success" />
      <div class="banner__body">
        <p class="banner__title">
          @if (invitation().emailSent) {
            Invitation emailed to {{ email() }}.
          } @else {
            Invitation created for {{ email() }}. Send them this link.
          }
        </p>
        <div class="link">
          <label class="visually-hidden" for="invite-url">Invitation link</label>
          <input
            #field
            id="invite-url"
            class="input input--small link__url"
            type="text"
            readonly
            data-testid="invite-url"
            [value]="invitation().url"
            (focus)="field.select()"
          />
          <button
            type="button"
            class="button button--secondary button--small"
            data-testid="invite-copy"
            (click)="copy(field)"
          >
            <cv-icon name="copy" />
            {{ copied() === true ? 'Copied' : 'Copy link' }}
          </button>
        </div>
        <p>
          The link works once and expires on {{ invitation().expiresAt | date: 'medium' : undefined : locale() }}. It is
          not shown again.
        </p>
        @if (copied() === false) {
          <p role="alert">The browser did not allow copying: select the link and copy it yourself.</p>
        }
      </div>
    </div>
  `,
  styles: `
    .link {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      margin: var(--space-1) 0;
    }

    .link__url {
      flex: 1 1 18rem;
      min-width: 0;
      font-family: ui-monospace, monospace;
      font-size: var(--font-size-xs);
    }
  `,
})
export class InviteLink {
  private readonly document = inject(DOCUMENT);
  readonly email = input.required<string>();
  readonly invitation = input.required<CreateInvitationResponse>();
  readonly locale = input('en-US');
  /** null until Copy is pressed; then whether it worked. */
  protected readonly copied = signal<boolean | null>(null);

  protected async copy(field: HTMLInputElement): Promise<void> {
    this.copied.set(await copyText(this.document, this.invitation().url, field));
  }
}
