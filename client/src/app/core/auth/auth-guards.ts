import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { PublicConfigStore } from '../config/public-config-store';
import { SIGN_IN_URL } from './client-session';
import { AuthStore } from './auth-store';
import { safeReturnUrl } from './return-url';

async function currentUser(auth: AuthStore) {
  try {
    return await auth.loadSession();
  } catch {
    return null;
  }
}

/** Lets signed-in users through; sends everyone else to sign in, remembering where they were going. */
export const authGuard: CanActivateFn = async (_route, state) => {
  // inject() only works before the first await.
  const router = inject(Router);
  const user = await currentUser(inject(AuthStore));
  return user ? true : router.createUrlTree([SIGN_IN_URL], { queryParams: { returnUrl: state.url } });
};

/** Keeps signed-in users away from the sign-in and sign-up pages. */
export const guestGuard: CanActivateFn = async (route) => {
  const router = inject(Router);
  const user = await currentUser(inject(AuthStore));
  return user ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl'))) : true;
};

/** The sign-up page exists only when the server allows sign-up. */
export const signUpGuard: CanActivateFn = async () => {
  // inject() only works before the first await.
  const router = inject(Router);
  const config = await inject(PublicConfigStore).load();
  return config.allowSignup ? true : router.createUrlTree([SIGN_IN_URL]);
};
