// Closed by default: every route in Nest's route table that is not marked @Public() answers 401
// without a session, and the OpenAPI document says so (security: [] on public operations, the
// session cookie on all others). The routes are read from the running application, so a route added
// later is checked without anyone adding it here.
import { randomUUID } from 'node:crypto';
import { listRoutes, type RouteEntry } from '../../server/auth/route-table';
import { startTestApp, type TestApp } from '../support/app-fixture';

const UNAUTHORIZED = { error: 'Unauthorized: Valid session required' };

let app: TestApp;
let routes: RouteEntry[];

beforeAll(async () => {
  app = await startTestApp({ demoOdoo: false });
  routes = listRoutes(app.app);
});
afterAll(() => app?.close());

/** A concrete URL for a route pattern: each parameter gets a well-formed id. */
const concrete = (path: string) => path.replace(/:\w+/g, () => randomUUID());

function call(route: RouteEntry, cookie?: string): Promise<Response> {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return fetch(`${app.url}${concrete(route.path)}`, {
    method: route.method,
    headers: { ...(cookie ? { cookie } : {}), ...(hasBody ? { 'content-type': 'application/json' } : {}), 'x-tenant-id': randomUUID() },
    body: hasBody ? '{}' : undefined,
  });
}

it('reads the whole route table, public and protected routes alike', () => {
  const names = routes.map((r) => `${r.method} ${r.path}${r.isPublic ? ' (public)' : ''}`);
  expect(names).toEqual(
    expect.arrayContaining([
      'GET /api/company-view',
      'GET /api/tenants',
      'GET /api/tenants/current',
      'PUT /api/tenants/current',
      'GET /api/sessions',
      'DELETE /api/sessions/:sessionId',
      'POST /api/tenants',
      'GET /api/tenants/:tenantId',
      'PATCH /api/tenants/:tenantId',
      'PUT /api/tenants/:tenantId/odoo-connection',
      'DELETE /api/tenants/:tenantId/odoo-connection',
      'POST /api/tenants/:tenantId/odoo-connection/check',
      'GET /api/tenants/:tenantId/members',
      'PATCH /api/tenants/:tenantId/members/:userId',
      'DELETE /api/tenants/:tenantId/members/:userId',
      'POST /api/tenants/:tenantId/invitations',
      'GET /api/tenants/:tenantId/invitations',
      'DELETE /api/tenants/:tenantId/invitations/:invitationId',
      'GET /api/tenants/:tenantId/audit',
      'GET /api/invitations/:token (public)',
      'POST /api/invitations/:token/accept',
      'GET /api/admin/tenants',
      'POST /api/admin/tenants/:tenantId/activate',
      'POST /api/admin/tenants/:tenantId/deactivate',
      'GET /api/admin/audit',
      'GET /api/public-config (public)',
      'GET /api/monitoring/live (public)',
      'GET /api/monitoring/system-health (public)',
      'GET /api/monitoring/metrics (public)',
    ]),
  );
  // Nothing counted twice, nothing unnamed.
  expect(new Set(names).size).toBe(names.length);
});

it('answers 401 with the exact body on every route not marked public, without a session or with a forged one', async () => {
  const protectedRoutes = routes.filter((r) => !r.isPublic);
  expect(protectedRoutes.length).toBeGreaterThanOrEqual(24);
  for (const route of protectedRoutes) {
    for (const cookie of [undefined, 'better-auth.session_token=forged.c2lnbmF0dXJl']) {
      const res = await call(route, cookie);
      expect([route.method, route.path, res.status, await res.json()]).toEqual([route.method, route.path, 401, UNAUTHORIZED]);
    }
  }
});

it('lets the public routes answer without a session', async () => {
  for (const route of routes.filter((r) => r.isPublic)) {
    const res = await call(route);
    expect([route.method, route.path, res.status === 401 || res.status >= 500]).toEqual([route.method, route.path, false]);
  }
});

it('states every operation’s security in the OpenAPI document: none for public ones, the session cookie for the rest', async () => {
  const doc = (await (await fetch(`${app.url}/api/docs/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { security?: unknown }>>;
    components: { securitySchemes: Record<string, unknown> };
  };
  expect(doc.components.securitySchemes).toEqual({
    session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: expect.any(String) as string },
  });
  for (const route of routes) {
    const operation = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    expect([route.method, route.path, operation?.security]).toEqual([route.method, route.path, route.isPublic ? [] : [{ session: [] }]]);
  }
  // Better Auth's routes, described by hand, state theirs too.
  const stated = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [method, path, op.security !== undefined]));
  expect(stated.filter(([, , has]) => !has)).toEqual([]);
  expect(doc.paths['/api/auth/sign-in/email'].post.security).toEqual([]);
  expect(doc.paths['/api/auth/sign-out'].post.security).toEqual([{ session: [] }]);
});
