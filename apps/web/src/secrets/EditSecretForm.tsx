import { useMutation } from '@apollo/client/react';
import { Alert, Box, Button, DialogActions, DialogContent } from '@mui/material';
import type { SecretKind } from '@secrets/schema/generated/graphql';
import { useState, type FormEvent } from 'react';
import { apiError } from '../common/errors';
import { UpdateSecretDocument } from './graphql';
import {
  changedFields,
  formFromSecret,
  placeApiError,
  validateUpdate,
  type FieldErrors,
  type SecretFormValues,
  type StoredSecret,
} from './secretForm';
import { SecretFormFields } from './SecretFormFields';

interface Props {
  secret: StoredSecret & { id: string; kind: SecretKind };
  /** "Extend expiration date" opens the form at the date. */
  focus?: 'name' | 'expiresAt';
  onCancel: () => void;
  onSaved: (message: string) => void;
}

/** Edit Secret, inside the details modal; sends only the fields that changed. */
export function EditSecretForm({ secret, focus = 'name', onCancel, onSaved }: Props) {
  const [values, setValues] = useState<SecretFormValues>(() => formFromSecret(secret));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
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
    const found = validateUpdate(secret.kind, values, secret);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = changedFields(secret, values);
    if (Object.keys(input).length === 0) {
      onSaved('Nothing changed.');
      return;
    }
    try {
      await updateSecret({ variables: { id: secret.id, input } });
      onSaved(`Secret "${input.name ?? secret.name}" updated.`);
    } catch (error) {
      const placed = placeApiError(apiError(error));
      if (placed.field) setErrors({ [placed.field]: placed.message });
      else setFormError(placed.message);
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
        {formError && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {formError}
          </Alert>
        )}
        <SecretFormFields
          kind={secret.kind}
          mode="edit"
          values={values}
          errors={errors}
          onChange={change}
          currentExpiresAt={secret.expiresAt}
          autoFocusField={focus}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={loading}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={loading}>
          Update Secret
        </Button>
      </DialogActions>
    </Box>
  );
}
