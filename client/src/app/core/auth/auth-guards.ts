import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { PublicConfigStore } from '../config/public-config-store';
import { SIGN_IN_URL } from './client-session';
import { AuthStore } from './auth-store';
import { DASHBOARD_URL, safeReturnUrl } from './return-url';

/** The query parameter that carries an invitation's token to the sign-up page. */
export const INVITATION_PARAM = 'invitation';

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

/**
 * The sign-up page exists only when the server allows sign-up, or for someone coming from an
 * invitation (the server lets the invited address sign up even when sign-up is closed).
 */
export const signUpGuard: CanActivateFn = async (route) => {
  // inject() only works before the first await.
  const router = inject(Router);
  if (route.queryParamMap.get(INVITATION_PARAM)) {
    return true;
  }
  const config = await inject(PublicConfigStore).load();
  return config.allowSignup ? true : router.createUrlTree([SIGN_IN_URL]);
};

/** The password reset pages exist only when the server can send reset links. */
export const passwordResetGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const config = await inject(PublicConfigStore).load();
  return config.passwordReset ? true : router.createUrlTree([SIGN_IN_URL]);
};

/**
 * The operator console, for operators (as the session says). Others go to the dashboard; the server
 * refuses them anyway, this only spares them a page of errors.
 */
export const operatorGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const user = await currentUser(inject(AuthStore));
  if (!user) {
    return router.createUrlTree([SIGN_IN_URL], { queryParams: { returnUrl: '/admin' } });
  }
  return user.isOperator ? true : router.parseUrl(DASHBOARD_URL);
};
