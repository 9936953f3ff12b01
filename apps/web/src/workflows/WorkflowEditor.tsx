import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import type {
  WebWorkflowDetailsFragment,
  WebWorkflowRunFragment,
} from '@secrets/schema/generated/graphql';
import { useState, type FormEvent } from 'react';
import { useCanEdit } from '../auth/session';
import { errorMessage } from '../common/errors';
import { ConfirmDialog } from '../common/ConfirmDialog';
import {
  clientErrors,
  emptyStep,
  formFromWorkflow,
  placeApiError,
  referenceWarnings,
  workflowInput,
  type FieldErrors,
  type KnownSecrets,
  type StepForm,
  type WorkflowForm,
} from './form';
import {
  CreateWorkflowDocument,
  DeleteWorkflowDocument,
  RunWorkflowDocument,
  UpdateWorkflowDocument,
  WebhookSecretNamesDocument,
  WorkflowDocument,
  WorkflowRunsDocument,
} from './graphql';
import { RunHistory, RunResult } from './RunPanels';
import { StepEditor } from './StepEditor';

/** Drops the API errors a change makes stale: the field itself and the levels around it. */
function withoutStale(errors: FieldErrors, path: string): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(
      ([key]) => key !== path && !path.startsWith(`${key}.`) && !key.startsWith(`${path}.`),
    ),
  );
}

interface WorkflowEditorProps {
  /** The saved workflow, or null for a new one. */
  workflow: WebWorkflowDetailsFragment | null;
  onSaved: (workflow: WebWorkflowDetailsFragment, created: boolean) => void;
  onDeleted: (name: string) => void;
}

