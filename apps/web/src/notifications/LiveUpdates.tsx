import type { TypedDocumentNode } from '@apollo/client';
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { Alert, Button, Snackbar } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ExpiryWarningsDocument, NotificationsDocument, SecretEventsDocument } from './graphql';
import { secretLink } from '@secrets/rules';

interface Warning {
  id: string;
  message: string;
  link: string;
}

/** Pauses before a subscription the server ended with an error is opened again. */
const RESUBSCRIBE_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/**
 * A subscription that outlives the server's refusals. The server ends a subscription with an
 * error when it cannot serve it (SERVICE_UNAVAILABLE while its database is away), and the
 * WebSocket stays open, so nothing else would open it again: it is restarted after a pause,
 * from 1 s doubling up to 30 s, and what is on screen is fetched again, since events may
 * have been missed meanwhile.
 */
function useLiveSubscription<TData>(
  document: TypedDocumentNode<TData, Record<string, never>>,
  onData: (data: TData) => void,
) {
  const client = useApolloClient();
  const failures = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout>>(undefined);
  const restart = useRef<() => void>(() => undefined);
  useEffect(() => () => clearTimeout(retry.current), []);
  const subscription = useSubscription(document, {
    onData: ({ data }) => {
      failures.current = 0;
      if (data.data) onData(data.data);
    },
    onError: () => {
      const delay =
        RESUBSCRIBE_DELAYS_MS[Math.min(failures.current, RESUBSCRIBE_DELAYS_MS.length - 1)];
      failures.current += 1;
      clearTimeout(retry.current);
      retry.current = setTimeout(() => {
        restart.current();
        void client.refetchQueries({ include: 'active' });
      }, delay);
    },
  });
  restart.current = subscription.restart;
}

/**
 * The live side of the app: announces each expiry warning in a snackbar and keeps every open
 * table current when any admin, anywhere, changes a secret.
 */
export function LiveUpdates() {
  const client = useApolloClient();
  const [queue, setQueue] = useState<Warning[]>([]);

  useLiveSubscription(ExpiryWarningsDocument, ({ expiryWarnings: warning }) => {
    setQueue((current) => [
      ...current,
      {
        id: warning.id,
        message: warning.message,
        link: secretLink(warning.secretId, warning.secretKind),
      },
    ]);
    // Not deduplicated: a refetch of every active query, sent when the secret's event came
    // and so possibly before this warning was stored, may still be in flight.
    void client.query({
      query: NotificationsDocument,
      fetchPolicy: 'network-only',
      context: { queryDeduplication: false },
    });
  });

  // Whatever is on screen reloads: lists, details, dropdowns of secrets.
  useLiveSubscription(
    SecretEventsDocument,
    () => void client.refetchQueries({ include: 'active' }),
  );

  const current = queue[0];
  const dismiss = () => setQueue((rest) => rest.slice(1));
  return (
    <Snackbar
      key={current?.id}
      open={Boolean(current)}
      autoHideDuration={15_000}
      onClose={(_event, reason) => reason !== 'clickaway' && dismiss()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    >
      <Alert
        severity="warning"
        variant="filled"
        onClose={dismiss}
        action={
          current && (
            <Button
              color="inherit"
              size="small"
              component={RouterLink}
              to={current.link}
              onClick={dismiss}
            >
              View secret
            </Button>
          )
        }
        sx={{ maxWidth: 520 }}
      >
        {current?.message}
      </Alert>
    </Snackbar>
  );
}
