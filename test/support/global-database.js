// One embedded PostgreSQL for the whole server run, unless TEST_DATABASE_URL names one already:
// each suite then creates and drops a database of its own on it (test-database.ts) instead of
// starting a server (an initdb and a start per suite were a fifth of the run). Suites that stop
// their database still start a server of their own.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

let server = null;
let dataDir = null;

module.exports.setup = async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
  require('@swc-node/register');
  const { EmbeddedDatabase } = require('../../server/database/embedded-database');
  dataDir = mkdtempSync(join(tmpdir(), 'company-view-test-server-'));
  server = await EmbeddedDatabase.start({ dataDir });
  // Read by the suites' test-database.ts (workers inherit the environment set here).
  process.env.TEST_DATABASE_URL = server.url;
};

module.exports.teardown = async function teardown() {
  if (!server) return;
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
};
