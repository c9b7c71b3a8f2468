// The sign-in limit over two instances sharing one Redis: the points are taken atomically there, so
// 100 parallel wrong passwords spread over both instances still reach the password check at most
// SIGN_IN_RATE_LIMIT times. Needs a Redis at TEST_REDIS_URL (outside CI, jest.config.js leaves this
// suite out when none answers, and says so).
import { randomBytes } from 'node:crypto';
import { SIGN_IN_LIMITED } from './support/messages';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { assertRedisAnswers, TEST_REDIS_URL } from '../support/redis';
import { rawRequest, type RawAnswer } from './support/raw-http';

const LIMIT = 5;
/** An address the in-memory suite does not use (each suite has its own Redis prefix anyway). */
const FROM = '127.0.0.90';

let a: TestApp;
let b: TestApp;
let user: TestUser;

beforeAll(async () => {
  await assertRedisAnswers('sign-in limit across instances');
  const env = {
    SIGN_IN_RATE_LIMIT: String(LIMIT),
    REDIS_URL: TEST_REDIS_URL,
    // Keys of this run only: earlier runs from the same address must not count.
    COMPANY_VIEW_CACHE_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64url'),
  };
  a = await startTestApp({ demoOdoo: false, env });
  b = await startTestApp({ demoOdoo: false, env, database: a.database });
  user = await a.createUser();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

function signIn(app: TestApp, password: string): Promise<RawAnswer> {
  return rawRequest(app.url, {
    method: 'POST',
    target: '/api/auth/sign-in/email',
    localAddress: FROM,
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ email: user.email, password }),
  });
}

function expectLimited(answer: RawAnswer): void {
  expect([answer.status, JSON.parse(answer.body)]).toEqual([429, { error: SIGN_IN_LIMITED }]);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

it('lets at most SIGN_IN_RATE_LIMIT of 100 parallel wrong passwords, spread over both instances, reach the password check', async () => {
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(i % 2 ? a : b, `wrong-${i}`)));
  const tally = answers.reduce<Record<number, number>>((t, x) => ({ ...t, [x.status]: (t[x.status] ?? 0) + 1 }), {});
  expect(tally).toEqual({ 401: LIMIT, 429: 100 - LIMIT });
  answers.filter((x) => x.status === 429).forEach(expectLimited);
  // Spent on one instance is spent on the other, for the right password too.
  expectLimited(await signIn(a, user.password));
  expectLimited(await signIn(b, user.password));
});
