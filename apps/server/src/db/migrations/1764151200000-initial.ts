import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764151200000 implements MigrationInterface {
  name = 'Initial1764151200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'VIEWER')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user_id ON sessions (user_id)`);
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'VIEWER')),
        token_hash bytea NOT NULL UNIQUE,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        target_name text,
        details text
      )`);
    await queryRunner.query(`CREATE INDEX audit_events_target_id ON audit_events (target_id, id)`);
    await queryRunner.query(`CREATE INDEX audit_events_action ON audit_events (action, id)`);
    await queryRunner.query(`
      CREATE TABLE secrets (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('INTEGRATION', 'WEBHOOK')),
        name text NOT NULL,
        description text,
        encrypted_value bytea NOT NULL,
        encrypted_data_key bytea NOT NULL,
        master_key_id text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        value_updated_at timestamptz NOT NULL,
        value_version integer NOT NULL CHECK (value_version >= 1),
        last_used_at timestamptz,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        allowed_hosts text[] NOT NULL DEFAULT '{}'
      )`);
    // S1: names are unique per kind, case-insensitively.
    await queryRunner.query(`CREATE UNIQUE INDEX secrets_kind_name ON secrets (kind, lower(name))`);
    // S7: pages in (name, id) order, with or without a kind filter.
    await queryRunner.query(`CREATE INDEX secrets_name_id ON secrets (lower(name), id)`);
    await queryRunner.query(
      `CREATE INDEX secrets_expires_at ON secrets (expires_at) WHERE revoked_at IS NULL AND expires_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE secrets`);
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP TABLE api_tokens`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
