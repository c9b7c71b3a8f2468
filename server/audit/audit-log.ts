import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../contracts/workspaces';

/** Who did it: a signed-in user, or null for the admin CLI. */
export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditEntry {
  actor: AuditActor | null;
  tenantId: string | null;
  action: AuditAction;
  details?: Record<string, unknown>;
}

/** Keys never written, whatever a caller passes: the log is read by admins and operators. */
const SECRET_KEY = /^(secret|password|token|api.?key|odooSecret)$/i;

/**
 * Files one entry in the caller's transaction, so the change and its entry are committed together
 * or not at all (the HTTP routes and the admin CLI both write through here).
 */
export async function writeAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  await tx.query(`INSERT INTO "audit_log" ("actorUserId", "actorEmail", "tenantId", "action", "details") VALUES ($1, $2, $3, $4, $5)`, [
    entry.actor?.id ?? null,
    entry.actor?.email ?? null,
    entry.tenantId,
    entry.action,
    JSON.stringify(withoutSecrets(entry.details ?? {})),
  ]);
}

function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_KEY.test(key)));
}
