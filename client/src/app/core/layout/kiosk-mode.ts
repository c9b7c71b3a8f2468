import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { filter, map } from 'rxjs';
import { DASHBOARD_URL } from '../auth/return-url';

/**
 * Kiosk mode, for a wall screen: `/dashboard/company-view?kiosk=1`. While it is on, the shell drops
 * its header, pages drop their buttons, and the root element carries the `kiosk` class, which sets
 * the dark theme and larger type (styles.css). Polling goes on as usual.
 */
@Injectable({ providedIn: 'root' })
export class KioskMode {
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** On from the first paint: before the first navigation ends, the address bar decides. */
  readonly active = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.isKioskUrl(this.router.url)),
    ),
    { initialValue: this.isKioskUrl(this.document.location.pathname + this.document.location.search) },
  );

  constructor() {
    effect(() => this.document.documentElement.classList.toggle('kiosk', this.active()));
  }

  private isKioskUrl(url: string): boolean {
    const tree = this.router.parseUrl(url);
    const path = `/${tree.root.children['primary']?.segments.map((segment) => segment.path).join('/') ?? ''}`;
    return path === DASHBOARD_URL && tree.queryParamMap.get('kiosk') === '1';
  }
}
