// Shared by the workspace suites: people in every role, and one way to call the API as each of them.
import { setOperator } from '../../server/auth/user-admin';
import type { TestApp } from '../support/app-fixture';

export type ActorName = 'member' | 'admin' | 'owner' | 'operator' | 'outsider' | 'anonymous';
export const ACTOR_NAMES: ActorName[] = ['member', 'admin', 'owner', 'operator', 'outsider', 'anonymous'];

export interface Actor {
  name: ActorName;
  userId: string | null;
  email: string | null;
  /** Cookie header; null for no session. */
  cookie: string | null;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  /** The raw text, for searching. */
  text: string;
}

/** The exact error bodies of the access matrix and the workspace rules. */
export const ERRORS = {
  session: { error: 'Unauthorized: Valid session required' },
  invalidTenant: { error: 'Bad Request: Invalid tenant ID' },
  inactive: { error: 'Forbidden: Tenant is inactive' },
  notMember: { error: 'Forbidden: User is not a member of this tenant' },
  admin: { error: 'Forbidden: Requires the admin role' },
  owner: { error: 'Forbidden: Requires the owner role' },
  operator: { error: 'Forbidden: Operator access required' },
  lastOwner: { error: 'Conflict: A workspace needs at least one owner' },
  memberNotFound: { error: 'Not Found: Member not found' },
  crossOrigin: { error: 'Forbidden: Cross-origin request refused' },
  creationDisabled: { error: 'Forbidden: Workspace creation is disabled' },
  otherEmail: { error: 'Forbidden: This invitation is for another email address' },
  gone: { error: 'Gone: Invitation is no longer valid' },
} as const;

/** Every answer this suite saw, for the "secret never in any response" scans. */
export const seenBodies: string[] = [];

/**
 * Calls the API as `actor`. A body is sent as JSON; `headers` may add or override (Origin, content type).
 */
export async function call<T = unknown>(
  app: TestApp,
  actor: Pick<Actor, 'cookie'> | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(actor?.cookie ? { cookie: actor.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  seenBodies.push(text);
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed as T, text };
}

/** A signed-in user with a role in `tenantId` (none for 'outsider' and 'operator'). */
export async function actor(app: TestApp, name: ActorName, tenantId: string | null): Promise<Actor> {
  if (name === 'anonymous') return { name, userId: null, email: null, cookie: null };
  const user = await app.createUser();
  if (name === 'operator') await app.dataSource.transaction((tx) => setOperator(tx, user.email, true));
  if (tenantId && name !== 'operator' && name !== 'outsider') await app.addMember(user.userId, tenantId, { role: name, isDefault: true });
  return { name, userId: user.userId, email: user.email, cookie: await app.signIn(user.email, user.password) };
}

export async function everyone(app: TestApp, tenantId: string): Promise<Record<ActorName, Actor>> {
  const entries = await Promise.all(ACTOR_NAMES.map(async (name) => [name, await actor(app, name, tenantId)] as const));
  return Object.fromEntries(entries) as Record<ActorName, Actor>;
}

/** The demo Odoo connection of one of its databases, as an admin would type it. */
export function demoConnection(app: TestApp, db = 'acme') {
  return { url: app.demoOdoo!.url, database: db, login: `api@${db}.example`, secret: `demo-secret-${db}` };
}

/** A second instance on the same database must share the first one's keys to read its sessions and secrets. */
export function sameKeys(app: TestApp): Record<string, string> {
  return { BETTER_AUTH_SECRET: app.config.auth.secret, SECRETS_KEY: app.config.secretsKey };
}

/** The admin CLI's environment for working on `app`'s database with its keys. */
export function cliEnv(app: TestApp): Record<string, string> {
  return { NODE_ENV: 'test', DATABASE_URL: app.database.url, DATA_DIR: app.database.dataDir, LOG_LEVEL: 'silent', ...sameKeys(app) };
}
