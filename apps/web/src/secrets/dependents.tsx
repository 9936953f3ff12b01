import { CombinedGraphQLErrors } from '@apollo/client';
import { Link, List, ListItem, ListItemText } from '@mui/material';
import { Link as RouterLink } from 'react-router';

/**
 * A connection, workflow or notification channel that uses a secret, as SECRET_IN_USE lists
 * it (DESIGN.md S6).
 */
export interface Dependent {
  type: 'CONNECTION' | 'WORKFLOW' | 'NOTIFICATION_CHANNEL';
  id: string;
  name: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function toDependent(value: unknown): Dependent | null {
  if (!isRecord(value)) return null;
  const { type, id, name } = value;
  if (
    (type !== 'CONNECTION' && type !== 'WORKFLOW' && type !== 'NOTIFICATION_CHANNEL') ||
    typeof id !== 'string'
  )
    return null;
  return { type, id, name: typeof name === 'string' ? name : id };
}

/** The dependents of a SECRET_IN_USE refusal, or null for any other error. */
export function inUseDependents(error: unknown): Dependent[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const inUse = error.errors.find((item) => item.extensions?.code === 'SECRET_IN_USE');
  if (!inUse) return null;
  const listed = inUse.extensions?.dependents;
  return (Array.isArray(listed) ? listed : [])
    .map(toDependent)
    .filter((item): item is Dependent => item !== null);
}

/** Where a person goes to move a dependent onto another secret. */
export const dependentPath = (dependent: Pick<Dependent, 'type' | 'id'>): string => {
  switch (dependent.type) {
    case 'WORKFLOW':
      return `/settings/integrations/workflows/${encodeURIComponent(dependent.id)}`;
    case 'NOTIFICATION_CHANNEL':
      return '/settings/notifications';
    case 'CONNECTION':
      return '/settings/integrations/connections';
  }
};

const DEPENDENT_LABEL: Record<Dependent['type'], string> = {
  CONNECTION: 'Connection',
  WORKFLOW: 'Workflow',
  NOTIFICATION_CHANNEL: 'Notification channel',
};

export function DependentList({
  dependents,
  label,
}: {
  dependents: readonly Dependent[];
  label: string;
}) {
  return (
    <List dense aria-label={label} disablePadding>
      {dependents.map((dependent) => (
        <ListItem key={`${dependent.type}:${dependent.id}`} disableGutters>
          <ListItemText
            primary={
              <Link component={RouterLink} to={dependentPath(dependent)}>
                {dependent.name}
              </Link>
            }
            secondary={DEPENDENT_LABEL[dependent.type]}
          />
        </ListItem>
      ))}
    </List>
  );
}
