import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: channels that carry expiry reminders beyond the admin app, and their outbox.
 * A delivery row per (notification, channel) is written in the transaction that raises the
 * notification; the unique index makes that once. `lease_until` and `lease_token` are the
 * claim of the server sending it: another server takes it only after the lease ran out.
 * A test send has no notification.
 */
export class NotificationChannels1764300000000 implements MigrationInterface {
  name = 'NotificationChannels1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification_channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('EMAIL', 'SLACK', 'WEBHOOK')),
        email_to text[] NOT NULL DEFAULT '{}',
        url text,
        secret_id uuid REFERENCES secrets (id) ON DELETE SET NULL,
        kind text CHECK (kind IN ('INTEGRATION', 'WEBHOOK')),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_channels_secret ON notification_channels (secret_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
        notification_id uuid REFERENCES notifications (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        lease_token uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX notification_deliveries_once ON notification_deliveries (notification_id, channel_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, created_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification_deliveries`);
    await queryRunner.query(`DROP TABLE notification_channels`);
  }
}
