import type { DataSource } from 'typeorm';
import { EntityRows } from '../db/sql';
import { secretIdDependents, type SecretDependents } from '../secrets/secret-dependents';
import { NotificationChannel } from './notification-channel.entity';

/**
 * N5: the channels that post to (SLACK) or sign with (WEBHOOK) each secret, so deleting it
 * is SECRET_IN_USE unless forced.
 */
export function channelSecretDependents(dataSource: DataSource): SecretDependents {
  const rows = new EntityRows(dataSource, NotificationChannel, 'channel');
  return {
    type: 'NOTIFICATION_CHANNEL',
    dependents: secretIdDependents(rows, 'notification_channels', 'channel'),
  };
}
