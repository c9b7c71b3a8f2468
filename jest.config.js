// Server-side tests: unit specs beside the code, end-to-end suites in test/.
//
// Suites that need something this machine may lack are left out *with the reason printed* outside CI,
// so a run never shows them green without having run them. Under CI (CI set) they always stay in and
// fail when their dependency is missing: test/browser/support/chromium.ts and test/support/redis.ts.
const { existsSync } = require('node:fs');
const { connect } = require('node:net');
const unit = require('./jest.unit.config');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
// Where test/support/redis.ts looks for a redis-server it can start and stop itself.
const REDIS_SERVERS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/** Resolves true when a Redis answers PING at `url` within a second. */
function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** [path pattern, why it cannot run here] for each suite this machine cannot run. */
async function unrunnable() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(['/test/browser/', `${CHROMIUM} is missing (apt-get install chromium, or set CHROMIUM_PATH)`]);
  if (!(await redisAnswers(TEST_REDIS_URL))) {
    const reason = `no Redis answers at ${TEST_REDIS_URL} (start redis-server, or set TEST_REDIS_URL)`;
    missing.push(['/test/scale/shared-cache.e2e-spec.ts', reason], ['/test/security/sign-in-limit-redis.e2e-spec.ts', reason]);
  }
  if (!REDIS_SERVERS.some((path) => existsSync(path))) {
    missing.push(['/test/scale/redis-outage.e2e-spec.ts', 'redis-server is not installed (apt-get install redis-server)']);
  }
  return missing;
}

// Jest may ask for the config more than once per run: probe and print once.
let skippedHere;
function skipped() {
  skippedHere ??= (process.env.CI ? Promise.resolve([]) : unrunnable()).then((list) => {
    for (const [pattern, reason] of list) console.warn(`Not run: ${pattern}: ${reason}.`);
    return list;
  });
  return skippedHere;
}

/** @type {() => Promise<import('jest').Config>} */
module.exports = async () => ({
  ...unit,
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: [...unit.testPathIgnorePatterns, ...(await skipped()).map(([pattern]) => pattern)],
  testTimeout: 60000,
  // Two suites at a time: most of a suite's time is spent waiting on sockets, timers and the browser,
  // so a 2-core machine runs the whole set in about half the time it takes one by one.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
});
