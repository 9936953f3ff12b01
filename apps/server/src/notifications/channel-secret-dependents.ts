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
  return {
    type: 'NOTIFICATION_CHANNEL',
    dependents: {
      select: `SELECT ${rows.select} FROM notification_channels channel
        WHERE channel.secret_id IN (SELECT id FROM secret)`,
      orderBy: '"channel.name", "channel.id"',
      from(row) {
        const channel = rows.from(row);
        return channel && { secretId: row['channel.secret_id'] as string, dependent: channel };
      },
    },
  };
}
