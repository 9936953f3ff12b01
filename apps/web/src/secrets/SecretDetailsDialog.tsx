import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import type { WebSecretDetailsQuery } from '@secrets/schema/generated/graphql';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../common/errors';
import { DependentList, type Dependent } from './dependents';
import { EditSecretForm } from './EditSecretForm';
import { DateText, KIND_LABEL, StatusChip } from './format';
import { SecretDetailsDocument } from './graphql';
import { ReferencePreview } from './SecretFormFields';
import { SecretVersions } from './SecretVersions';

const HISTORY_PAGE = 20;

type Details = NonNullable<WebSecretDetailsQuery['secret']>;
type HistoryEvent = WebSecretDetailsQuery['auditEvents']['nodes'][number];

interface Props {
  id: string;
  canEdit: boolean;
  /** Open straight into Edit Secret, at this field ("Extend expiration date"). */
  editAt?: 'name' | 'expiresAt' | null;
  onClose: () => void;
}

const ACTION_LABEL: Record<string, string> = {
  SECRET_CREATED: 'Created',
  SECRET_UPDATED: 'Updated',
  SECRET_VALUE_REPLACED: 'Value replaced',
  SECRET_ROLLED_BACK: 'Rolled back',
  SECRET_REVOKED: 'Revoked',
  SECRET_DELETED: 'Deleted',
  SECRET_USED: 'Used',
};

const actionLabel = (action: string): string =>
  ACTION_LABEL[action] ?? action.charAt(0) + action.slice(1).toLowerCase().replace(/_/g, ' ');

function dependentsOf(secret: Details): Dependent[] {
  return secret.dependents.map((item) => {
    switch (item.__typename) {
      case 'Workflow':
        return { type: 'WORKFLOW', id: item.id, name: item.name };
      case 'NotificationChannel':
        return { type: 'NOTIFICATION_CHANNEL', id: item.id, name: item.name };
      case 'Connection':
        return { type: 'CONNECTION', id: item.id, name: `${item.name} (${item.provider})` };
    }
  });
}

