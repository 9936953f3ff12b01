import { useApolloClient, useMutation } from '@apollo/client/react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import type { SecretKind } from '@secrets/schema/generated/graphql';
import { useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { errorMessage } from '../common/errors';
import { DependentList, inUseDependents, type Dependent } from './dependents';
import { DeleteSecretDocument, RevokeSecretDocument } from './graphql';

export interface SecretTarget {
  id: string;
  name: string;
  kind: SecretKind;
}

interface Props {
  secret: SecretTarget;
  onClose: () => void;
  onDone: (message: string) => void;
}

const REVOKE_CONSEQUENCE: Record<SecretKind, string> = {
  INTEGRATION: 'Connections that use it stop working until they are moved to another secret.',
  WEBHOOK:
    'Any HTTP Request workflow steps referencing it will fail until you update them to use an active secret.',
};

const DELETE_ADVICE: Record<SecretKind, string> = {
  INTEGRATION: 'Be sure to update any connections that depend on this secret before deleting it.',
  WEBHOOK:
    'Be sure to update any HTTP Request workflow steps that depend on this secret before deleting it.',
};

export function RevokeSecretDialog({ secret, onClose, onDone }: Props) {
  const [revoke, { loading, error }] = useMutation(RevokeSecretDocument, {
    refetchQueries: ['WebSecretsList'],
  });

  async function confirm() {
    const result = await revoke({ variables: { id: secret.id } }).catch(() => null);
    if (result?.data) onDone(`Secret "${secret.name}" revoked.`);
  }

  return (
    <ConfirmDialog
      open
      title="Revoke secret?"
      error={error ? errorMessage(error) : undefined}
      busy={loading}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>
        Revoking <strong>{secret.name}</strong> immediately disables it so it can no longer be used,
        but does not remove it. This cannot be undone.
      </p>
      <p>{REVOKE_CONSEQUENCE[secret.kind]}</p>
    </ConfirmDialog>
  );
}

/**
 * Asks first; when the API refuses because the secret is in use (SECRET_IN_USE), lists
 * what uses it and offers "Delete anyway" (force).
 */
export function DeleteSecretDialog({ secret, onClose, onDone }: Props) {
  const client = useApolloClient();
  const [dependents, setDependents] = useState<Dependent[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [deleteSecret, { loading }] = useMutation(DeleteSecretDocument);

  async function remove(force: boolean) {
    setFailure(null);
    try {
      await deleteSecret({ variables: { id: secret.id, force } });
    } catch (error) {
      const inUse = inUseDependents(error);
      if (inUse && !force) setDependents(inUse);
      else setFailure(errorMessage(error));
      return;
    }
    // The row is gone: drop it from every cached list and refresh the counts.
    client.cache.evict({ id: client.cache.identify({ __typename: 'Secret', id: secret.id }) });
    client.cache.gc();
    onDone(`Secret "${secret.name}" deleted.`);
    await client.refetchQueries({ include: ['WebSecretsList'] }).catch(() => undefined);
  }

  return (
    <Dialog open onClose={loading ? undefined : onClose} aria-labelledby="delete-secret-title">
      <DialogTitle id="delete-secret-title">Delete secret?</DialogTitle>
      <DialogContent>
        {failure && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {failure}
          </Alert>
        )}
        {dependents ? (
          <>
            <Alert severity="warning" sx={{ mb: 1 }}>
              <strong>{secret.name}</strong> is in use. Update these to use another secret first; if
              you delete it anyway, they will fail until they are updated.
            </Alert>
            <DependentList dependents={dependents} label="Used by" />
          </>
        ) : (
          <>
            <DialogContentText>
              Delete <strong>{secret.name}</strong>? Its value is destroyed and cannot be recovered;
              the audit log keeps its name.
            </DialogContentText>
            <DialogContentText sx={{ mt: 1 }}>{DELETE_ADVICE[secret.kind]}</DialogContentText>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={loading}>
          Cancel
        </Button>
        {dependents ? (
          <Button onClick={() => remove(true)} color="error" variant="contained" disabled={loading}>
            Delete anyway
          </Button>
        ) : (
          <Button
            onClick={() => remove(false)}
            color="error"
            variant="contained"
            disabled={loading}
            autoFocus
          >
            OK
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
