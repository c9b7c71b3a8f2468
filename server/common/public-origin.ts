import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';

/**
 * Where people reach this server: BETTER_AUTH_URL's origin when set, else the origin the request was
 * sent to (its Host, with the scheme Fastify resolved, TRUST_PROXY applied). Links we hand out
 * (invitations, password resets) start with it.
 */
export function publicOrigin(config: AppConfig, request: Pick<FastifyRequest, 'protocol' | 'headers'>): string {
  if (config.auth.baseUrl) return new URL(config.auth.baseUrl).origin;
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

/**
 * Origins whose state-changing requests are ours: the public origin (without BETTER_AUTH_URL, the
 * request's own host under either scheme, as a TLS-terminating proxy may hide the scheme), and those
 * listed in TRUSTED_ORIGINS and CORS_ORIGINS.
 */
export function acceptedOrigins(config: AppConfig, request: Pick<FastifyRequest, 'protocol' | 'headers'>): Set<string> {
  const origins = new Set([...config.trustedOrigins, ...config.corsOrigins.map(originOf)]);
  if (config.auth.baseUrl) origins.add(new URL(config.auth.baseUrl).origin);
  else if (request.headers.host) for (const scheme of ['http', 'https']) origins.add(`${scheme}://${request.headers.host}`.toLowerCase());
  return origins;
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}
