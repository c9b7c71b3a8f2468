import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { Location } from '@angular/common';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { ClientSession, SIGN_IN_URL } from '../auth/client-session';
import { isAuthPage } from '../auth/return-url';

/** A 401 from here means "wrong password", not "session over": the sign-in form shows it instead. */
const SIGN_IN_ENDPOINT = '/api/auth/sign-in/email';

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://app.invalid').pathname;
  } catch {
    return url;
  }
}

/** Whether a 401 answer to this request means the session has ended. */
export function endsSessionOn401(url: string): boolean {
  const path = pathOf(url);
  return path.startsWith('/api/') && path !== SIGN_IN_ENDPOINT;
}

/**
 * The page the user is on, to come back to after signing in. While the app starts, `router.url` is
 * still "/" until the first navigation ends; the page is then the one that navigation is going to,
 * or, before the router has even started, the address in the browser.
 */
export function currentPage(router: Router, location: Location): string {
  const navigation = router.currentNavigation();
  if (navigation) {
    return router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl);
  }
  return router.navigated ? router.url : location.path(true) || '/';
}

/**
 * When the API says the session is gone, forget the user and go to the sign-in page, which brings
 * the user back to the current page afterwards. The error still reaches the caller.
 */
export const unauthorizedInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  const location = inject(Location);
  const session = inject(ClientSession);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && endsSessionOn401(request.url)) {
        session.clear();
        const current = currentPage(router, location);
        if (!isAuthPage(current)) {
          void router.navigate([SIGN_IN_URL], { queryParams: { returnUrl: current } });
        }
      }
      return throwError(() => error);
    }),
  );
};
