import type { MigrationInterface, QueryRunner } from 'typeorm';

// "updatedAt" moves on every change to a tenant row, also one made with plain SQL. Cached company
// views are keyed by it, so a change to a tenant's settings leaves every cached view of it (on
// every instance, in Redis too) unreachable at once.
export class TenantUpdatedAtOnEveryChange1733100000000 implements MigrationInterface {
  name = 'TenantUpdatedAtOnEveryChange1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION company_view_touch_tenant() RETURNS trigger AS $$
      BEGIN
        NEW."updatedAt" := clock_timestamp();
        RETURN NEW;
      END;
    $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER "tenant_touched" BEFORE UPDATE ON "tenant" FOR EACH ROW EXECUTE FUNCTION company_view_touch_tenant()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tenant_touched" ON "tenant"`);
    await q.query(`DROP FUNCTION company_view_touch_tenant()`);
  }
}
