// The sign-in limit can't be walked around: not by spelling the path differently (dot segments,
// percent-encoded dots, a query, a fragment), not by a Host header that smuggles a path, and not by
// sending the attempts in parallel. Requests are written by hand on raw sockets, so the server sees
// exactly these targets and headers; each test signs in from its own loopback address. The same
// limit over two instances sharing Redis: sign-in-limit-redis.e2e-spec.ts.
import { randomBytes } from 'node:crypto';
import { BAD_HOST, SIGN_IN_LIMITED } from './support/messages';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { LogCapture } from './support/leak-scan';
import { rawRequest, type RawAnswer } from './support/raw-http';

const LIMIT = 5;
const PLAIN = '/api/auth/sign-in/email';
/** Spellings that a URL parser turns into the sign-in path. */
const DISGUISED = [
  '/api/auth/./sign-in/email',
  '/api/auth/x/../sign-in/email',
  '/api/auth/%2e/sign-in/email',
  '/api/auth/sign-in/./email',
  '/api/auth/sign-in/%2E/email',
  '/api/auth/sign-in/email#',
  '/api/auth/ok#/../sign-in/email',
];
/** Spellings Better Auth itself resolves to sign-in. */
const RESOLVED = [PLAIN, `${PLAIN}?x=1`, `${PLAIN}?`];

let nextAddress = 20;
/** A loopback address no other test signs in from. */
const freshAddress = () => `127.0.0.${nextAddress++}`;

function signIn(app: TestApp, user: { email: string; password: string }, from: string, target = PLAIN, host?: string, requestId?: string): Promise<RawAnswer> {
  return rawRequest(app.url, {
    method: 'POST',
    target,
    localAddress: from,
    headers: { 'content-type': 'application/json', origin: app.url, ...(host ? { host } : {}), ...(requestId ? { 'x-request-id': requestId } : {}) },
    body: JSON.stringify(user),
  });
}

const wrong = (user: TestUser) => ({ email: user.email, password: `wrong-${randomBytes(6).toString('hex')}` });
const statuses = (answers: RawAnswer[]) => answers.map((a) => a.status);
const tally = (answers: RawAnswer[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

function expectLimited(answer: RawAnswer): void {
  expect([answer.status, JSON.parse(answer.body)]).toEqual([429, { error: SIGN_IN_LIMITED }]);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(answer.headers['set-cookie']).toBeUndefined();
}

describe('one instance, in-memory limiter', () => {
  let app: TestApp;
  let user: TestUser;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await startTestApp({ demoOdoo: false, logStream: logs.stream, env: { SIGN_IN_RATE_LIMIT: String(LIMIT), LOG_LEVEL: 'info' } });
    user = await app.createUser();
  });
  afterAll(() => app?.close());

  it('never checks a password under a disguised path, and counts every spelling Better Auth resolves', async () => {
    const from = freshAddress();
    const answers: RawAnswer[] = [];
    for (let i = 0; i < 25; i++) {
      const target = i % 2 === 0 ? DISGUISED[(i / 2) % DISGUISED.length] : RESOLVED[((i - 1) / 2) % RESOLVED.length];
      answers.push(await signIn(app, wrong(user), from, target));
    }
    // A disguised path is not a sign-in at all; the resolved ones share one budget of LIMIT failures.
    const disguised = answers.filter((_, i) => i % 2 === 0);
    const resolved = answers.filter((_, i) => i % 2 === 1);
    expect(new Set(statuses(disguised))).toEqual(new Set([404]));
    expect(statuses(resolved)).toEqual([...Array<number>(LIMIT).fill(401), ...Array<number>(resolved.length - LIMIT).fill(429)]);
    resolved.slice(LIMIT).forEach(expectLimited);

    // The right password gets no session under any spelling now.
    const right = { email: user.email, password: user.password };
    const late = [
      ...(await Promise.all(DISGUISED.map((t) => signIn(app, right, from, t)))),
      ...(await Promise.all(RESOLVED.map((t) => signIn(app, right, from, t)))),
    ];
    expect(late.filter((a) => a.status === 200 || a.headers['set-cookie']?.includes('session_token='))).toEqual([]);
    late.slice(DISGUISED.length).forEach(expectLimited);
  });

  it('refuses a Host header that smuggles the sign-in path, before anything signs in', async () => {
    const from = freshAddress();
    const host = `${new URL(app.url).host}${PLAIN}#`;
    const answer = await signIn(app, { email: user.email, password: user.password }, from, '/api/auth/ok', host);
    expect([answer.status, JSON.parse(answer.body)]).toEqual([400, { error: BAD_HOST }]);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.raw).not.toContain(PLAIN);
  });

  it('logs every attempt under the path that was served, with what it answered', async () => {
    const from = freshAddress();
    const right = { email: user.email, password: user.password };
    const attempts = [
      ...DISGUISED.map((target) => ({ target, host: undefined })),
      { target: PLAIN, host: undefined },
      { target: '/api/auth/ok', host: `${new URL(app.url).host}${PLAIN}#` },
    ];
    const answers = await Promise.all(attempts.map(({ target, host }, i) => signIn(app, right, from, target, host, `served-${i}`)));
    const completed = async (id: string) => {
      for (let i = 0; i < 100; i++) {
        const line = logs.lines
          .map((l) => JSON.parse(l) as { msg?: string; req?: { id?: string; url?: string }; res?: { statusCode?: number } })
          .find((l) => l.msg === 'request completed' && l.req?.id === id);
        if (line) return [line.req?.url, line.res?.statusCode];
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return null;
    };
    const logged = await Promise.all(attempts.map((_, i) => completed(`served-${i}`)));
    expect(logged).toEqual(attempts.map(({ target }, i) => [target.split('?')[0], answers[i].status]));
    // Only the plain path signed in.
    expect(answers.map((a) => a.status)).toEqual([...DISGUISED.map(() => 404), 200, 400]);
  });

  it('lets at most LIMIT of 100 parallel wrong passwords reach the password check; the rest get 429', async () => {
    const from = freshAddress();
    const answers = await Promise.all(Array.from({ length: 100 }, () => signIn(app, wrong(user), from)));
    expect(tally(answers)).toEqual({ 401: LIMIT, 429: 100 - LIMIT });
    answers.filter((a) => a.status === 429).forEach(expectLimited);
  });

  it('gives the point back for a successful sign-in', async () => {
    const from = freshAddress();
    const right = { email: user.email, password: user.password };
    const answers: RawAnswer[] = [];
    for (let i = 0; i < LIMIT - 1; i++) answers.push(await signIn(app, wrong(user), from));
    answers.push(await signIn(app, right, from));
    answers.push(await signIn(app, wrong(user), from));
    answers.push(await signIn(app, wrong(user), from));
    expect(statuses(answers)).toEqual([...Array<number>(LIMIT - 1).fill(401), 200, 401, 429]);
  });
});
