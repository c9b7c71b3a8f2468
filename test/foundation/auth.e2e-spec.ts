import request from 'supertest';
import { request as httpRequest } from 'node:http';
import type { ApiErrorBody } from '../../server/contracts/errors';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { startTestDatabase } from '../support/test-database';

const UNAUTHORIZED = { error: 'Unauthorized: Valid session required' };

/** POST a JSON body from a chosen local address, so the server sees a different client IP. */
function postFrom(app: TestApp, path: string, body: object, localAddress: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(
      `${app.url}${path}`,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', origin: app.url, 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('Auth (Better Auth on Fastify)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoOdoo: false });
  });
  afterAll(() => app.close());

  it('signs up a new user with an HttpOnly, SameSite=Lax session cookie named better-auth.session_token', async () => {
    const res = await request(app.url)
      .post('/api/auth/sign-up/email')
      .set('origin', app.url)
      .send({ email: 'new.user@test.example', password: 'a-long-password', name: 'New User' });
    expect(res.status).toBe(200);
    const session = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('better-auth.session_token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it('signs in, reaches a protected route, signs out: the cookies are cleared and the session is gone', async () => {
    const user = await app.createUser();
    const cookie = await app.signIn(user.email, user.password);
    await request(app.url).get('/api/tenants').set('cookie', cookie).expect(200);
    const out = await request(app.url).post('/api/auth/sign-out').set('cookie', cookie).set('origin', app.url).send({}).expect(200);
    const cleared = out.headers['set-cookie'] as unknown as string[];
    expect(cleared.find((c) => c.startsWith('better-auth.session_token='))).toMatch(/Max-Age=0/);
    // What a browser sends after applying those Set-Cookie lines: nothing.
    expect((await request(app.url).get('/api/tenants')).status).toBe(401);
    // Replaying only the old token (without the signed cookie cache) needs the database, where the session is gone.
    const tokenOnly = cookie
      .split('; ')
      .filter((c) => c.startsWith('better-auth.session_token='))
      .join('; ');
    const replay = await request(app.url).get('/api/tenants').set('cookie', tokenOnly);
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual(UNAUTHORIZED);
  });

  it.each([
    ['GET', '/api/tenants'],
    ['GET', '/api/tenants/current'],
    ['PUT', '/api/tenants/current'],
    ['GET', '/api/company-view'],
  ])('answers 401 with the exact body on %s %s without a session', async (method, path) => {
    const res = await request(app.url)[method === 'GET' ? 'get' : 'put'](path);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it('refuses a tampered session cookie', async () => {
    const user = await app.createUser();
    const cookie = await app.signIn(user.email, user.password);
    const tampered = cookie.replace(/better-auth\.session_token=([^;]+)/, (_m, v: string) => `better-auth.session_token=${v.slice(0, -3)}abc`);
    const res = await request(app.url)
      .get('/api/tenants')
      .set('cookie', tampered.replace(/better-auth\.session_data=[^;]+;?\s*/, ''));
    expect(res.status).toBe(401);
  });

  it('answers a wrong password with 401 and no session', async () => {
    const user = await app.createUser();
    const res = await request(app.url).post('/api/auth/sign-in/email').set('origin', app.url).send({ email: user.email, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a 6th failed sign-in from one IP with 429, while another IP may still try', async () => {
    const user = await app.createUser();
    const wrong = { email: user.email, password: 'not-the-password' };
    for (let i = 0; i < 5; i++) expect((await postFrom(app, '/api/auth/sign-in/email', wrong, '127.0.0.3')).status).toBe(401);
    const sixth = await postFrom(app, '/api/auth/sign-in/email', { email: user.email, password: user.password }, '127.0.0.3');
    expect(sixth.status).toBe(429);
    expect((JSON.parse(sixth.body) as ApiErrorBody).error).toMatch(/^Too Many Requests/);
    const elsewhere = await postFrom(app, '/api/auth/sign-in/email', { email: user.email, password: user.password }, '127.0.0.4');
    expect(elsewhere.status).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const user = await app.createUser();
    for (let i = 0; i < 5; i++) {
      const res = await postFrom(app, '/api/auth/sign-in/email', { email: user.email, password: 'nope-nope' }, '127.0.0.5', {
        'x-forwarded-for': `203.0.113.${i}`,
      });
      expect(res.status).toBe(401);
    }
    const spoofed = await postFrom(app, '/api/auth/sign-in/email', { email: user.email, password: 'nope-nope' }, '127.0.0.5', {
      'x-forwarded-for': '198.51.100.7',
    });
    expect(spoofed.status).toBe(429);
  });
});

describe('Auth configuration variants', () => {
  it('refuses sign-up when ALLOW_SIGNUP=false', async () => {
    const app = await startTestApp({ demoOdoo: false, env: { ALLOW_SIGNUP: 'false' } });
    try {
      const res = await request(app.url)
        .post('/api/auth/sign-up/email')
        .set('origin', app.url)
        .send({ email: 'x@test.example', password: 'a-long-password', name: 'X' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect((await request(app.url).get('/api/public-config')).body).toEqual({
        allowSignup: false,
        demoMode: true,
        allowWorkspaceCreation: false,
        passwordReset: false,
      });
    } finally {
      await app.close();
    }
  });

  it('counts failures per forwarded client when TRUST_PROXY is set', async () => {
    const app = await startTestApp({ demoOdoo: false, env: { TRUST_PROXY: '1' } });
    try {
      const user = await app.createUser();
      const wrong = { email: user.email, password: 'wrong-wrong' };
      for (let i = 0; i < 5; i++) await postFrom(app, '/api/auth/sign-in/email', wrong, '127.0.0.1', { 'x-forwarded-for': '203.0.113.10' });
      expect((await postFrom(app, '/api/auth/sign-in/email', wrong, '127.0.0.1', { 'x-forwarded-for': '203.0.113.10' })).status).toBe(429);
      const other = await postFrom(app, '/api/auth/sign-in/email', { email: user.email, password: user.password }, '127.0.0.1', {
        'x-forwarded-for': '203.0.113.11',
      });
      expect(other.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('uses a __Secure- prefixed, Secure cookie behind an https base URL', async () => {
    const app = await startTestApp({ demoOdoo: false, env: { BETTER_AUTH_URL: 'https://dashboard.test.example' } });
    try {
      const user = await app.createUser();
      const res = await request(app.url)
        .post('/api/auth/sign-in/email')
        .set('origin', 'https://dashboard.test.example')
        .send({ email: user.email, password: user.password });
      expect(res.status).toBe(200);
      const session = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Secure-better-auth.session_token='));
      expect(session).toMatch(/; Secure/i);
      // The guard finds the prefixed cookie without anyone hard-coding its name.
      const cookie = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
      await request(app.url).get('/api/tenants').set('cookie', cookie).expect(200);
    } finally {
      await app.close();
    }
  });
});

describe('Production mode', () => {
  it('never lets the demo accounts sign in', async () => {
    const database = await startTestDatabase();
    const app = await startTestApp({ demoOdoo: false, database, env: { NODE_ENV: 'production', DATABASE_URL: database.url } });
    try {
      const demo = await app.createUser('demo@example.com', 'demo-password');
      const res = await request(app.url).post('/api/auth/sign-in/email').set('origin', app.url).send({ email: demo.email, password: demo.password });
      expect(res.status).not.toBe(200);
      expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/session_token=[^;]/)]));
      const ordinary = await app.createUser('someone@test.example', 'a-long-password');
      await request(app.url).post('/api/auth/sign-in/email').set('origin', app.url).send({ email: ordinary.email, password: ordinary.password }).expect(200);
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