export function WorkflowEditor({ workflow, onSaved, onDeleted }: WorkflowEditorProps) {
  const canEdit = useCanEdit();
  const readOnly = !canEdit;
  const [form, setForm] = useState<WorkflowForm>(() => formFromWorkflow(workflow));
  const [savedInput, setSavedInput] = useState(() =>
    JSON.stringify(workflowInput(formFromWorkflow(workflow))),
  );
  const [submitted, setSubmitted] = useState(false);
  const [apiErrors, setApiErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [run, setRun] = useState<WebWorkflowRunFragment>();
  const [runError, setRunError] = useState<string>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();

  const secrets = useQuery(WebhookSecretNamesDocument, { fetchPolicy: 'cache-and-network' });
  const [createWorkflow, createState] = useMutation(CreateWorkflowDocument);
  const [updateWorkflow, updateState] = useMutation(UpdateWorkflowDocument);
  const [runWorkflow, runState] = useMutation(RunWorkflowDocument);
  const [deleteWorkflow, deleteState] = useMutation(DeleteWorkflowDocument);
  const saving = createState.loading || updateState.loading;

  const page = secrets.data?.secrets;
  const known: KnownSecrets = {
    options: page?.nodes ?? [],
    // Without the full list an unknown name may just be one we did not fetch: let the API judge.
    complete: page !== undefined && page.nodes.length >= page.totalCount,
  };
  const errors = { ...clientErrors(form, known, submitted), ...apiErrors };
  const warnings = referenceWarnings(form, known);
  const dirty = JSON.stringify(workflowInput(form)) !== savedInput;

  function change(next: WorkflowForm, path: string) {
    setForm(next);
    setApiErrors((previous) => withoutStale(previous, path));
  }

  const changeStep = (index: number) => (step: StepForm, path: string) =>
    change({ ...form, steps: form.steps.map((old, i) => (i === index ? step : old)) }, path);

  function removeStep(index: number) {
    setForm({ ...form, steps: form.steps.filter((_, i) => i !== index) });
    // Later steps move up one place, so every step-level API error is stale.
    setApiErrors((previous) => withoutStale(previous, 'steps'));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (readOnly) return;
    setSubmitted(true);
    setFormError(undefined);
    if (Object.keys(clientErrors(form, known, true)).length > 0) {
      setFormError('The workflow was not saved. Fix the highlighted fields, then save again.');
      return;
    }
    const input = workflowInput(form);
    try {
      let saved: WebWorkflowDetailsFragment | undefined;
      if (workflow) {
        const result = await updateWorkflow({ variables: { id: workflow.id, input } });
        saved = result.data?.updateWorkflow;
      } else {
        const result = await createWorkflow({
          variables: { input },
          // The editor reopens at the new id; let it start from the cache.
          update: (cache, { data }) => {
            if (data)
              cache.writeQuery({
                query: WorkflowDocument,
                variables: { id: data.createWorkflow.id },
                data: { workflow: data.createWorkflow },
              });
          },
        });
        saved = result.data?.createWorkflow;
      }
      if (!saved) return;
      setApiErrors({});
      setSubmitted(false);
      setSavedInput(JSON.stringify(input));
      onSaved(saved, !workflow);
    } catch (error) {
      const placed = placeApiError(form, error);
      setApiErrors(placed.fields);
      setFormError(
        placed.general ?? 'The workflow was not saved. See the highlighted field for the reason.',
      );
    }
  }

  async function runNow() {
    if (!workflow) return;
    setRunError(undefined);
    try {
      const result = await runWorkflow({
        variables: { id: workflow.id },
        refetchQueries: [{ query: WorkflowRunsDocument, variables: { id: workflow.id } }],
      });
      if (result.data) setRun(result.data.runWorkflow);
    } catch (error) {
      setRunError(errorMessage(error));
    }
  }

  async function confirmDelete() {
    if (!workflow) return;
    setDeleteError(undefined);
    try {
      await deleteWorkflow({
        variables: { id: workflow.id },
        update: (cache) => {
          cache.evict({ id: cache.identify({ __typename: 'Workflow', id: workflow.id }) });
          cache.gc();
        },
      });
      setConfirmingDelete(false);
      onDeleted(workflow.name);
    } catch (error) {
      setDeleteError(errorMessage(error));
    }
  }

  return (
    <Stack spacing={3}>
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center', justifyContent: 'space-between' }}
      >
        <Typography component="h1" variant="h4">
          {workflow ? workflow.name : 'New workflow'}
        </Typography>
        {workflow && canEdit && (
          <Button color="error" onClick={() => setConfirmingDelete(true)}>
            Delete workflow
          </Button>
        )}
      </Stack>
      {readOnly && (
        <Alert severity="info">
          {workflow
            ? 'You have read-only access: only an admin can change or run this workflow.'
            : 'Only an admin can create workflows.'}
        </Alert>
      )}
      <Stack component="form" noValidate onSubmit={save} spacing={2} aria-label="Workflow">
        <TextField
          label="Workflow name"
          value={form.name}
          disabled={readOnly}
          error={Boolean(errors.name)}
          helperText={errors.name}
          onChange={(event) => change({ ...form, name: event.target.value }, 'name')}
          required
          autoFocus={!workflow && canEdit}
        />
        {form.steps.map((step, index) => (
          <StepEditor
            key={step.key}
            index={index}
            step={step}
            errors={errors}
            warnings={warnings}
            secrets={known.options}
            readOnly={readOnly}
            onChange={changeStep(index)}
            onRemove={() => removeStep(index)}
          />
        ))}
        {form.steps.length === 0 && (
          <Typography color="text.secondary">This workflow has no steps.</Typography>
        )}
        {formError && <Alert severity="error">{formError}</Alert>}
        {canEdit && (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Button
              startIcon={<AddIcon />}
              onClick={() => {
                setForm({ ...form, steps: [...form.steps, emptyStep()] });
              }}
            >
              Add step
            </Button>
            <Button type="submit" variant="contained" disabled={saving}>
              Save workflow
            </Button>
            <Button
              variant="outlined"
              startIcon={<PlayArrowIcon />}
              disabled={!workflow || runState.loading}
              onClick={runNow}
            >
              Run
            </Button>
            {!workflow && (
              <Typography variant="body2" color="text.secondary">
                Save the workflow to run it.
              </Typography>
            )}
            {workflow && dirty && (
              <Typography variant="body2" color="text.secondary">
                Unsaved changes: Run uses the saved version.
              </Typography>
            )}
            {runState.loading && (
              <Typography variant="body2" role="status">
                Running…
              </Typography>
            )}
          </Stack>
        )}
      </Stack>
      {runError && <Alert severity="error">{runError}</Alert>}
      {run && <RunResult run={run} />}
      {workflow && (
        <RunHistory workflowId={workflow.id} selectedRunId={run?.id} onSelect={setRun} />
      )}
      <ConfirmDialog
        open={confirmingDelete}
        title="Delete workflow?"
        error={deleteError}
        busy={deleteState.loading}
        onConfirm={confirmDelete}
        onCancel={() => setConfirmingDelete(false)}
      >
        The workflow &quot;{workflow?.name}&quot; will be deleted. Its past runs stay on record.
      </ConfirmDialog>
    </Stack>
  );
}
