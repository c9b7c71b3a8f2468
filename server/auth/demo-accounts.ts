// The accounts demo mode seeds. Production refuses them at sign-in even if they exist.
export const DEMO_USER = { email: 'demo@example.com', password: 'demo-password', name: 'Demo User' };
export const OTHER_DEMO_USER = { email: 'other@example.com', password: 'other-password', name: 'Other User' };
/** A platform operator (the console at /admin), member of no workspace. */
export const OPERATOR_DEMO_USER = { email: 'ops@example.com', password: 'ops-password', name: 'Platform Operator' };
export const DEMO_EMAILS: readonly string[] = [DEMO_USER.email, OTHER_DEMO_USER.email, OPERATOR_DEMO_USER.email];
