// Where things live in the URL space: one source for the server, its docs and its tests.

/** Every Nest route is under it (Nest's global prefix). */
export const API_PREFIX = 'api';

/** Better Auth's routes, served by its own Fastify plugin beside Nest. */
export const AUTH_BASE_PATH = `/${API_PREFIX}/auth`;

/** The polling endpoint: its bodies are compressed once per cache entry, not per request. */
export const COMPANY_VIEW_PATH = `/${API_PREFIX}/company-view`;
