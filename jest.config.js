// Server-side tests: unit specs beside the code, end-to-end suites in test/.
const { existsSync } = require('node:fs');

// Browser suites need Debian's Chromium. Outside CI a machine without it runs everything else and
// says so; under CI the suites stay in and fail (see test/browser/support/chromium.ts).
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const withoutBrowser = !existsSync(chromium) && !process.env.CI;
if (withoutBrowser) console.warn(`Browser suites (test/browser) not run: ${chromium} is missing (apt-get install chromium).`);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/client/', '/dist/', ...(withoutBrowser ? ['/test/browser/'] : [])],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 60000,
  maxWorkers: 1,
};
