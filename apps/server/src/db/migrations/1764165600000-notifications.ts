import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764165600000 implements MigrationInterface {
  name = 'Notifications1764165600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // secret_id has no foreign key: a notification outlives its secret and keeps its id.
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        secret_id uuid NOT NULL,
        secret_name text NOT NULL,
        secret_kind text NOT NULL,
        expires_at timestamptz NOT NULL,
        threshold_days integer NOT NULL,
        days_left integer NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // E3: the constraint that decides which replica raises a notification.
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_once ON notifications (secret_id, expires_at, threshold_days)`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_created ON notifications (created_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        reader_id text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, reader_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification_reads`);
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
