import { Initial1764151200000 } from './1764151200000-initial';

export const migrations = [Initial1764151200000];
