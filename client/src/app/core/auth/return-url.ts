export const DASHBOARD_URL = '/dashboard/company-view';

const AUTH_PAGES = ['/sign-in', '/sign-up'];

/**
 * Where to go after signing in. Only paths inside this app are accepted: anything that could leave the
 * origin ("//host", "/\host", "https://…", control characters that browsers strip) falls back to the
 * dashboard, and so do the auth pages themselves, which would loop.
 */
export function safeReturnUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return DASHBOARD_URL;
  }
  if ([...raw].some((ch) => ch < ' ' || ch === '\u007f' || ch === '\\')) {
    return DASHBOARD_URL;
  }
  const path = raw.split(/[?#]/, 1)[0] ?? '';
  if (AUTH_PAGES.some((page) => path === page || path.startsWith(`${page}/`))) {
    return DASHBOARD_URL;
  }
  return raw;
}

/** True when the given app URL is one of the sign-in/sign-up pages. */
export function isAuthPage(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  return AUTH_PAGES.includes(path);
}
