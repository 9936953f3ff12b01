import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expiry dates to the millisecond, as the API and JavaScript's Date carry them. A date with
 * microseconds (written by SQL, not the API) came back from the expiry scan a little
 * earlier than stored, so its notification never matched it and each pass read the same
 * candidates again without end.
 */
export class MillisecondExpiry1764260000000 implements MigrationInterface {
  name = 'MillisecondExpiry1764260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE secrets ALTER COLUMN expires_at TYPE timestamptz(3)`);
    await queryRunner.query(
      `ALTER TABLE notifications ALTER COLUMN expires_at TYPE timestamptz(3)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications ALTER COLUMN expires_at TYPE timestamptz`);
    await queryRunner.query(`ALTER TABLE secrets ALTER COLUMN expires_at TYPE timestamptz`);
  }
}
