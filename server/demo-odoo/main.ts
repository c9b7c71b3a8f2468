// Entry point of `npm run demo-odoo`: starts the demo Odoo and prints where and how to reach it.

import { parseCliArgs, USAGE } from './cli-args';
import type { DemoOdooServer } from './demo-odoo.types';
import { startDemoOdoo } from './http/demo-server';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let server: DemoOdooServer;
  try {
    server = await startDemoOdoo(parsed.options);
  } catch (e) {
    process.stderr.write(`demo-odoo: ${(e as Error).message}\n`);
    process.exit(1);
  }
  printBanner(server);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The first line is machine-readable: scripts wait for it to learn the URL. */
function printBanner(server: DemoOdooServer): void {
  const lines = [`Demo Odoo listening on ${server.url}`, '', 'Databases (demo credentials, not secrets):'];
  for (const db of server.databases) {
    lines.push(
      `  ${db.name.padEnd(10)} Odoo ${db.version} ${db.edition.padEnd(10)} ${server.urlFor(db.name)}`,
      `             login api@${db.name}.example  API key demo-secret-${db.name}  password demo-password-${db.name}`,
    );
  }
  lines.push('', `Control API (loopback only): ${server.url}/_control/faults | /_control/calls | /_control/records`, 'Stop with Ctrl+C.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
