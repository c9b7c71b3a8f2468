import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { writeAudit } from '../audit/audit-log';
import type { Auth } from './better-auth';

/** Better Auth's password rules and hasher, which accounts made outside HTTP must share. */
export interface Passwords {
  hash(password: string): Promise<string>;
  readonly minLength: number;
  readonly maxLength: number;
}

export async function passwordsOf(auth: Auth): Promise<Passwords> {
  const { password } = await auth.$context;
  return { hash: (plain) => password.hash(plain), minLength: password.config.minPasswordLength, maxLength: password.config.maxPasswordLength };
}

// Account administration outside HTTP (admin CLI, demo seed). Writes the same rows Better Auth's
// sign-up writes, hashing with Better Auth's own password hasher, so signing in works unchanged.

export class UserAdminError extends Error {}

export interface NewUser {
  email: string;
  password: string;
  name?: string;
}

export async function createUser(passwords: Passwords, tx: EntityManager, user: NewUser): Promise<{ userId: string; email: string }> {
  const email = normalizeEmail(user.email);
  assertPassword(passwords, user.password);
  const existing: unknown[] = await tx.query('SELECT id FROM "user" WHERE email = $1', [email]);
  if (existing.length) throw new UserAdminError(`A user with email ${email} already exists`);
  const userId = randomUUID();
  const hash = await passwords.hash(user.password);
  await tx.query(`INSERT INTO "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") VALUES ($1, $2, $3, false, now(), now())`, [
    userId,
    user.name ?? email.split('@')[0],
    email,
  ]);
  await tx.query(
    `INSERT INTO "account" (id, "accountId", "providerId", "userId", password, "createdAt", "updatedAt")
     VALUES ($1, $2, 'credential', $2, $3, now(), now())`,
    [randomUUID(), userId, hash],
  );
  return { userId, email };
}

/** Sets the password and ends every session the user has: whoever knew the old one is signed out. */
export async function setPassword(
  passwords: Passwords,
  tx: EntityManager,
  email: string,
  password: string,
): Promise<{ userId: string; revokedSessions: number }> {
  assertPassword(passwords, password);
  const userId = await userIdByEmail(tx, email);
  const hash = await passwords.hash(password);
  const updated: unknown[] = await tx.query(
    `UPDATE "account" SET password = $1, "updatedAt" = now() WHERE "userId" = $2 AND "providerId" = 'credential' RETURNING id`,
    [hash, userId],
  );
  if (countRows(updated) === 0) {
    await tx.query(
      `INSERT INTO "account" (id, "accountId", "providerId", "userId", password, "createdAt", "updatedAt")
       VALUES ($1, $2, 'credential', $2, $3, now(), now())`,
      [randomUUID(), userId, hash],
    );
  }
  return { userId, revokedSessions: await endSessions(tx, userId) };
}

/** Marks the user disabled (no new sessions) and deletes every session they have. (A trigger ends the
 *  sessions of whoever gets disabled, however; doing it first here counts them.) */
export async function disableUser(tx: EntityManager, email: string): Promise<{ userId: string; revokedSessions: number }> {
  const userId = await userIdByEmail(tx, email);
  const revokedSessions = await endSessions(tx, userId);
  await tx.query(`UPDATE "user" SET "disabledAt" = now(), "updatedAt" = now() WHERE id = $1`, [userId]);
  return { userId, revokedSessions };
}

/**
 * Grants or revokes platform operator rights, with its audit entry. The user row's change
 * notification makes every server re-read the user's sessions, so it takes effect at once.
 */
export async function setOperator(tx: EntityManager, email: string, isOperator: boolean): Promise<{ userId: string; email: string }> {
  const userId = await userIdByEmail(tx, email);
  const normalized = normalizeEmail(email);
  const changed: unknown[] = await tx.query(
    `UPDATE "user" SET "isOperator" = $2, "updatedAt" = now() WHERE id = $1 AND "isOperator" IS DISTINCT FROM $2 RETURNING id`,
    [userId, isOperator],
  );
  if (countRows(changed) > 0) {
    await writeAudit(tx, { actor: null, tenantId: null, action: isOperator ? 'operator.granted' : 'operator.revoked', details: { userId, email: normalized } });
  }
  return { userId, email: normalized };
}

/** Deletes the user's sessions; every server hears of it through the session table's trigger. */
async function endSessions(tx: EntityManager, userId: string): Promise<number> {
  const deleted: unknown[] = await tx.query(`DELETE FROM "session" WHERE "userId" = $1 RETURNING id`, [userId]);
  return countRows(deleted);
}

export async function userIdByEmail(tx: EntityManager, email: string): Promise<string> {
  const rows: Array<{ id: string }> = await tx.query('SELECT id FROM "user" WHERE email = $1', [normalizeEmail(email)]);
  if (!rows.length) throw new UserAdminError(`No user with email ${normalizeEmail(email)}`);
  return rows[0].id;
}

function normalizeEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw new UserAdminError(`"${email}" is not a valid email address`);
  return trimmed;
}

function assertPassword({ minLength, maxLength }: Passwords, password: string): void {
  if (password.length < minLength) throw new UserAdminError(`Password must be at least ${minLength} characters`);
  if (password.length > maxLength) throw new UserAdminError(`Password must be at most ${maxLength} characters`);
}

/** TypeORM's postgres driver returns [rows, count] for UPDATE/DELETE ... RETURNING. */
function countRows(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}
