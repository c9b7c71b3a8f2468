// Reading and damaging Better Auth's two cookies: the signed session token ("<token>.<HMAC>",
// URL-encoded) and the cookie cache (a JWE: the session and the user, encrypted with a key derived
// from BETTER_AUTH_SECRET).
import { randomBytes } from 'node:crypto';
import { symmetricDecodeJWT, symmetricEncodeJWT } from 'better-auth/crypto';
import type { SeededRandom } from './seeded-random';

/** The HKDF salt Better Auth derives the cookie cache's key with. */
const CACHE_KEY_SALT = 'better-auth-session';

export const TOKEN_COOKIE = 'better-auth.session_token';
export const CACHE_COOKIE = 'better-auth.session_data';

export interface SessionCookies {
  /** The session_token cookie value exactly as Set-Cookie carried it. */
  token: string;
  /** The session_data (cookie cache) value exactly as Set-Cookie carried it. */
  cache: string;
}

export function parseSessionCookies(cookieHeader: string): SessionCookies {
  const pairs = new Map(
    cookieHeader.split(';').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const token = pairs.get(TOKEN_COOKIE);
  const cache = pairs.get(CACHE_COOKIE);
  if (!token || !cache) throw new Error(`sign-in did not set both session cookies: ${[...pairs.keys()].join(', ')}`);
  return { token, cache };
}

/** The session's database token: the part of the signed cookie before the signature. */
export function rawToken(tokenCookie: string): string {
  return decodeURIComponent(tokenCookie).split('.')[0];
}

/** Every form a session credential could leak in: raw token, signed value (encoded and not), cache value. */
export function credentialForms(cookies: SessionCookies): string[] {
  return [rawToken(cookies.token), cookies.token, decodeURIComponent(cookies.token), cookies.cache];
}

export function cookieHeader(parts: { token?: string; cache?: string }): string | null {
  const pairs: string[] = [];
  if (parts.token !== undefined) pairs.push(`${TOKEN_COOKIE}=${parts.token}`);
  if (parts.cache !== undefined) pairs.push(`${CACHE_COOKIE}=${parts.cache}`);
  return pairs.length ? pairs.join('; ') : null;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Replaces the character at `index` with a different letter or digit. */
function replaceAt(value: string, index: number, rng: SeededRandom): string {
  let replacement = value[index];
  while (replacement === value[index]) replacement = rng.pick([...BASE64]);
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

/** The signed token cookie with one character of the token part changed. */
export function tamperToken(tokenCookie: string, rng: SeededRandom): string {
  const [token, signature] = decodeURIComponent(tokenCookie).split('.');
  return encodeURIComponent(`${replaceAt(token, rng.int(token.length), rng)}.${signature}`);
}

/**
 * The signed token cookie with one character of the signature changed. The last base64 character
 * before the padding carries unused low bits, so it is left alone: changing only those bits would
 * decode to the same signature and prove nothing.
 */
export function tamperSignature(tokenCookie: string, rng: SeededRandom): string {
  const [token, signature] = decodeURIComponent(tokenCookie).split('.');
  const significant = signature.replace(/=+$/, '').length - 1;
  return encodeURIComponent(`${token}.${replaceAt(signature, rng.int(significant), rng)}`);
}

/** The cookie cache with a few characters changed: its HMAC no longer matches. */
export function tamperCache(cache: string, rng: SeededRandom): string {
  let damaged = cache;
  const flips = 1 + rng.int(3);
  for (let i = 0; i < flips; i++) damaged = replaceAt(damaged, rng.int(damaged.length - 2), rng);
  return damaged;
}

interface CachePayload {
  session: { id: string; token: string; userId: string };
  user: { id: string; email: string };
}

/** What the cookie cache holds, read with the server's secret (what nobody else can do). */
export async function readCache(cache: string, secret: string): Promise<CachePayload | null> {
  const payload: unknown = await symmetricDecodeJWT(cache, secret, CACHE_KEY_SALT);
  return payload as CachePayload | null;
}

/** The cookie cache rewritten to name another user, encrypted again by someone without the server's secret. */
export async function forgeCacheIdentity(cache: string, user: { id: string; email: string }, serverSecret: string): Promise<string> {
  const payload = await readCache(cache, serverSecret);
  if (!payload) throw new Error('the cookie cache does not decrypt with the server secret');
  payload.session.userId = user.id;
  payload.user.id = user.id;
  payload.user.email = user.email;
  return symmetricEncodeJWT({ ...payload }, randomBytes(32).toString('base64url'), CACHE_KEY_SALT, 60);
}

/** Values that are not cookies Better Auth could have written at all. */
export const GARBAGE_TOKENS = ['%', '%E0%A4%A', 'x'.repeat(4096), '.', 'a.b.c', '%00%00.%00', 'undefined', 'null'];
