import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionsWorkflows1764158400000 implements MigrationInterface {
  name = 'ConnectionsWorkflows1764158400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        provider text NOT NULL,
        base_url text NOT NULL,
        auth_scheme text NOT NULL CHECK (auth_scheme IN ('BEARER', 'BASIC', 'HEADER')),
        header_name text,
        secret_id uuid REFERENCES secrets (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX connections_secret_id ON connections (secret_id)`);
    await queryRunner.query(`
      CREATE TABLE workflows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE workflow_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text NOT NULL,
        method text NOT NULL,
        url text NOT NULL,
        headers jsonb NOT NULL DEFAULT '[]',
        body text,
        secret_names text[] NOT NULL DEFAULT '{}',
        UNIQUE (workflow_id, position)
      )`);
    // Dependents of a webhook secret: the steps whose headers reference its name.
    await queryRunner.query(
      `CREATE INDEX workflow_steps_secret_names ON workflow_steps USING gin (secret_names)`,
    );
    await queryRunner.query(`
      CREATE TABLE workflow_runs (
        id uuid PRIMARY KEY,
        workflow_id uuid REFERENCES workflows (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow_id, started_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE step_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,
        position integer NOT NULL,
        step_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
        http_status integer,
        error_code text,
        message text,
        response_body text,
        duration_ms integer NOT NULL,
        UNIQUE (run_id, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE step_runs`);
    await queryRunner.query(`DROP TABLE workflow_runs`);
    await queryRunner.query(`DROP TABLE workflow_steps`);
    await queryRunner.query(`DROP TABLE workflows`);
    await queryRunner.query(`DROP TABLE connections`);
  }
}
