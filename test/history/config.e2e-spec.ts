// HISTORY_SAMPLE_CRON and HISTORY_SAMPLING: parsed once at boot like every variable, a bad value a
// one-line error before the server does anything.
import { loadConfig } from '../../server/config/app-config';
import { runEntry } from '../support/run-cli';

const secrets = { BETTER_AUTH_SECRET: 'x'.repeat(32), SECRETS_KEY: 'y'.repeat(32) };
const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ NODE_ENV: 'test', ...secrets, ...env });
    return [];
  } catch (err) {
    return (err as { problems: string[] }).problems;
  }
};

describe('history configuration', () => {
  it('samples hourly by default, on', () => {
    expect(loadConfig({ NODE_ENV: 'test', ...secrets }).history).toEqual({ sampleCron: '0 * * * *', sampling: true });
  });

  it('takes a five-field cron expression and HISTORY_SAMPLING=false', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...secrets, HISTORY_SAMPLE_CRON: ' */5  * * * 1-5 ', HISTORY_SAMPLING: 'false' });
    expect(config.history).toEqual({ sampleCron: '*/5 * * * 1-5', sampling: false });
  });

  it.each(['hourly', '61 * * * *', '* * * *', '0 0 * * * *', '0 0 31 2 *'])('refuses HISTORY_SAMPLE_CRON=%p', (cron) => {
    expect(problems({ HISTORY_SAMPLE_CRON: cron })).toEqual([
      'HISTORY_SAMPLE_CRON must be a cron expression of five fields (minute hour day month weekday), e.g. 0 * * * *',
    ]);
  });

  it('stops the server with one line, before it starts anything', async () => {
    const result = await runEntry('server/main.ts', [], {
      env: { DATA_DIR: '/nonexistent/should-not-be-created', HISTORY_SAMPLE_CRON: 'every hour', HISTORY_SAMPLING: 'maybe' },
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Configuration error: HISTORY_SAMPLE_CRON must be a cron expression of five fields (minute hour day month weekday), e.g. 0 * * * *',
      'Configuration error: HISTORY_SAMPLING must be true or false',
    ]);
  });
});
