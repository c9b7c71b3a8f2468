import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Job, PgBoss } from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database-url';
import { HistoryCompaction } from './history-compaction';
import { HistorySampler } from './history-sampler';
import { SampledTenants } from './sampled-tenants';

/** pg-boss's own schema in the project's database. */
export const JOBS_SCHEMA = 'pgboss';

export const HISTORY_QUEUES = {
  /** One job per scheduled run: lists the active tenants and queues a sample for each. */
  run: 'history-sample-run',
  /** One job per tenant and run. */
  sample: 'history-sample',
  compact: 'history-compact',
} as const;

/** Daily, at a quiet hour (UTC). */
const COMPACTION_CRON = '20 3 * * *';
const INSERT_CHUNK = 500;
const STOP_WAIT_MS = 3000;
/** The same pg-boss complaint (the database away, say) is logged at most this often. */
const REPEAT_LOG_MS = 60_000;

interface SampleJob {
  tenantId: string;
}

/**
 * The scheduled side of the history, on pg-boss in the project's PostgreSQL: the sampling schedule
 * (HISTORY_SAMPLE_CRON) and the daily compaction are registered at boot by every instance, and each
 * occurrence becomes one job that one instance takes. A run fans out into one job per active
 * tenant, with an id derived from the run and the tenant, so a run retried after a partial
 * fan-out still queues each tenant once; the stately queue also keeps one tenant from being
 * sampled twice at the same time.
 */
@Injectable()
export class HistoryJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HistoryJobs.name);
  private readonly lastLogged = new Map<string, number>();
  private boss: PgBoss | null = null;

  constructor(
    @Inject(DATABASE_URL) private readonly url: string,
    private readonly config: AppConfig,
    private readonly tenants: SampledTenants,
    private readonly sampler: HistorySampler,
    private readonly compaction: HistoryCompaction,
  ) {}

  /** After every module's init, so migrations have run before a job can touch the tables. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.history.sampling) {
      this.logger.log('History sampling is off in this instance (HISTORY_SAMPLING=false)');
      return;
    }
    // LISTEN/NOTIFY wakes a worker as soon as a job is queued, so polling is only a slow backstop.
    const boss = new PgBoss({ connectionString: this.url, schema: JOBS_SCHEMA, max: 4, application_name: 'company-view-jobs', useListenNotify: true });
    boss.on('error', (err) => this.complain(`Job queue error: ${err.message}`));
    boss.on('warning', (warning) => this.complain(`Job queue warning: ${warning.message}`));
    try {
      await boss.start();
      this.boss = boss;
      await this.register(boss);
    } catch (err) {
      await boss.stop({ graceful: false }).catch(() => undefined);
      this.boss = null;
      // Most likely the database user may not create the schema: say what to do about it.
      throw new Error(`The history job queue could not start in schema ${JOBS_SCHEMA}: ${(err as Error).message} (HISTORY_SAMPLING=false starts without it)`, {
        cause: err,
      });
    }
    this.logger.log(`History sampling scheduled (${this.config.history.sampleCron}, UTC)`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    // Before the database pools close: a sample under way may still write its row.
    await boss?.stop({ graceful: true, timeout: STOP_WAIT_MS });
  }

  /** Starts a sampling run now, as the schedule would (operators and tests); its id. */
  async runNow(): Promise<string> {
    if (!this.boss) throw new Error('History sampling is off in this instance');
    return (await this.boss.send(HISTORY_QUEUES.run, {}))!;
  }

  private async register(boss: PgBoss): Promise<void> {
    const { run, sample, compact } = HISTORY_QUEUES;
    const retries = { retryLimit: 3, retryBackoff: true, notify: true };
    await boss.createQueue(run, { ...retries, retryDelay: 10, expireInSeconds: 300 });
    await boss.createQueue(sample, { ...retries, policy: 'stately', retryDelay: 15, expireInSeconds: 120 });
    await boss.createQueue(compact, { ...retries, policy: 'singleton', retryDelay: 300, expireInSeconds: 3600 });
    await boss.schedule(run, this.config.history.sampleCron, null, { tz: 'UTC' });
    await boss.schedule(compact, COMPACTION_CRON, null, { tz: 'UTC' });
    await boss.work(run, (jobs) => this.fanOut(boss, jobs));
    await boss.work<SampleJob>(sample, { localConcurrency: 2 }, ([job]) => this.sampler.sample(job.data.tenantId));
    await boss.work(compact, () => this.compact());
  }

  private async fanOut(boss: PgBoss, runs: Array<Job<unknown>>): Promise<void> {
    const tenantIds = await this.tenants.activeIds();
    for (const run of runs) {
      for (let i = 0; i < tenantIds.length; i += INSERT_CHUNK) {
        const jobs = tenantIds
          .slice(i, i + INSERT_CHUNK)
          .map((tenantId) => ({ id: sampleJobId(run.id, tenantId), singletonKey: tenantId, data: { tenantId } }));
        await boss.insert(HISTORY_QUEUES.sample, jobs);
      }
      this.logger.log(`History sampling run ${run.id}: ${tenantIds.length} tenant(s) queued`);
    }
  }

  private async compact(): Promise<void> {
    const result = await this.compaction.compact();
    this.logger.log({ msg: 'History compacted', ...result });
  }

  private complain(message: string): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(message) ?? 0) < REPEAT_LOG_MS) return;
    if (this.lastLogged.size > 100) this.lastLogged.clear();
    this.lastLogged.set(message, now);
    this.logger.warn(message);
  }
}

/** The same id for the same run and tenant, so a second attempt at a run inserts nothing twice. */
export function sampleJobId(runId: string, tenantId: string): string {
  const hex = createHash('sha256').update(`${runId}:${tenantId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
