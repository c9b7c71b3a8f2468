import { DOCUMENT } from '@angular/common';
import { inject, InjectionToken } from '@angular/core';

/** The browser's preferred locale, used for numbers, money and dates; falls back to en-US. */
export const USER_LOCALE = new InjectionToken<string>('USER_LOCALE', {
  providedIn: 'root',
  factory: () => {
    const preferred = inject(DOCUMENT).defaultView?.navigator.language;
    try {
      return preferred && Intl.NumberFormat.supportedLocalesOf(preferred).length > 0 ? preferred : 'en-US';
    } catch {
      return 'en-US';
    }
  },
});
