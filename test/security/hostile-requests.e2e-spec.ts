// Requests no browser sends, written by hand on raw sockets: HEAD on every GET route, Host headers
// that are not host[:port], absolute-form and asterisk-form targets, broken percent-encoding,
// oversized and mistyped bodies, unknown routes. None may get a 5xx, every refusal outside Better
// Auth's own answers is `{"error": "..."}`, and nothing the client sent comes back in the answer.
import { listRoutes } from '../../server/auth/route-table';
import { setOperator } from '../../server/auth/user-admin';
import { BAD_HOST, BAD_TARGET } from './support/messages';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { rawRequest, type RawAnswer } from './support/raw-http';

/** Goes into every hostile part of a request; must never come back. */
const MARKER = 'zqmarker7731';

let app: TestApp;
let cookie: string;
let tenantId: string;
/** A live invitation's token, so the public invitation route answers 200. */
let invitationToken: string;

beforeAll(async () => {
  app = await startTestApp();
  const user = await app.createUser();
  // An operator and owner, so every GET route answers this user with 200.
  await app.dataSource.transaction((tx) => setOperator(tx, user.email, true));
  cookie = await app.signIn(user.email, user.password);
  tenantId = await app.createTenant({ odooDatabase: 'acme' });
  await app.addMember(user.userId, tenantId, { isDefault: true, role: 'owner' });
  const invited = await fetch(`${app.url}/api/tenants/${tenantId}/invitations`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'head-check@test.example', role: 'member' }),
  });
  invitationToken = ((await invited.json()) as { url: string }).url.split('/invite/')[1];
});
afterAll(() => app?.close());

const send = (request: Parameters<typeof rawRequest>[1]) => rawRequest(app.url, request);

function expectErrorBody(answer: RawAnswer, status: number, error?: string): void {
  expect(answer.status).toBe(status);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['error']);
  if (error !== undefined) expect(body.error).toBe(error);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.raw).not.toContain(MARKER);
}

describe('HEAD', () => {
  /** What a GET route needs in its query to answer 200 (none otherwise). */
  const REQUIRED_QUERY: Record<string, string> = { '/api/company-view/history': '?range=24h' };
  /** Real values for route parameters, so each GET route can answer 200. */
  const PARAMS: Record<string, () => string> = { tenantId: () => tenantId, token: () => invitationToken };
  const getRoutes = () => [
    ...listRoutes(app.app)
      .filter((r) => r.method === 'GET')
      .map((r) => ({ path: r.path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name]?.() ?? '00000000-0000-4000-8000-000000000000'), isPublic: r.isPublic })),
    { path: '/api/auth/get-session', isPublic: true },
    { path: '/api/auth/list-sessions', isPublic: false },
    { path: '/api/auth/ok', isPublic: true },
  ];

  it('answers HEAD on every GET route with headers and no body, signed in', async () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const { path } of routes) {
      const answer = await send({ method: 'HEAD', target: path + (REQUIRED_QUERY[path] ?? ''), headers: { cookie, 'x-tenant-id': tenantId } });
      expect([path, answer.status, answer.body]).toEqual([path, 200, '']);
      expect(answer.headers['content-type']).toBeDefined();
    }
  });

  it('answers HEAD without a session with 401 (no body) on every route that needs one, and 200 on the public ones', async () => {
    for (const { path, isPublic } of getRoutes()) {
      const answer = await send({ method: 'HEAD', target: path });
      const expected = isPublic ? 200 : 401;
      expect([path, answer.status, answer.body]).toEqual([path, expected, '']);
    }
  });

  it('never answers HEAD on a POST-only auth route with a server error', async () => {
    for (const path of ['/api/auth/sign-in/email', '/api/auth/sign-out', '/api/auth/nothing-here']) {
      const answer = await send({ method: 'HEAD', target: path });
      expect([path, answer.status < 500, answer.body]).toEqual([path, true, '']);
    }
  });
});

