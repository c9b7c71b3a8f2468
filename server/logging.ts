import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';

// Request and session secrets never reach a log line, whatever logs them.
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
];

export function loggerParams(config: AppConfig, stream?: NodeJS.WritableStream): Params {
  const prettyInDevelopment = !stream && !config.isProduction && config.nodeEnv !== 'test';
  return {
    pinoHttp: {
      ...(stream ? { stream } : {}),
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      },
      // Health probes would drown everything else.
      autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/api/monitoring/') ?? false },
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
