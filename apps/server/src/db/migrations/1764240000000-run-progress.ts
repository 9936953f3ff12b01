import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RunProgress1764240000000 implements MigrationInterface {
  name = 'RunProgress1764240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A run is recorded as RUNNING when it starts, by the server process (runner) that owns it.
    await queryRunner.query(`ALTER TABLE workflow_runs DROP CONSTRAINT workflow_runs_status_check`);
    await queryRunner.query(`
      ALTER TABLE workflow_runs
        ADD CONSTRAINT workflow_runs_status_check CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
        ADD CONSTRAINT workflow_runs_finished CHECK ((status = 'RUNNING') = (finished_at IS NULL)),
        ADD COLUMN runner_id bigint,
        ADD COLUMN error_code text,
        ADD COLUMN message text`);
    // The interrupted-run sweep reads only the runs still running.
    await queryRunner.query(
      `CREATE INDEX workflow_runs_running ON workflow_runs (runner_id) WHERE status = 'RUNNING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older schema has no RUNNING: a run still open is recorded as failed.
    await queryRunner.query(
      `UPDATE workflow_runs SET status = 'FAILED', finished_at = now() WHERE status = 'RUNNING'`,
    );
    await queryRunner.query(`DROP INDEX workflow_runs_running`);
    await queryRunner.query(`
      ALTER TABLE workflow_runs
        DROP CONSTRAINT workflow_runs_finished,
        DROP CONSTRAINT workflow_runs_status_check,
        DROP COLUMN runner_id,
        DROP COLUMN error_code,
        DROP COLUMN message,
        ADD CONSTRAINT workflow_runs_status_check CHECK (status IN ('SUCCEEDED', 'FAILED'))`);
  }
}
