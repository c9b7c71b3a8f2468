import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../contracts/errors';

// Requests refused by Fastify itself, or before any route runs, get the API's own error body. The
// text is the status's own: never the URL, Host or body the client sent, which Fastify's messages echo.

const logger = new Logger('Errors');

/** host or IPv4 or [IPv6], then an optional port: what a Host header may hold. */
const HOST_HEADER = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export const BAD_HOST = 'Bad Request: malformed Host header';
export const BAD_TARGET = 'Bad Request: request target must be a path';

/** Fixed words for the refusals Fastify makes on its own; anything else gets the bare status text. */
const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'malformed URL',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed JSON body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty JSON body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body is too large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'body length does not match Content-Length',
};

/** An error raised by Fastify itself (its router or body parsing): it carries an HTTP status. */
export function isFrameworkError(error: unknown): error is { statusCode: number; code?: string } {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

/** "<Status text>" or "<Status text>: <fixed detail>", whatever the error's own message says. */
export function frameworkErrorText(status: number, code: string | undefined): string {
  const text = STATUS_CODES[status] ?? 'Error';
  const detail = code === undefined ? undefined : FRAMEWORK_DETAILS[code];
  return detail ? `${text}: ${detail}` : text;
}

/** Sends `{"error": "..."}` for an error Fastify raised outside Nest (bad URL, body too large…). */
export function sendFastifyError(reply: FastifyReply, error: unknown): void {
  const known = isFrameworkError(error) && error.statusCode >= 400 && error.statusCode < 500;
  const status = known ? error.statusCode : 500;
  if (!known) logger.error(`Unexpected error outside Nest's routes: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const body: ApiErrorBody = { error: known ? frameworkErrorText(status, error.code) : 'Internal Server Error' };
  reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

/**
 * Answers what Node's HTTP parser could not read at all (a target without a leading slash, bad
 * header syntax, headers too large, a request too slow): Fastify's default writes its own body.
 */
export function answerUnparsableRequest(error: { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({ error: STATUS_CODES[status] ?? 'Bad Request' } satisfies ApiErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Refuses, before any route or Better Auth sees them, a Host that is not host[:port] and a request
 * target that is not a path (absolute-form `GET http://…`, asterisk-form).
 */
export function refuseMalformedRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const problem = requestProblem(request);
    if (!problem) return done();
    const body: ApiErrorBody = { error: problem };
    reply.code(400).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  });
}

function requestProblem(request: FastifyRequest): string | null {
  const host = request.headers.host;
  // HTTP/1.0 may omit Host; Node itself refuses an HTTP/1.1 request without one.
  if (host !== undefined && !HOST_HEADER.test(host)) return BAD_HOST;
  if (!request.raw.url?.startsWith('/')) return BAD_TARGET;
  return null;
}
