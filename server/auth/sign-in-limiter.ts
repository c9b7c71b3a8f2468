import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface SignInLimit {
  /** Failed sign-ins allowed per client IP and window. */
  limit: number;
  windowS: number;
  /** Prefix of the Redis keys (the deployment's own). */
  keyPrefix: string;
  /** What is counted, in the keys: one limiter per kind of attempt. Default 'sign-in'. */
  name?: string;
}

/**
 * Failed sign-ins per client IP. Every attempt takes a point before its password is checked and a
 * successful one gives it back, so parallel attempts can't all slip past a check made before any of
 * them failed. Points live in Redis when a client is given (atomic there and shared by every
 * instance), else in process memory, which also stands in while Redis is away.
 */
export class SignInLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor({ limit, windowS, keyPrefix, name = 'sign-in' }: SignInLimit, redisClient?: unknown) {
    const memory = new RateLimiterMemory({ points: limit, duration: windowS, keyPrefix: name });
    this.limiter = redisClient
      ? new RateLimiterRedis({
          storeClient: redisClient,
          useRedisPackage: true,
          points: limit,
          duration: windowS,
          keyPrefix: `${keyPrefix}${name}`,
          insuranceLimiter: memory,
        })
      : memory;
  }

  /** Takes a point for an attempt: 0 when it may go ahead, else the seconds until the IP may try again. */
  async take(ip: string): Promise<number> {
    try {
      await this.limiter.consume(ip, 1);
      return 0;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    }
  }

  /** Gives back the point of an attempt that turned out not to be a failed sign-in. */
  async giveBack(ip: string): Promise<void> {
    await this.limiter.reward(ip, 1);
  }
}
