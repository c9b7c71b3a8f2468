import { DOCUMENT } from '@angular/common';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';

/** The width at and below which the page is laid out for a phone (600 px). */
export const PHONE_QUERY = '(max-width: 37.5rem)';

/** Whether the page is laid out for a phone; follows the window as it is resized or turned. */
@Injectable({ providedIn: 'root' })
export class PhoneLayout {
  private readonly query = inject(DOCUMENT).defaultView?.matchMedia?.(PHONE_QUERY) ?? null;
  private readonly state = signal(this.query?.matches ?? false);

  readonly active = this.state.asReadonly();

  constructor() {
    const update = (event: MediaQueryListEvent) => this.state.set(event.matches);
    this.query?.addEventListener('change', update);
    inject(DestroyRef).onDestroy(() => this.query?.removeEventListener('change', update));
  }
}
