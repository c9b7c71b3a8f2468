/** Bad input: the CLI prints this one line and exits 1. */
export class CliError extends Error {}

/** Results go to stdout, one JSON object per line; everything for humans goes to stderr. */
export const out = (value: object): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
export const say = (line: string): void => void process.stderr.write(`${line}\n`);

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('Expected the secret on standard input (e.g. `echo "$SECRET" | npm run admin -- ...`)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) throw new CliError('Standard input was empty');
  return text;
}
