import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import type { AuthService } from './auth.service';
import { readCookie } from './auth-cookies';

const SIGN_IN_PATH = '/api/auth/sign-in/email';
const SIGN_OUT_PATH = '/api/auth/sign-out';

/**
 * Mounts Better Auth on /api/auth/* inside an encapsulated Fastify plugin whose only body parser
 * keeps the raw bytes: Better Auth reads the body itself, and Nest's routes outside this plugin
 * keep their own JSON parsing.
 */
export async function registerAuthRoutes(app: FastifyInstance, authService: AuthService): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    scope.route({
      method: ['GET', 'POST'],
      url: '/api/auth/*',
      handler: (request, reply) => handleAuthRequest(authService, request, reply),
    });
  });
}

async function handleAuthRequest(authService: AuthService, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0];
  const isSignIn = request.method === 'POST' && path === SIGN_IN_PATH;
  if (isSignIn) {
    const retryAfter = await authService.signInLimiter.retryAfterS(request.ip);
    if (retryAfter > 0) {
      return reply
        .code(429)
        .header('retry-after', String(retryAfter))
        .send({ error: 'Too Many Requests: too many failed sign-in attempts, try again later' });
    }
  }
  if (path === SIGN_OUT_PATH) {
    const token = readCookie(request.headers.cookie, authService.sessionCookieName);
    if (token) authService.memo.forget(token);
  }
  if (!isJsonOrEmpty(request)) return reply.code(400).send({ error: 'Bad Request: malformed JSON body' });
  const response = await authService.auth.handler(toWebRequest(request));
  if (isSignIn && response.status === 401) await authService.signInLimiter.recordFailure(request.ip);
  reply.header('cache-control', 'no-store');
  return reply.send(await withoutSessionToken(response));
}

/** A JSON body Better Auth would choke on (it answers 500) is the client's mistake. */
function isJsonOrEmpty(request: FastifyRequest): boolean {
  const body = request.body;
  if (!(body instanceof Buffer) || body.length === 0 || !/json/i.test(String(request.headers['content-type'] ?? ''))) return true;
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Better Auth puts the session token in sign-in and get-session bodies; the httpOnly cookie is the only place it belongs. */
async function withoutSessionToken(response: Response): Promise<Response> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (body && typeof body === 'object') {
    delete (body as { token?: unknown }).token;
    const session = (body as { session?: { token?: unknown } }).session;
    if (session && typeof session === 'object') delete session.token;
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}

function toWebRequest(request: FastifyRequest): Request {
  const url = `${request.protocol}://${request.host}${request.url}`;
  const body = request.body instanceof Buffer && request.body.length > 0 ? new Uint8Array(request.body) : undefined;
  return new Request(url, { method: request.method, headers: fromNodeHeaders(request.headers), body });
}
