import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Auth } from './better-auth';

// Account administration outside HTTP (admin CLI, demo seed). Writes the same rows Better Auth's
// sign-up writes, hashing with Better Auth's own password hasher, so signing in works unchanged.

export class UserAdminError extends Error {}

export interface NewUser {
  email: string;
  password: string;
  name?: string;
}

export async function createUser(auth: Auth, tx: EntityManager, user: NewUser): Promise<{ userId: string; email: string }> {
  const email = normalizeEmail(user.email);
  await assertPassword(auth, user.password);
  const existing = await tx.query('SELECT id FROM "user" WHERE email = $1', [email]);
  if (existing.length) throw new UserAdminError(`A user with email ${email} already exists`);
  const userId = randomUUID();
  const hash = await (await auth.$context).password.hash(user.password);
  await tx.query(
    `INSERT INTO "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") VALUES ($1, $2, $3, false, now(), now())`,
    [userId, user.name ?? email.split('@')[0], email],
  );
  await tx.query(
    `INSERT INTO "account" (id, "accountId", "providerId", "userId", password, "createdAt", "updatedAt")
     VALUES ($1, $2, 'credential', $2, $3, now(), now())`,
    [randomUUID(), userId, hash],
  );
  return { userId, email };
}

export async function setPassword(auth: Auth, tx: EntityManager, email: string, password: string): Promise<{ userId: string }> {
  await assertPassword(auth, password);
  const userId = await userIdByEmail(tx, email);
  const hash = await (await auth.$context).password.hash(password);
  const updated = await tx.query(
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
  return { userId };
}

/** Marks the user disabled (no new sessions) and deletes every session they have. */
export async function disableUser(tx: EntityManager, email: string): Promise<{ userId: string; revokedSessions: number }> {
  const userId = await userIdByEmail(tx, email);
  await tx.query(`UPDATE "user" SET "disabledAt" = now(), "updatedAt" = now() WHERE id = $1`, [userId]);
  const deleted: unknown[] = await tx.query(`DELETE FROM "session" WHERE "userId" = $1 RETURNING id`, [userId]);
  return { userId, revokedSessions: countRows(deleted) };
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

async function assertPassword(auth: Auth, password: string): Promise<void> {
  const { password: rules } = await auth.$context;
  if (password.length < rules.config.minPasswordLength) {
    throw new UserAdminError(`Password must be at least ${rules.config.minPasswordLength} characters`);
  }
  if (password.length > rules.config.maxPasswordLength) {
    throw new UserAdminError(`Password must be at most ${rules.config.maxPasswordLength} characters`);
  }
}

/** TypeORM's postgres driver returns [rows, count] for UPDATE/DELETE ... RETURNING. */
function countRows(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}
