import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  LinearProgress,
  Link,
  Paper,
  Snackbar,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { alpha } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import type { WebConnectionRowFragment } from '@secrets/schema/generated/graphql';
import { Fragment, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useCanEdit } from '../auth/session';
import { errorMessage } from '../common/errors';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ConnectionDialog } from './ConnectionDialog';
import {
  ConnectionsListDocument,
  DeleteConnectionDocument,
  TestConnectionDocument,
} from './graphql';
import { CONNECTION_STATUS, authSchemeLabel } from './labels';

interface TestResult {
  ok: boolean;
  httpStatus: number | null;
  durationMs: number;
  errorCode: string | null;
  message: string | null;
}

/** "OK, HTTP 200 in 85 ms" or "NETWORK_ERROR: message (85 ms)". */
function describeTest(result: TestResult): string {
  const http = result.httpStatus !== null ? `HTTP ${result.httpStatus}` : null;
  if (result.ok) return `OK, ${http ?? 'no HTTP status'} in ${result.durationMs} ms`;
  const detail = [http, result.message].filter(Boolean).join(', ');
  return `${result.errorCode ?? 'FAILED'}: ${detail || 'The test failed.'} (${result.durationMs} ms)`;
}

const COLUMNS = 6;

export default function ConnectionsPage() {
  const canEdit = useCanEdit();
  const { data, loading, error, refetch } = useQuery(ConnectionsListDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const [dialog, setDialog] = useState<{ connection: WebConnectionRowFragment | null }>();
  const [deleting, setDeleting] = useState<WebConnectionRowFragment>();
  const [deleteError, setDeleteError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [results, setResults] = useState<Record<string, TestResult | { failed: string }>>({});
  const [testing, setTesting] = useState<Record<string, boolean>>({});
  const [testConnection] = useMutation(TestConnectionDocument);
  const [deleteConnection, deleteState] = useMutation(DeleteConnectionDocument);
  const connections = data?.connections ?? [];

  async function runTest(connection: WebConnectionRowFragment) {
    setTesting((previous) => ({ ...previous, [connection.id]: true }));
    try {
      const result = await testConnection({ variables: { id: connection.id } });
      const test = result.data?.testConnection;
      if (test) setResults((previous) => ({ ...previous, [connection.id]: test }));
    } catch (failure) {
      setResults((previous) => ({
        ...previous,
        [connection.id]: { failed: errorMessage(failure) },
      }));
    } finally {
      setTesting((previous) => ({ ...previous, [connection.id]: false }));
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteError(undefined);
    try {
      await deleteConnection({ variables: { id: deleting.id } });
      setNotice(`Connection "${deleting.name}" deleted.`);
      setDeleting(undefined);
      await refetch();
    } catch (failure) {
      setDeleteError(errorMessage(failure));
    }
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography component="h1" variant="h4">
          Connections
        </Typography>
        {canEdit && (
          <Button variant="contained" onClick={() => setDialog({ connection: null })}>
            Add Connection
          </Button>
        )}
      </Stack>
      <Typography color="text.secondary">
        Connections authenticate to external platforms with an integration secret.
      </Typography>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <TableContainer component={Paper}>
        {loading && <LinearProgress aria-label="Loading connections" />}
        <Table aria-label="Connections">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Provider</TableCell>
              <TableCell>Base URL</TableCell>
              <TableCell>Secret</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {!loading && connections.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS}>
                  <Typography color="text.secondary">
                    No connections yet.
                    {canEdit && ' Click Add Connection to authenticate to an external platform.'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {connections.map((connection) => {
              const status = CONNECTION_STATUS[connection.status];
              const result = results[connection.id];
              return (
                <Fragment key={connection.id}>
                  <TableRow
                    sx={
                      connection.status === 'READY'
                        ? undefined
                        : { bgcolor: (theme) => alpha(theme.palette.warning.main, 0.08) }
                    }
                  >
                    <TableCell component="th" scope="row">
                      {connection.name}
                    </TableCell>
                    <TableCell>{connection.provider}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }}>
                      {connection.baseUrl}
                      <Typography variant="caption" component="div" color="text.secondary">
                        {authSchemeLabel(connection.authScheme)}
                        {connection.authScheme === 'HEADER' && ` (${connection.headerName ?? ''})`}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {connection.secret ? (
                        <Link
                          component={RouterLink}
                          to={`/settings/integrations/secrets?tab=integration&secret=${connection.secret.id}`}
                        >
                          {connection.secret.name}
                        </Link>
                      ) : (
                        <Typography color="text.secondary">None</Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <Chip size="small" label={status.label} color={status.color} />
                    </TableCell>
                    <TableCell align="right">
                      {canEdit && (
                        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                          <Button
                            size="small"
                            onClick={() => runTest(connection)}
                            disabled={testing[connection.id]}
                          >
                            Test connection
                          </Button>
                          <Button size="small" onClick={() => setDialog({ connection })}>
                            Edit
                          </Button>
                          <Button
                            size="small"
                            color="error"
                            onClick={() => {
                              setDeleteError(undefined);
                              setDeleting(connection);
                            }}
                          >
                            Delete
                          </Button>
                        </Stack>
                      )}
                    </TableCell>
                  </TableRow>
                  {(result || testing[connection.id]) && (
                    <TableRow>
                      <TableCell colSpan={COLUMNS} sx={{ py: 1 }}>
                        <TestResultAlert
                          name={connection.name}
                          result={result}
                          onDismiss={() =>
                            setResults((previous) =>
                              Object.fromEntries(
                                Object.entries(previous).filter(([id]) => id !== connection.id),
                              ),
                            )
                          }
                        />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {dialog && (
        <ConnectionDialog
          connection={dialog.connection}
          onClose={() => setDialog(undefined)}
          onSaved={(saved) => {
            setNotice(
              dialog.connection
                ? `Connection "${saved.name}" updated.`
                : `Connection "${saved.name}" created.`,
            );
            setDialog(undefined);
            void refetch();
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(deleting)}
        title="Delete connection?"
        error={deleteError}
        busy={deleteState.loading}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(undefined)}
      >
        The connection &quot;{deleting?.name}&quot; will be deleted. Its secret stays on the Secrets
        page.
      </ConfirmDialog>
      <Snackbar
        open={Boolean(notice)}
        autoHideDuration={5000}
        onClose={() => setNotice(undefined)}
        message={notice}
      />
    </Stack>
  );
}

function TestResultAlert({
  name,
  result,
  onDismiss,
}: {
  name: string;
  result: TestResult | { failed: string } | undefined;
  onDismiss: () => void;
}) {
  const label = `Test result for ${name}`;
  if (!result) {
    return (
      <Box role="status" aria-label={label}>
        <Typography variant="body2" color="text.secondary">
          Testing the connection…
        </Typography>
      </Box>
    );
  }
  const ok = 'ok' in result && result.ok;
  const text = 'failed' in result ? result.failed : describeTest(result);
  return (
    <Alert
      role="status"
      aria-label={label}
      severity={ok ? 'success' : 'error'}
      action={
        <IconButton aria-label="Dismiss test result" size="small" onClick={onDismiss}>
          <CloseIcon fontSize="small" />
        </IconButton>
      }
    >
      {text}
    </Alert>
  );
}
