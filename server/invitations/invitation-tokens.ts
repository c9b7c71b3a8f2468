import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

// Invitation tokens: 32 random bytes in the link, only their SHA-256 in the database, so a copy of
// the table opens no workspace.

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token; null for anything that cannot be one of ours. */
export function invitationTokenHash(token: unknown): string | null {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The address a token invites, while it can still be accepted (not used, revoked or expired), else
 * null. For Better Auth's sign-up hook, which runs before its transaction, on its own pool.
 */
export async function pendingInvitationEmail(pool: Pool, token: unknown): Promise<string | null> {
  const hash = invitationTokenHash(token);
  if (!hash) return null;
  const { rows } = await pool.query<{ email: string }>(
    `SELECT "email" FROM "invitation" WHERE "tokenHash" = $1 AND "acceptedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > $2`,
    [hash, new Date()],
  );
  return rows[0]?.email ?? null;
}
