import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionLastSeen1764230000000 implements MigrationInterface {
  name = 'SessionLastSeen1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The idle lifetime counts from here; sessions open during the upgrade start counting now.
    await queryRunner.query(
      `ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sessions DROP COLUMN last_seen_at`);
  }
}
