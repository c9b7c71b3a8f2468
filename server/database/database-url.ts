/** DI token: the PostgreSQL URL this process uses (DATABASE_URL, or the embedded server it started). */
export const DATABASE_URL = Symbol('DATABASE_URL');
