import { useLazyQuery, useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Chip,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import type { RunStatus, WebWorkflowRunFragment } from '@secrets/schema/generated/graphql';
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../common/errors';
import { WorkflowRunDocument, WorkflowRunsDocument } from './graphql';

export const RUN_STATUS: Record<RunStatus, { label: string; color: 'success' | 'error' | 'info' }> =
  {
    SUCCEEDED: { label: 'Succeeded', color: 'success' },
    FAILED: { label: 'Failed', color: 'error' },
    RUNNING: { label: 'Running', color: 'info' },
  };

/** How often the history is reloaded while one of its runs is still running. */
const RUNNING_POLL_MS = 2000;

export const formatTime = (iso: string): string => new Date(iso).toLocaleString();

function runDuration(run: {
  finishedAt?: string | null;
  steps: readonly { durationMs: number }[];
}): string {
  if (!run.finishedAt) return 'in progress';
  const total = run.steps.reduce((sum, step) => sum + step.durationMs, 0);
  return `${total} ms`;
}

/** One run: its status and, per step, what came back (the body already masked by the server). */
export function RunResult({ run }: { run: WebWorkflowRunFragment }) {
  const status = RUN_STATUS[run.status];
  return (
    <Paper component="section" aria-label="Run result" variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography component="h2" variant="h6">
            Run result
          </Typography>
          <Chip label={status.label} color={status.color} size="small" />
          <Typography variant="body2" color="text.secondary">
            Started {formatTime(run.startedAt)} · {runDuration(run)}
          </Typography>
        </Stack>
        {run.errorCode && (
          <Alert severity="error">
            {run.errorCode}: {run.message}
          </Alert>
        )}
        {run.steps.length === 0 && !run.errorCode && run.finishedAt && (
          <Typography color="text.secondary">The workflow has no steps.</Typography>
        )}
        {run.steps.map((step, index) => {
          const stepStatus = RUN_STATUS[step.status];
          return (
            <Box
              key={`${step.stepId}-${index}`}
              component="article"
              aria-label={`Step ${index + 1}: ${step.name}`}
              sx={{ borderTop: 1, borderColor: 'divider', pt: 1.5 }}
            >
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography component="h3" variant="subtitle1">
                  Step {index + 1}: {step.name}
                </Typography>
                <Chip label={stepStatus.label} color={stepStatus.color} size="small" />
              </Stack>
              <Box
                component="dl"
                sx={{
                  display: 'grid',
                  gridTemplateColumns: 'max-content 1fr',
                  columnGap: 2,
                  rowGap: 0.5,
                  my: 1,
                  '& dt': { color: 'text.secondary' },
                  '& dd': { m: 0 },
                }}
              >
                <dt>HTTP status</dt>
                <dd>{step.httpStatus ?? '—'}</dd>
                {step.errorCode && (
                  <>
                    <dt>Error code</dt>
                    <dd>{step.errorCode}</dd>
                  </>
                )}
                {step.message && (
                  <>
                    <dt>Message</dt>
                    <dd>{step.message}</dd>
                  </>
                )}
                {step.secretsUsed.length > 0 && (
                  <>
                    <dt>Secrets sent</dt>
                    <dd>
                      {step.secretsUsed
                        .map((used) => `${used.secretName} (version ${used.version})`)
                        .join(', ')}
                    </dd>
                  </>
                )}
                <dt>Duration</dt>
                <dd>{step.durationMs} ms</dd>
              </Box>
              {step.responseBody !== null && (
                <>
                  <Typography variant="body2" color="text.secondary">
                    Response body (secret values masked)
                  </Typography>
                  <Box
                    component="pre"
                    aria-label={`Response body of step ${index + 1}`}
                    sx={{
                      m: 0,
                      p: 1,
                      bgcolor: 'action.hover',
                      borderRadius: 1,
                      maxHeight: 320,
                      overflow: 'auto',
                      whiteSpace: 'pre-wrap',
                      wordBreak: 'break-all',
                      fontSize: 13,
                    }}
                  >
                    {step.responseBody || '(empty)'}
                  </Box>
                </>
              )}
            </Box>
          );
        })}
      </Stack>
    </Paper>
  );
}

interface RunHistoryProps {
  workflowId: string;
  selectedRunId: string | undefined;
  onSelect: (run: WebWorkflowRunFragment) => void;
}

/** The last 20 runs, newest first; choosing one reads it whole and shows it in "Run result". */
export function RunHistory({ workflowId, selectedRunId, onSelect }: RunHistoryProps) {
  const { data, loading, error, startPolling, stopPolling } = useQuery(WorkflowRunsDocument, {
    variables: { id: workflowId },
    fetchPolicy: 'cache-and-network',
  });
  const [loadRun] = useLazyQuery(WorkflowRunDocument, { fetchPolicy: 'network-only' });
  const [loadError, setLoadError] = useState<string>();
  const select = async (id: string) => {
    setLoadError(undefined);
    try {
      const result = await loadRun({ variables: { id } });
      if (result.data?.workflowRun) onSelect(result.data.workflowRun);
    } catch (failure) {
      setLoadError(errorMessage(failure));
    }
  };
  const headingId = useId();
  const runs = data?.workflow?.runs ?? [];
  const anyRunning = runs.some((run) => run.status === 'RUNNING');
  useEffect(() => {
    if (!anyRunning) return;
    startPolling(RUNNING_POLL_MS);
    return stopPolling;
  }, [anyRunning, startPolling, stopPolling]);
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2 }}>
      <Typography id={headingId} component="h2" variant="h6">
        Run history
      </Typography>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {loadError && <Alert severity="error">{loadError}</Alert>}
      {!loading && !error && runs.length === 0 && (
        <Typography color="text.secondary">No runs yet.</Typography>
      )}
      <List dense aria-label="Past runs">
        {runs.map((run) => {
          const status = RUN_STATUS[run.status];
          return (
            <ListItemButton
              key={run.id}
              selected={run.id === selectedRunId}
              onClick={() => void select(run.id)}
            >
              <ListItemText
                primary={`${status.label} · ${formatTime(run.startedAt)}`}
                secondary={`${run.steps.length} step(s) · ${runDuration(run)}`}
              />
            </ListItemButton>
          );
        })}
      </List>
    </Paper>
  );
}
