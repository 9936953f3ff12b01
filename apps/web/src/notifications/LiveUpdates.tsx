import { useApolloClient, useSubscription } from '@apollo/client/react';
import { Alert, Button, Snackbar } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ExpiryWarningsDocument, NotificationsDocument, SecretEventsDocument } from './graphql';
import { secretLink } from '@secrets/rules';

interface Warning {
  id: string;
  message: string;
  link: string;
}

/**
 * The live side of the app: announces each expiry warning in a snackbar and keeps every open
 * table current when any admin, anywhere, changes a secret.
 */
export function LiveUpdates() {
  const client = useApolloClient();
  const [queue, setQueue] = useState<Warning[]>([]);

  useSubscription(ExpiryWarningsDocument, {
    onData: ({ data }) => {
      const warning = data.data?.expiryWarnings;
      if (!warning) return;
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
    },
  });

  useSubscription(SecretEventsDocument, {
    // Whatever is on screen reloads: lists, details, dropdowns of secrets.
    onData: () => void client.refetchQueries({ include: 'active' }),
  });

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
