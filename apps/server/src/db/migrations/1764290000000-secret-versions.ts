import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Value history (issue 14). Every stored value becomes a row of secret_versions, and the
 * ciphertext moves there: the secrets row keeps `value_version`, the number of the current
 * one, so that a use, a rewrap and a rollback all read one copy of each value.
 *
 * Each secret's value becomes its first kept version, numbered as before (`value_version`,
 * 1 unless the value was replaced before versions were kept), so that valueVersion never
 * goes back and the audit log's "value version N" keeps naming it; nothing is re-encrypted.
 * Those values were sealed with the secret's id and kind alone as associated data:
 * `binds_version` is false for them, true for every value stored from now on.
 */
export class SecretVersions1764290000000 implements MigrationInterface {
  name = 'SecretVersions1764290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE secret_versions (
        secret_id uuid NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        encrypted_value bytea NOT NULL,
        encrypted_data_key bytea NOT NULL,
        master_key_id text NOT NULL,
        binds_version boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        restored_from integer,
        last_used_at timestamptz,
        PRIMARY KEY (secret_id, version)
      )`);
    // Who stored a replaced value is known only from the audit log: left unknown.
    await queryRunner.query(`
      INSERT INTO secret_versions (secret_id, version, encrypted_value, encrypted_data_key,
                                   master_key_id, binds_version, created_at, created_by_id,
                                   last_used_at)
      SELECT id, value_version, encrypted_value, encrypted_data_key, master_key_id, false,
             value_updated_at, CASE WHEN value_version = 1 THEN created_by_id END, last_used_at
      FROM secrets`);
    await queryRunner.query(`
      ALTER TABLE secrets
        DROP COLUMN encrypted_value,
        DROP COLUMN encrypted_data_key,
        DROP COLUMN master_key_id`);
    await queryRunner.query(
      `ALTER TABLE step_runs ADD COLUMN secrets_used jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  /**
   * Back to one value per secret, the current one. The previous release opens only values
   * sealed without their version number: if any secret's current value was stored since,
   * this refuses, and changes nothing, rather than leave values that would not open.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    // The runner's own manager: its query is typed, and runs in the migration's transaction.
    const [bound] = await queryRunner.manager.query<{ count: number }[]>(`
      SELECT count(*)::int AS count FROM secrets s
      JOIN secret_versions v ON v.secret_id = s.id AND v.version = s.value_version
      WHERE v.binds_version`);
    const count = bound?.count ?? 0;
    if (count > 0)
      throw new Error(
        `${count} secrets have a current value stored since versions were kept, which the previous release cannot open; not reverted.`,
      );
    await queryRunner.query(`ALTER TABLE step_runs DROP COLUMN secrets_used`);
    await queryRunner.query(`
      ALTER TABLE secrets
        ADD COLUMN encrypted_value bytea,
        ADD COLUMN encrypted_data_key bytea,
        ADD COLUMN master_key_id text`);
    await queryRunner.query(`
      UPDATE secrets s
      SET encrypted_value = v.encrypted_value, encrypted_data_key = v.encrypted_data_key,
          master_key_id = v.master_key_id
      FROM secret_versions v WHERE v.secret_id = s.id AND v.version = s.value_version`);
    await queryRunner.query(`
      ALTER TABLE secrets
        ALTER COLUMN encrypted_value SET NOT NULL,
        ALTER COLUMN encrypted_data_key SET NOT NULL,
        ALTER COLUMN master_key_id SET NOT NULL`);
    await queryRunner.query(`DROP TABLE secret_versions`);
  }
}