/** The details modal: metadata, reference, dependents and history; Edit Secret in place. */
export function SecretDetailsDialog({ id, canEdit, editAt = null, onClose }: Props) {
  const [editing, setEditing] = useState<'name' | 'expiresAt' | null>(editAt);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, loading, error, fetchMore, refetch } = useQuery(SecretDetailsDocument, {
    variables: { id, historyFirst: HISTORY_PAGE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const secret = data?.secret;
  const editable = canEdit && secret && secret.status !== 'REVOKED';

  async function moreHistory(after: string) {
    await fetchMore({
      variables: { historyAfter: after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...previous,
        auditEvents: {
          ...fetchMoreResult.auditEvents,
          nodes: [...previous.auditEvents.nodes, ...fetchMoreResult.auditEvents.nodes],
        },
      }),
    }).catch(() => undefined);
  }

  const title = secret?.name ?? (loading ? 'Secret' : 'Secret not found');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="secret-details-title">
      <DialogTitle id="secret-details-title" sx={{ wordBreak: 'break-all' }}>
        {title}
      </DialogTitle>
      {!secret ? (
        <>
          <DialogContent>
            {loading ? (
              <Box sx={{ display: 'grid', placeItems: 'center', p: 4 }}>
                <CircularProgress aria-label="Loading secret" />
              </Box>
            ) : (
              <Alert severity={error ? 'error' : 'info'}>
                {error ? errorMessage(error) : 'This secret no longer exists: it was deleted.'}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </>
      ) : editing && editable ? (
        <EditSecretForm
          secret={secret}
          focus={editing}
          onReload={async () => (await refetch()).data?.secret ?? null}
          onCancel={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      ) : (
        <>
          <DialogContent dividers>
            {notice && (
              <Alert severity="success" sx={{ mb: 2 }}>
                {notice}
              </Alert>
            )}
            {secret.status === 'REVOKED' && (
              <Alert severity="info" sx={{ mb: 2 }}>
                This secret is revoked: it can no longer be used or edited.
              </Alert>
            )}
            {secret.status === 'EXPIRED' && (
              <Alert severity="error" sx={{ mb: 2 }}>
                This secret has expired and can no longer be used. Create a new secret and update
                what uses it, or extend the expiration date.
              </Alert>
            )}
            {secret.status === 'EXPIRING' && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                This secret expires soon. Create a new secret and update what uses it, or extend the
                expiration date.
              </Alert>
            )}
            <Metadata secret={secret} />
            {secret.reference && (
              <Section title="Reference">
                <ReferencePreview name={secret.name} />
              </Section>
            )}
            <Section title="Versions">
              <SecretVersions
                secret={secret}
                canRollBack={Boolean(editable)}
                onRolledBack={setNotice}
              />
            </Section>
            <Section title="Used by">
              {secret.dependents.length === 0 ? (
                <Typography color="text.secondary">Nothing uses this secret.</Typography>
              ) : (
                <DependentList dependents={dependentsOf(secret)} label="Used by" />
              )}
            </Section>
            <Section title="History">
              <History
                events={data.auditEvents.nodes}
                more={
                  data.auditEvents.pageInfo.hasNextPage && data.auditEvents.pageInfo.endCursor
                    ? () => moreHistory(data.auditEvents.pageInfo.endCursor ?? '')
                    : null
                }
              />
            </Section>
          </DialogContent>
          <DialogActions>
            {editable && (
              <Button variant="contained" onClick={() => setEditing('name')} sx={{ mr: 'auto' }}>
                Edit Secret
              </Button>
            )}
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Metadata({ secret }: { secret: Details }) {
  const rows: [string, ReactNode][] = [
    ['Kind', KIND_LABEL[secret.kind]],
    ['Name', secret.name],
    ['Description', secret.description ?? '—'],
    ['Status', <StatusChip key="status" status={secret.status} />],
    ['Expiration date', <DateText key="expires" value={secret.expiresAt} empty="Never" withTime />],
    ['Allowed hosts', secret.allowedHosts.length > 0 ? secret.allowedHosts.join(', ') : 'Any host'],
    ['Revoked', <DateText key="revoked" value={secret.revokedAt} empty="No" withTime />],
    ['Created', <DateText key="created" value={secret.createdAt} withTime />],
    ['Created by', secret.createdBy?.email ?? '—'],
    ['Updated', <DateText key="updated" value={secret.updatedAt} withTime />],
    ['Value updated', <DateText key="value" value={secret.valueUpdatedAt} withTime />],
    ['Value version', secret.valueVersion],
    ['Last used', <DateText key="used" value={secret.lastUsedAt} empty="Never" withTime />],
  ];
  return (
    <Box
      component="dl"
      aria-label="Details"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 3,
        rowGap: 1,
        m: 0,
        alignItems: 'center',
      }}
    >
      {rows.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary">
            {term}
          </Typography>
          <Typography component="dd" sx={{ m: 0, wordBreak: 'break-word' }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function History({ events, more }: { events: HistoryEvent[]; more: (() => void) | null }) {
  if (events.length === 0)
    return <Typography color="text.secondary">No recorded events.</Typography>;
  return (
    <>
      <List dense aria-label="History" disablePadding>
        {events.map((event) => (
          <ListItem key={event.id} disableGutters divider>
            <ListItemText
              primary={
                <>
                  <strong>{actionLabel(event.action)}</strong> by {event.actor}
                  {event.details ? ` — ${event.details}` : ''}
                </>
              }
              secondary={<DateText value={event.at} withTime />}
            />
          </ListItem>
        ))}
      </List>
      {more && (
        <Button size="small" onClick={more} sx={{ mt: 1 }}>
          Show older events
        </Button>
      )}
    </>
  );
}
