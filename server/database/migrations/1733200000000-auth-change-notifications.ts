import type { MigrationInterface, QueryRunner } from 'typeorm';

// Sessions and users change outside the process that caches them: another instance signs a
// session out, the admin CLI disables a user, someone edits a row by hand. These triggers announce
// every such change on the company_view_auth_changes channel (ids and the transaction's id, never a
// token), so every server can stop trusting what it cached about that session or user at once. Disabling a user
// also ends their sessions here, whoever sets "disabledAt".
export class AuthChangeNotifications1733200000000 implements MigrationInterface {
  name = 'AuthChangeNotifications1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION company_view_notify_auth_change() RETURNS trigger AS $$
      DECLARE
        row_data jsonb;
      BEGIN
        IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
        PERFORM pg_notify('company_view_auth_changes', json_build_object(
          'table', TG_TABLE_NAME,
          'op', lower(TG_OP),
          'id', row_data->>'id',
          'userId', CASE WHEN TG_TABLE_NAME = 'user' THEN row_data->>'id' ELSE row_data->>'userId' END,
          'tx', txid_current()::text
        )::text);
        RETURN NULL;
      END;
    $$ LANGUAGE plpgsql`);
    // A new session or user is in nobody's cache yet: only updates and deletions are news.
    await q.query(`CREATE TRIGGER "session_changed" AFTER UPDATE OR DELETE ON "session"
      FOR EACH ROW EXECUTE FUNCTION company_view_notify_auth_change()`);
    await q.query(`CREATE TRIGGER "user_changed" AFTER UPDATE OR DELETE ON "user"
      FOR EACH ROW EXECUTE FUNCTION company_view_notify_auth_change()`);

    await q.query(`CREATE FUNCTION company_view_end_disabled_user_sessions() RETURNS trigger AS $$
      BEGIN
        DELETE FROM "session" WHERE "userId" = NEW.id;
        RETURN NULL;
      END;
    $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER "user_disabled" AFTER UPDATE OF "disabledAt" ON "user"
      FOR EACH ROW WHEN (OLD."disabledAt" IS NULL AND NEW."disabledAt" IS NOT NULL)
      EXECUTE FUNCTION company_view_end_disabled_user_sessions()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "user_disabled" ON "user"`);
    await q.query(`DROP FUNCTION company_view_end_disabled_user_sessions()`);
    await q.query(`DROP TRIGGER "user_changed" ON "user"`);
    await q.query(`DROP TRIGGER "session_changed" ON "session"`);
    await q.query(`DROP FUNCTION company_view_notify_auth_change()`);
  }
}
