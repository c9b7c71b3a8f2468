// Unit specs only (`*.spec.ts` beside the code, and the few in test/ that start nothing): no
// PostgreSQL, Chromium or Redis, for a quick loop. `npm run test:unit` runs them.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/client/', '/dist/'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
};
