import { Initial1764151200000 } from './1764151200000-initial';
import { ConnectionsWorkflows1764158400000 } from './1764158400000-connections-workflows';
import { Notifications1764165600000 } from './1764165600000-notifications';

export const migrations = [
  Initial1764151200000,
  ConnectionsWorkflows1764158400000,
  Notifications1764165600000,
];
