import type { MigrationInterface, QueryRunner } from 'typeorm';

// Self-service workspaces:
// - tenant."createdVia": tenants made with the admin CLI (every existing one) may fall back to the
//   server's own Odoo connection; workspaces created through the API never do.
// - tenant."odooSetVia": who saved the current connection. One saved through the API is held to the
//   outgoing address rules (no private or loopback hosts in production) each time it connects.
// - user."isOperator": platform operators (the console). A change to it is announced like any user
//   change, so revoking it takes effect on the next request.
// - invitation: pending and past invitations; only a hash of each token is kept.
// - audit_log: who changed what, written in the transaction of the change.
// - tenant_activity: the last dashboard request and Odoo version per tenant, written from memory at
//   most once a minute.
export class Workspaces1733400000000 implements MigrationInterface {
  name = 'Workspaces1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenant" ADD COLUMN "createdVia" text NOT NULL DEFAULT 'cli' CHECK ("createdVia" IN ('cli', 'api'))`);
    await q.query(`ALTER TABLE "tenant" ADD COLUMN "odooSetVia" text CHECK ("odooSetVia" IN ('cli', 'api'))`);
    await q.query(`ALTER TABLE "user" ADD COLUMN "isOperator" boolean NOT NULL DEFAULT false`);

    await q.query(`CREATE TABLE "invitation" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "tenantId" uuid NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
      "email" text NOT NULL,
      "role" text NOT NULL CHECK ("role" IN ('owner', 'admin', 'member')),
      "tokenHash" text NOT NULL UNIQUE,
      "invitedBy" text REFERENCES "user" ("id") ON DELETE SET NULL,
      "createdAt" timestamptz NOT NULL DEFAULT now(),
      "expiresAt" timestamptz NOT NULL,
      "acceptedAt" timestamptz,
      "acceptedBy" text REFERENCES "user" ("id") ON DELETE SET NULL,
      "revokedAt" timestamptz
    )`);
    // One pending invitation per address and workspace: inviting again replaces it.
    await q.query(`CREATE UNIQUE INDEX "invitation_one_pending" ON "invitation" ("tenantId", "email") WHERE "acceptedAt" IS NULL AND "revokedAt" IS NULL`);

    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "actorUserId" text REFERENCES "user" ("id") ON DELETE SET NULL,
      "actorEmail" text,
      "tenantId" uuid REFERENCES "tenant" ("id") ON DELETE SET NULL,
      "action" text NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX "audit_log_tenant_idx" ON "audit_log" ("tenantId", "id" DESC)`);

    await q.query(`CREATE TABLE "tenant_activity" (
      "tenantId" uuid NOT NULL PRIMARY KEY REFERENCES "tenant" ("id") ON DELETE CASCADE,
      "lastRequestAt" timestamptz,
      "odooVersion" text,
      "updatedAt" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tenant_activity"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP TABLE "invitation"`);
    await q.query(`ALTER TABLE "user" DROP COLUMN "isOperator"`);
    await q.query(`ALTER TABLE "tenant" DROP COLUMN "odooSetVia"`);
    await q.query(`ALTER TABLE "tenant" DROP COLUMN "createdVia"`);
  }
}
