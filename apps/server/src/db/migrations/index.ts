import { Initial1764151200000 } from './1764151200000-initial';
import { ConnectionsWorkflows1764158400000 } from './1764158400000-connections-workflows';

export const migrations = [Initial1764151200000, ConnectionsWorkflows1764158400000];
