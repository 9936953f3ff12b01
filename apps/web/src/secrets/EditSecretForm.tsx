import { useMutation } from '@apollo/client/react';
import { Alert, Box, Button, DialogActions, DialogContent } from '@mui/material';
import type { SecretKind } from '@secrets/schema/generated/graphql';
import { useState, type FormEvent } from 'react';
import { apiError, errorMessage } from '../common/errors';
import { UpdateSecretDocument } from './graphql';
import {
  changedFields,
  formFromSecret,
  placeApiError,
  rebaseForm,
  validateUpdate,
  type FieldErrors,
  type SecretFormValues,
  type StoredSecret,
} from './secretForm';
import { SecretFormFields } from './SecretFormFields';

type EditedSecret = StoredSecret & { id: string; kind: SecretKind; valueVersion: number };

interface Props {
  secret: EditedSecret;
  /** "Extend expiration date" opens the form at the date. */
  focus?: 'name' | 'expiresAt';
  /** Reads the secret again from the server; null once it was deleted. */
  onReload: () => Promise<EditedSecret | null>;
  onCancel: () => void;
  onSaved: (message: string) => void;
}

export const CONFLICT_MESSAGE =
  'Someone else changed this secret since you opened it. Reload it to continue from their version: what you typed stays, except the value, which you would enter again.';

/**
 * Edit Secret, inside the details modal; sends only the fields that changed, and the value
 * version it was opened on (check-and-set): a change made elsewhere meanwhile is reported,
 * never overwritten.
 */
export function EditSecretForm({ secret, focus = 'name', onReload, onCancel, onSaved }: Props) {
  // The secret as the form was opened on it: what the fields are compared with, and the
  // version sent. It stays so while the details behind the form follow live changes.
  const [opened, setOpened] = useState<EditedSecret>(secret);
  const [values, setValues] = useState<SecretFormValues>(() => formFromSecret(secret));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [updateSecret, { loading }] = useMutation(UpdateSecretDocument, {
    refetchQueries: ['WebSecretsList', 'WebSecretDetails'],
  });

  function change<K extends keyof SecretFormValues>(field: K, value: SecretFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found = validateUpdate(opened.kind, values, opened);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = changedFields(opened, values);
    if (Object.keys(input).length === 0) {
      onSaved('Nothing changed.');
      return;
    }
    try {
      await updateSecret({
        variables: {
          id: opened.id,
          input: { ...input, expectedValueVersion: opened.valueVersion },
        },
      });
      onSaved(`Secret "${input.name ?? opened.name}" updated.`);
    } catch (error) {
      const failure = apiError(error);
      if (failure.code === 'VERSION_CONFLICT') {
        setConflict(true);
        return;
      }
      const placed = placeApiError(failure);
      if (placed.field) setErrors({ [placed.field]: placed.message });
      else setFormError(placed.message);
    }
  }

  async function reload() {
    setReloading(true);
    try {
      const current = await onReload();
      if (!current) {
        setFormError('This secret no longer exists: it was deleted.');
        return;
      }
      setValues(rebaseForm(opened, current, values));
      setOpened(current);
      setErrors({});
      setConflict(false);
    } catch (error) {
      setFormError(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-label="Edit Secret"
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <DialogContent dividers>
        {conflict && (
          <Alert
            severity="warning"
            sx={{ mb: 2 }}
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => void reload()}
                disabled={reloading}
              >
                Reload
              </Button>
            }
          >
            {CONFLICT_MESSAGE}
          </Alert>
        )}
        {formError && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {formError}
          </Alert>
        )}
        <SecretFormFields
          kind={opened.kind}
          mode="edit"
          values={values}
          errors={errors}
          onChange={change}
          currentExpiresAt={opened.expiresAt}
          autoFocusField={focus}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={loading}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={loading || conflict}>
          Update Secret
        </Button>
      </DialogActions>
    </Box>
  );
}
