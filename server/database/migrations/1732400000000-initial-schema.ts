import type { MigrationInterface, QueryRunner } from 'typeorm';

// The whole schema: Better Auth's tables (as its own migration compiler emits them for PostgreSQL,
// plus our "disabledAt" user field), tenants, memberships, and the triggers that tell every
// running server (and only through the database) that a tenant or membership changed.
export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user" (
      "id" text NOT NULL PRIMARY KEY,
      "name" text NOT NULL,
      "email" text NOT NULL UNIQUE,
      "emailVerified" boolean NOT NULL,
      "image" text,
      "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
      "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
      "disabledAt" timestamptz
    )`);
    await q.query(`CREATE TABLE "session" (
      "id" text NOT NULL PRIMARY KEY,
      "expiresAt" timestamptz NOT NULL,
      "token" text NOT NULL UNIQUE,
      "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
      "updatedAt" timestamptz NOT NULL,
      "ipAddress" text,
      "userAgent" text,
      "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE "account" (
      "id" text NOT NULL PRIMARY KEY,
      "accountId" text NOT NULL,
      "providerId" text NOT NULL,
      "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
      "accessToken" text,
      "refreshToken" text,
      "idToken" text,
      "accessTokenExpiresAt" timestamptz,
      "refreshTokenExpiresAt" timestamptz,
      "scope" text,
      "password" text,
      "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
      "updatedAt" timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE "verification" (
      "id" text NOT NULL PRIMARY KEY,
      "identifier" text NOT NULL,
      "value" text NOT NULL,
      "expiresAt" timestamptz NOT NULL,
      "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
      "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL
    )`);
    await q.query(`CREATE INDEX "session_userId_idx" ON "session" ("userId")`);
    await q.query(`CREATE INDEX "account_userId_idx" ON "account" ("userId")`);
    await q.query(`CREATE INDEX "verification_identifier_idx" ON "verification" ("identifier")`);

    await q.query(`CREATE TABLE "tenant" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "name" text NOT NULL,
      "isActive" boolean NOT NULL DEFAULT true,
      "timeZone" text NOT NULL DEFAULT 'UTC',
      "lang" text NOT NULL DEFAULT 'en_US',
      "odooUrl" text,
      "odooDatabase" text,
      "odooLogin" text,
      "odooSecret" text,
      "odooTransport" text NOT NULL DEFAULT 'auto' CHECK ("odooTransport" IN ('auto', 'xmlrpc', 'json2')),
      "odooCompanyIds" integer[],
      "odooLastCheck" jsonb,
      "createdAt" timestamptz NOT NULL DEFAULT now(),
      "updatedAt" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "tenantMember" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
      "tenantId" uuid NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
      "isDefault" boolean NOT NULL DEFAULT false,
      "role" text NOT NULL DEFAULT 'member' CHECK ("role" IN ('owner', 'admin', 'member')),
      "createdAt" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "tenantMember_user_tenant_unique" UNIQUE ("userId", "tenantId")
    )`);
    await q.query(`CREATE UNIQUE INDEX "tenantMember_one_default_per_user" ON "tenantMember" ("userId") WHERE "isDefault"`);
    await q.query(`CREATE INDEX "tenantMember_tenantId_idx" ON "tenantMember" ("tenantId")`);

    // Every change to a tenant or a membership, from the app, the admin CLI or hand-written SQL,
    // is announced so in-process caches of every server drop the stale entry at once.
    await q.query(`CREATE FUNCTION company_view_notify_change() RETURNS trigger AS $$
      DECLARE
        row_data jsonb;
      BEGIN
        IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
        PERFORM pg_notify('company_view_changes', json_build_object(
          'table', TG_TABLE_NAME,
          'tenantId', CASE WHEN TG_TABLE_NAME = 'tenant' THEN row_data->>'id' ELSE row_data->>'tenantId' END,
          'userId', row_data->>'userId'
        )::text);
        RETURN NULL;
      END;
    $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER "tenant_changed" AFTER INSERT OR UPDATE OR DELETE ON "tenant"
      FOR EACH ROW EXECUTE FUNCTION company_view_notify_change()`);
    await q.query(`CREATE TRIGGER "tenantMember_changed" AFTER INSERT OR UPDATE OR DELETE ON "tenantMember"
      FOR EACH ROW EXECUTE FUNCTION company_view_notify_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tenantMember"`);
    await q.query(`DROP TABLE "tenant"`);
    await q.query(`DROP FUNCTION company_view_notify_change()`);
    await q.query(`DROP TABLE "verification"`);
    await q.query(`DROP TABLE "account"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TABLE "user"`);
  }
}
