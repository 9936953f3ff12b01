import type { DataSource } from 'typeorm';
import { EntityRows } from '../db/sql';
import type { SecretDependents } from '../secrets/secret-dependents';
import { NotificationChannel } from './notification-channel.entity';

/**
 * N5: the channels that post to (SLACK) or sign with (WEBHOOK) each secret, so deleting it
 * is SECRET_IN_USE unless forced.
 */
export function channelSecretDependents(dataSource: DataSource): SecretDependents {
  const rows = new EntityRows(dataSource, NotificationChannel, 'channel');
  const select = `SELECT ${rows.select} FROM notification_channels channel
    WHERE channel.secret_id = ANY($1::uuid[]) ORDER BY channel.name, channel.id`;
  return {
    type: 'NOTIFICATION_CHANNEL',
    async dependentsOf(secrets, sql) {
      const found = await sql(select, [secrets.map((secret) => secret.id)]);
      const channels = found.flatMap((row) => rows.from(row) ?? []);
      return secrets.map((secret) => channels.filter((channel) => channel.secretId === secret.id));
    },
  };
}
