import type { MigrationInterface, QueryRunner } from 'typeorm';

// Where users open a tenant's Odoo in their browser, when that differs from the address the
// server connects to (a private hostname, an internal port...). Null: the connection URL.
export class TenantOdooPublicUrl1733000000000 implements MigrationInterface {
  name = 'TenantOdooPublicUrl1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenant" ADD COLUMN "odooPublicUrl" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenant" DROP COLUMN "odooPublicUrl"`);
  }
}
