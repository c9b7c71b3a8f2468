import type { MigrationInterface, QueryRunner } from 'typeorm';

// Recording a connection check ("odooLastCheck", from the API or `odoo:check`) changes no setting:
// it neither moves "updatedAt" (the version cached company views are keyed by) nor announces a
// change, so a check leaves every member's cached dashboard and the Odoo client's login in place.
const ONLY_LAST_CHECK = `TG_TABLE_NAME = 'tenant' AND TG_OP = 'UPDATE'
  AND (to_jsonb(NEW) - 'odooLastCheck' - 'updatedAt') = (to_jsonb(OLD) - 'odooLastCheck' - 'updatedAt')`;

const notify = (skip: string) => `CREATE OR REPLACE FUNCTION company_view_notify_change() RETURNS trigger AS $$
  DECLARE
    row_data jsonb;
  BEGIN
    ${skip}
    IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
    PERFORM pg_notify('company_view_changes', json_build_object(
      'table', TG_TABLE_NAME,
      'tenantId', CASE WHEN TG_TABLE_NAME = 'tenant' THEN row_data->>'id' ELSE row_data->>'tenantId' END,
      'userId', row_data->>'userId'
    )::text);
    RETURN NULL;
  END;
$$ LANGUAGE plpgsql`;

const touch = (skip: string) => `CREATE OR REPLACE FUNCTION company_view_touch_tenant() RETURNS trigger AS $$
  BEGIN
    ${skip}
    NEW."updatedAt" := clock_timestamp();
    RETURN NEW;
  END;
$$ LANGUAGE plpgsql`;

export class LastCheckIsNotASetting1733500000000 implements MigrationInterface {
  name = 'LastCheckIsNotASetting1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(notify(`IF ${ONLY_LAST_CHECK} THEN RETURN NULL; END IF;`));
    await q.query(touch(`IF ${ONLY_LAST_CHECK} THEN NEW."updatedAt" := OLD."updatedAt"; RETURN NEW; END IF;`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(notify(''));
    await q.query(touch(''));
  }
}
