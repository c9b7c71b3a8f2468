// Runs once before any suite: starts the run's embedded PostgreSQL and, on a whole run that includes
// the browser suites, builds the production client first. Built inside a browser suite instead, the
// build would take both cores away from whatever suite runs beside it, and that suite's tests with
// tight clocks (a 1 s cache entry, a 1.5 s section timeout) would then measure the build, not the code.
const { setup: startDatabase } = require('./global-database');

/** True when Jest runs every suite (no path patterns) and has not left the browser suites out. */
function runsEveryBrowserSuite(globalConfig, projectConfig) {
  const browserSkipped = projectConfig.testPathIgnorePatterns.some((pattern) => pattern.includes('/test/browser/'));
  return !browserSkipped && !globalConfig.testPathPatterns.isSet();
}

module.exports = async function globalSetup(globalConfig, projectConfig) {
  if (runsEveryBrowserSuite(globalConfig, projectConfig)) {
    require('@swc-node/register');
    require('../browser/support/client-build').ensureClientBuilt();
  }
  await startDatabase();
};
