import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The server has no way to change a user's role or delete a user: an operator does it in
 * SQL. So the table itself tells every replica (on commit, like the server's own NOTIFYs on
 * `credential_revoked`), which drop that user's cached credentials and close their
 * WebSockets: a demotion takes effect within 100 ms, as a revocation does. The email is the
 * name in the audit log, so it counts too.
 */
export class UserCredentialsChanged1764280000000 implements MigrationInterface {
  name = 'UserCredentialsChanged1764280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION user_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.role IS DISTINCT FROM OLD.role
            OR NEW.email IS DISTINCT FROM OLD.email THEN
          PERFORM pg_notify('credential_revoked', OLD.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER user_credentials_changed AFTER UPDATE OF role, email OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION user_credentials_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER user_credentials_changed ON users`);
    await queryRunner.query(`DROP FUNCTION user_credentials_changed()`);
  }
}
