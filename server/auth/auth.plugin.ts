import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { sendFastifyError } from '../common/http-errors';
import { publicOrigin } from '../common/public-origin';
import type { AppConfig } from '../config/app-config';
import { authBaseUrl } from './better-auth';
import type { AuthService } from './auth.service';
import { readCookie } from './auth-cookies';
import { AUTH_BASE_PATH } from '../common/routes';

const AUTH_BODY_LIMIT_BYTES = 64 * 1024;
const SIGN_OUT_PATH = `${AUTH_BASE_PATH}/sign-out`;

/**
 * Mounts Better Auth on /api/auth/* inside an encapsulated Fastify plugin whose only body parser
 * keeps the raw bytes: Better Auth reads the body itself, and Nest's routes outside this plugin
 * keep their own JSON parsing. `origin` is Better Auth's own base URL origin: every request is
 * rebuilt on it, never on the Host header the client sent.
 */
export async function registerAuthRoutes(app: FastifyInstance, authService: AuthService, config: AppConfig): Promise<void> {
  const origin = new URL(authBaseUrl(config)).origin;
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: AUTH_BODY_LIMIT_BYTES }, (_req, body, parsed) => parsed(null, body));
    // Fastify's own refusals here (body too large…) get our body, not Fastify's.
    scope.setErrorHandler((error, _request, reply) => sendFastifyError(reply, error));
    scope.route({
      method: ['GET', 'HEAD', 'POST'],
      url: `${AUTH_BASE_PATH}/*`,
      exposeHeadRoute: false,
      handler: (request, reply) => handleAuthRequest(authService, origin, request, reply, publicOrigin(config, request)),
    });
    done();
  });
}

async function handleAuthRequest(authService: AuthService, origin: string, request: FastifyRequest, reply: FastifyReply, linksOrigin: string) {
  const url = canonicalUrl(request.url, origin);
  // Only the spelling Better Auth routes is served, so the access log shows what ran.
  if (!url) return reply.code(404).send({ error: 'Not Found' });
  if (!isJsonOrEmpty(request)) return reply.code(400).send({ error: 'Bad Request: malformed JSON body' });
  if (url.pathname === SIGN_OUT_PATH) {
    // The database announces it too, a moment later.
    const cookie = readCookie(request.headers.cookie, authService.sessionCookieName);
    if (cookie) authService.forget(cookie);
  }
  const response = await authService.handle(toWebRequest(request, url), request.ip, linksOrigin);
  reply.header('cache-control', 'no-store');
  return reply.send(await withoutSessionTokens(response));
}

/** The URL to hand Better Auth, or null when the target is not in its canonical form (dot segments, `%2e`, a fragment…). */
function canonicalUrl(target: string, origin: string): URL | null {
  try {
    const url = new URL(target, origin);
    return url.origin === origin && url.pathname === target.split('?')[0] ? url : null;
  } catch {
    return null;
  }
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

/** HEAD is answered as GET; Node sends no body for it. */
function toWebRequest(request: FastifyRequest, url: URL): Request {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const body = method !== 'GET' && request.body instanceof Buffer && request.body.length > 0 ? new Uint8Array(request.body) : undefined;
  return new Request(url, { method, headers: fromNodeHeaders(request.headers), body });
}

/**
 * Better Auth puts session tokens in its JSON bodies (sign-in, sign-up, get-session, list-sessions,
 * change-password…); the httpOnly cookie is the only place one belongs. Every `token` field goes.
 */
async function withoutSessionTokens(response: Response): Promise<Response> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(stripTokens(body)), { status: response.status, statusText: response.statusText, headers });
}

function stripTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTokens);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'token')
      .map(([key, inner]) => [key, stripTokens(inner)]),
  );
}
