import { Initial1764151200000 } from './1764151200000-initial';
import { ConnectionsWorkflows1764158400000 } from './1764158400000-connections-workflows';
import { Notifications1764165600000 } from './1764165600000-notifications';
import { SessionLastSeen1764230000000 } from './1764230000000-session-last-seen';
import { RunProgress1764240000000 } from './1764240000000-run-progress';
import { PerfIndexes1764250000000 } from './1764250000000-perf-indexes';
import { MillisecondExpiry1764260000000 } from './1764260000000-millisecond-expiry';
import { LoginAttempts1764270000000 } from './1764270000000-login-attempts';
import { UserCredentialsChanged1764280000000 } from './1764280000000-user-credentials-changed';
import { ExpiryWarned1764281300000 } from './1764281300000-expiry-warned';
import { SecretVersions1764290000000 } from './1764290000000-secret-versions';
import { NotificationChannels1764300000000 } from './1764300000000-notification-channels';

export const migrations = [
  Initial1764151200000,
  ConnectionsWorkflows1764158400000,
  Notifications1764165600000,
  SessionLastSeen1764230000000,
  RunProgress1764240000000,
  PerfIndexes1764250000000,
  MillisecondExpiry1764260000000,
  LoginAttempts1764270000000,
  UserCredentialsChanged1764280000000,
  ExpiryWarned1764281300000,
  SecretVersions1764290000000,
  NotificationChannels1764300000000,
];
