import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { API_PREFIX } from './common/routes';
import type { AppConfig } from './config/app-config';

// Request and session secrets never reach a log line, whatever logs them.
const REDACTED_PATHS = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.secret', '*.token'];

export function loggerParams(config: AppConfig, stream?: NodeJS.WritableStream): Params {
  const prettyInDevelopment = !stream && !config.isProduction && config.nodeEnv !== 'test';
  return {
    // nestjs-pino's default route pattern matches nothing under Nest 12 on Fastify: every request, explicitly.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    // The polling endpoint gets no access line: a fifth of a cached answer's CPU went to it. Its traffic
    // shows in the metrics, and what it logs while working carries the request id (CompanyViewService).
    // (Middleware paths are matched under the global "api" prefix.)
    exclude: [{ path: 'company-view', method: RequestMethod.GET }],
    pinoHttp: {
      ...(stream ? { stream } : {}),
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Health probes would drown everything else.
      autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith(`/${API_PREFIX}/monitoring/`) ?? false },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...(!prettyInDevelopment
        ? {}
        : { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }),
    },
  };
}

/** A caller's (or proxy's) X-Request-Id when it looks like one, else a new UUID: the id on every log line of a request. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}