describe('malformed request lines and headers', () => {
  const targets = ['/api/public-config', '/api/auth/get-session', '/api/auth/sign-in/email', '/api/tenants', '/api/monitoring/live', '/'];
  const hosts = [
    `${MARKER} example`,
    `${MARKER}.example/api/auth/sign-in/email#`,
    `127.0.0.1:1:${MARKER}`,
    `<${MARKER}>`,
    `[::1${MARKER}`,
    `${MARKER}.example:99999999`,
  ];

  it('refuses a Host that is not host[:port] with 400, without echoing it', async () => {
    for (const target of targets) {
      for (const host of hosts) {
        const answer = await send({ method: target.includes('sign-in') ? 'POST' : 'GET', target, headers: { host, cookie } });
        expectErrorBody(answer, 400, BAD_HOST);
      }
    }
  });

  it('refuses absolute-form targets with 400, without echoing them', async () => {
    const { host } = new URL(app.url);
    for (const target of [`http://${MARKER}.example/api/public-config`, `http://${host}/api/auth/get-session`, `https://${host}/api/tenants?${MARKER}`]) {
      expectErrorBody(await send({ method: 'GET', target, headers: { cookie } }), 400, BAD_TARGET);
    }
    expectErrorBody(
      await send({ method: 'POST', target: `http://${host}/api/auth/sign-in/email`, headers: { 'content-type': 'application/json' }, body: '{}' }),
      400,
      BAD_TARGET,
    );
  });

  it('answers targets Node itself cannot parse, and asterisk-form, with our error body', async () => {
    expectErrorBody(await send({ method: 'GET', target: `api/${MARKER}` }), 400, 'Bad Request');
    expectErrorBody(await send({ method: 'GET', target: '*' }), 404, 'Not Found');
    expectErrorBody(await send({ method: 'OPTIONS', target: '*' }), 400, BAD_TARGET);
    const huge = await send({ method: 'GET', target: '/api/public-config', headers: { 'x-padding': MARKER.repeat(3000) } });
    expectErrorBody(huge, 431, 'Request Header Fields Too Large');
  });

  it('refuses broken percent-encoding with 400, without echoing the path', async () => {
    for (const target of ['/%c0%ae', `/api/${MARKER}/%c0%ae`, `/api/auth/${MARKER}%c0%ae`, `/api/tenants/%E0%A4%A?${MARKER}`, `/${MARKER}/%ff`]) {
      expectErrorBody(await send({ method: 'GET', target, headers: { cookie } }), 400, 'Bad Request: malformed URL');
    }
  });

  it('answers unknown API routes with 404 {"error":"Not Found"} for every method, without echoing the path', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await send({ method, target: `/api/${MARKER}/<script>`, headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
      expectErrorBody(answer, 404, 'Not Found');
    }
  });
});

describe('bodies', () => {
  it('refuses bodies over the limit with 413, on the auth routes and on ours', async () => {
    const big = JSON.stringify({ email: `${MARKER}@x.example`, password: MARKER.repeat(20_000) });
    const headers = { 'content-type': 'application/json', origin: app.url, cookie };
    expectErrorBody(await send({ method: 'POST', target: '/api/auth/sign-in/email', headers, body: big }), 413, 'Payload Too Large: request body is too large');
    expectErrorBody(await send({ method: 'PUT', target: '/api/tenants/current', headers, body: big }), 413, 'Payload Too Large: request body is too large');
  });

  it('refuses malformed JSON and unsupported content types without echoing the body', async () => {
    const headers = { origin: app.url, cookie };
    const broken = `{"tenantId": "${MARKER}`;
    expectErrorBody(
      await send({ method: 'PUT', target: '/api/tenants/current', headers: { ...headers, 'content-type': 'application/json' }, body: broken }),
      400,
      'Bad Request: malformed JSON body',
    );
    expectErrorBody(
      await send({ method: 'POST', target: '/api/auth/sign-in/email', headers: { ...headers, 'content-type': 'application/json' }, body: broken }),
      400,
      'Bad Request: malformed JSON body',
    );
    expectErrorBody(
      await send({ method: 'PUT', target: '/api/tenants/current', headers: { ...headers, 'content-type': `text/${MARKER}` }, body: MARKER }),
      415,
      'Unsupported Media Type',
    );
  });

  it("keeps Better Auth's own {code, message} answers on its routes", async () => {
    const answer = await send({
      method: 'POST',
      target: '/api/auth/sign-in/email',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email: 'not-an-email', password: 'whatever-it-is' }),
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(JSON.parse(answer.body) as object).sort()).toEqual(['code', 'message']);
  });
});
