import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiErrorBody } from '../contracts/errors';
import { isDatabaseUnavailable } from './database-errors';
import { frameworkErrorText, isFrameworkError } from './http-errors';

const DATABASE_UNREACHABLE = 'Service Unavailable: database unreachable';

/** Every error of Nest's routes leaves as `{"error": "..."}` with no stack, SQL, path or echo of the request in it. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.describe(exception);
    if (reply.sent) return;
    reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  }

  private describe(exception: unknown): [number, ApiErrorBody] {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Fastify's own refusals (body parsing) reach us wrapped; their messages may quote the request.
      if (isFrameworkError(exception.cause)) return [status, { error: frameworkErrorText(status, exception.cause.code) }];
      return [status, { error: messageOf(exception) }];
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn('Database unreachable while serving a request');
      return [HttpStatus.SERVICE_UNAVAILABLE, { error: DATABASE_UNREACHABLE }];
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { error: 'Internal Server Error' }];
  }
}

/** Our own exceptions carry the full client-facing text; Nest's built-ins get "<Status text>: <detail>". */
function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const { message, error } = response as { message?: unknown; error?: unknown };
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : '';
  if (typeof error !== 'string') return detail || exception.message;
  // Router misses ("Cannot GET /x") and bare statuses say only the status text.
  if (!detail || detail === error || detail.startsWith('Cannot ')) return error;
  if (detail.startsWith(`${error}:`)) return detail;
  return `${error}: ${detail}`;
}
