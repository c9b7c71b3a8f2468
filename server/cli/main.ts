import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserAdminError } from '../auth/user-admin';
import { ConfigError, loadConfig } from '../config/app-config';
import { withDevelopmentSecrets } from '../config/development-secrets';
import { TenantAdminError } from '../tenant/tenant-admin';
import { CliContext } from './cli-context';
import { CliError, say } from './cli-io';
import { COMMANDS, type CommandSpec, type ParsedCommand } from './commands';

// `npm run admin -- <command> [args]`: administration against the same database the server uses.

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const spec = name ? COMMANDS[name] : undefined;
  if (!spec) {
    if (name && name !== 'help' && name !== '--help') throw new CliError(`Unknown command "${name}"; \`npm run admin -- help\` lists them`);
    say(
      `Company View admin CLI. Usage: npm run admin -- <command>\n${Object.values(COMMANDS)
        .map((c) => `  ${c.usage}`)
        .join('\n')}`,
    );
    return 0;
  }
  const command = parse(spec, rest);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(withDevelopmentSecrets(process.env));
  const ctx = await CliContext.open(config);
  try {
    await spec.run(ctx, command);
  } finally {
    await ctx.close();
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

function parse(spec: CommandSpec, args: string[]): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: false }> = {};
  for (const flag of spec.valueFlags ?? []) options[flag] = { type: 'string' };
  for (const flag of spec.switches ?? []) options[flag] = { type: 'boolean' };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0]}. Usage: ${spec.usage}`);
  }
  if (spec.positionals >= 0 && parsed.positionals.length !== spec.positionals) {
    throw new CliError(`Expected ${spec.positionals} argument(s). Usage: ${spec.usage}`);
  }
  return { positionals: parsed.positionals, flags: parsed.values };
}

function explain(e: unknown): string {
  if (e instanceof ConfigError) return e.problems.map((p) => `Configuration error: ${p}`).join('\n');
  if (e instanceof CliError || e instanceof UserAdminError || e instanceof TenantAdminError) return `Error: ${e.message}`;
  const code = (e as { code?: string }).code;
  if (code === '23505') return 'Error: that record already exists';
  return `Error: ${e instanceof Error ? e.message : String(e)}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(explain(e));
    process.exit(1);
  },
);
