import { Role } from './role';

/** Who is calling: a signed-in user or an API token. */
export interface Principal {
  type: 'USER' | 'API_TOKEN';
  /** The user's id, or the token's. */
  id: string;
  /** The user behind the call: the user, or the token's creator. */
  userId: string | null;
  /** What the audit log shows: the user's email or the token's name. */
  name: string;
  role: Role;
  /** The login session's id, for logout. */
  sessionId?: string;
}

/** Work the server does on its own (bootstrap, scheduled checks). */
export const SYSTEM: Principal = {
  type: 'USER',
  id: 'system',
  userId: null,
  name: 'system',
  role: Role.ADMIN,
};
