import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/**
 * Asks "are you sure?" before something that cannot be undone from the page. The browser's own dialog:
 * keyboard and screen-reader friendly out of the box, and one place for tests to answer it.
 */
@Injectable({ providedIn: 'root' })
export class Confirmer {
  private readonly window = inject(DOCUMENT).defaultView;

  ask(question: string): boolean {
    return this.window?.confirm(question) ?? false;
  }
}
