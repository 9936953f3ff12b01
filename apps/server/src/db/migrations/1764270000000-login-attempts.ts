import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed log-in attempts, counted in the database so that every replica sees one count.
 * The table rate-limiter-flexible's RateLimiterPostgres reads and writes, in its own schema
 * (its CREATE TABLE): made here so that the server never creates tables at runtime.
 * `expire` is in milliseconds since the epoch.
 */
export class LoginAttempts1764270000000 implements MigrationInterface {
  name = 'LoginAttempts1764270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_attempts (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_attempts`);
  }
}
