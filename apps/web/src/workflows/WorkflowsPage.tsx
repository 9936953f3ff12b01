import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Chip,
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
import { useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import { useCanEdit } from '../auth/session';
import { errorMessage } from '../common/errors';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { DeleteWorkflowDocument, WorkflowsListDocument } from './graphql';
import { RUN_STATUS, formatTime } from './RunPanels';

const LIST = '/settings/integrations/workflows';

/** A notice passed along by the editor after deleting, e.g. navigate(LIST, { state }). */
function noticeFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  return typeof state.notice === 'string' ? state.notice : undefined;
}

export default function WorkflowsPage() {
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, loading, error } = useQuery(WorkflowsListDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const [deleting, setDeleting] = useState<{ id: string; name: string }>();
  const [deleteError, setDeleteError] = useState<string>();
  const [notice, setNotice] = useState(() => noticeFrom(location.state));
  const [deleteWorkflow, deleteState] = useMutation(DeleteWorkflowDocument);
  const workflows = data?.workflows ?? [];

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteError(undefined);
    try {
      await deleteWorkflow({
        variables: { id: deleting.id },
        update: (cache) => {
          cache.evict({ id: cache.identify({ __typename: 'Workflow', id: deleting.id }) });
          cache.gc();
        },
      });
      setNotice(`Workflow "${deleting.name}" deleted.`);
      setDeleting(undefined);
    } catch (failure) {
      setDeleteError(errorMessage(failure));
    }
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography component="h1" variant="h4">
          Workflows
        </Typography>
        {canEdit && (
          <Button variant="contained" onClick={() => navigate(`${LIST}/new`)}>
            New Workflow
          </Button>
        )}
      </Stack>
      <Typography color="text.secondary">
        HTTP Request steps reference webhook secrets in header values as {'{secret:NAME}'}.
      </Typography>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <TableContainer component={Paper}>
        {loading && <LinearProgress aria-label="Loading workflows" />}
        <Table aria-label="Workflows">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Steps</TableCell>
              <TableCell>Secrets used</TableCell>
              <TableCell>Last run</TableCell>
              {canEdit && <TableCell align="right">Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {!loading && workflows.length === 0 && (
              <TableRow>
                <TableCell colSpan={canEdit ? 5 : 4}>
                  <Typography color="text.secondary">
                    No workflows yet.
                    {canEdit && ' Click New Workflow to add HTTP Request steps.'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {workflows.map((workflow) => {
              const secretNames = [...new Set(workflow.steps.flatMap((step) => step.secretNames))];
              const lastRun = workflow.runs[0];
              return (
                <TableRow key={workflow.id}>
                  <TableCell component="th" scope="row">
                    <Link component={RouterLink} to={`${LIST}/${workflow.id}`}>
                      {workflow.name}
                    </Link>
                  </TableCell>
                  <TableCell>{workflow.steps.length}</TableCell>
                  <TableCell>
                    {secretNames.length === 0 ? (
                      <Typography variant="body2" color="text.secondary">
                        None
                      </Typography>
                    ) : (
                      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                        {secretNames.map((name) => (
                          <Chip key={name} size="small" variant="outlined" label={name} />
                        ))}
                      </Stack>
                    )}
                  </TableCell>
                  <TableCell>
                    {lastRun ? (
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <Chip
                          size="small"
                          label={RUN_STATUS[lastRun.status].label}
                          color={RUN_STATUS[lastRun.status].color}
                        />
                        <Typography variant="body2" color="text.secondary">
                          {formatTime(lastRun.startedAt)}
                        </Typography>
                      </Stack>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        Never run
                      </Typography>
                    )}
                  </TableCell>
                  {canEdit && (
                    <TableCell align="right">
                      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                        <Button size="small" component={RouterLink} to={`${LIST}/${workflow.id}`}>
                          Edit
                        </Button>
                        <Button
                          size="small"
                          color="error"
                          onClick={() => {
                            setDeleteError(undefined);
                            setDeleting({ id: workflow.id, name: workflow.name });
                          }}
                        >
                          Delete
                        </Button>
                      </Stack>
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <ConfirmDialog
        open={Boolean(deleting)}
        title="Delete workflow?"
        error={deleteError}
        busy={deleteState.loading}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(undefined)}
      >
        The workflow &quot;{deleting?.name}&quot; will be deleted. Its past runs stay on record.
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
