import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CompanyViewCacheEntry } from './company-view-cache';
import type { CompanyViewResult } from './company-view.service';
import { chooseEncoding, encodedBody } from './encoded-bodies';

/** Browsers may reuse a response for at most this long, whatever the server TTL. */
const MAX_AGE_CAP_S = 30;

/**
 * Turns a CompanyViewResult into the HTTP answer: X-Cache, Cache-Control from the entry's
 * remaining life, Vary, a strong ETag, and 304 when the client already holds this body. The body
 * goes out as the bytes encoded once for the entry.
 *
 * Called by the controller rather than installed as an interceptor: an interceptor turns every
 * answer into an Observable that Nest wraps in a disconnect-tracking pipeline, which cost about a
 * tenth of a cache hit's CPU (bench/results/B1-profile.md) on the hottest route.
 */
export function cachedAnswer(request: FastifyRequest, reply: FastifyReply, { entry, hit }: CompanyViewResult): Buffer | Response {
  reply.header('x-cache', hit ? 'HIT' : 'MISS');
  reply.header('cache-control', `private, max-age=${maxAgeSeconds(entry)}`);
  reply.header('vary', 'Cookie, x-tenant-id, Accept-Encoding');
  reply.header('etag', entry.etag);
  if (etagMatches(request.headers['if-none-match'], entry.etag)) {
    // Nest sends a returned Response with its own status; its headers add to those set above.
    return new Response(null, { status: 304 });
  }
  reply.header('content-type', 'application/json; charset=utf-8');
  // Encoded once per entry, not per request (the compression plugin leaves encoded replies alone).
  const encoding = chooseEncoding(request.headers['accept-encoding'], entry.body.length);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return encodedBody(entry, encoding);
}

/** Whole seconds the entry has left, rounded up so a fresh 30 s entry says 30. */
function maxAgeSeconds(entry: CompanyViewCacheEntry): number {
  const remaining = Math.ceil((entry.expiresAt - Date.now()) / 1000);
  return Math.max(0, Math.min(MAX_AGE_CAP_S, remaining));
}

/** If-None-Match may list several tags or be "*"; weak comparison, as RFC 9110 asks for it. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === etag || t === `W/${etag}`;
  });
}
