import { createContext, useContext, type ReactNode } from 'react';

export interface SignedInUser {
  id: string;
  email: string;
  role: 'ADMIN' | 'VIEWER';
}

const SessionContext = createContext<SignedInUser | null>(null);

export function SessionProvider({ user, children }: { user: SignedInUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

/** The signed-in user; pages render only inside a session. */
export function useSession(): SignedInUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSession outside a session');
  return user;
}

/** A VIEWER sees everything read-only: no add, edit, revoke, delete or run controls. */
export const useCanEdit = (): boolean => useSession().role === 'ADMIN';
