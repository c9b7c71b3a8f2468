import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Counts failed sign-ins per client IP. Once an IP has `limit` failures inside the window, further
 * sign-in attempts from it are refused before they reach Better Auth. Counters live in Redis when
 * a client is given (shared by every instance), else in process memory.
 */
export class SignInLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly limit: number,
    windowS: number,
    redisClient?: unknown,
  ) {
    const memory = new RateLimiterMemory({ points: limit, duration: windowS, keyPrefix: 'sign-in-fail' });
    this.limiter = redisClient
      ? new RateLimiterRedis({
          storeClient: redisClient,
          useRedisPackage: true,
          points: limit,
          duration: windowS,
          keyPrefix: 'company-view:sign-in-fail',
          insuranceLimiter: memory,
        })
      : memory;
  }

  /** Seconds until the IP may try again, or 0 when it may try now. */
  async retryAfterS(ip: string): Promise<number> {
    const state = await this.limiter.get(ip);
    if (!state || state.consumedPoints < this.limit) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  async recordFailure(ip: string): Promise<void> {
    await this.limiter.penalty(ip, 1);
  }
}
