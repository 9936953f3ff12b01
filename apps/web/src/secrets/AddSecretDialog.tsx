import { useMutation } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import type { SecretKind } from '@secrets/schema/generated/graphql';
import { useState, type FormEvent } from 'react';
import { apiError } from '../common/errors';
import { CreateSecretDocument } from './graphql';
import {
  emptySecretForm,
  expiryInstant,
  placeApiError,
  validateCreate,
  type FieldErrors,
  type SecretFormValues,
} from './secretForm';
import { SecretFormFields } from './SecretFormFields';

interface Props {
  kind: SecretKind;
  onClose: () => void;
  onCreated: (secret: { id: string; name: string }) => void;
}

const INTRO: Record<SecretKind, string> = {
  INTEGRATION:
    'Integration secrets authenticate connections to external platforms; pick them from a list when configuring a connection.',
  WEBHOOK:
    'Webhook secrets authenticate outgoing HTTP requests in workflows: reference them in HTTP Request step headers. HTTPS is enforced when they are used.',
};

/**
 * Add Secret. Render it only while open: unmounting drops the typed value, so it is never
 * kept after the dialog closes.
 */
export function AddSecretDialog({ kind, onClose, onCreated }: Props) {
  const [values, setValues] = useState<SecretFormValues>(emptySecretForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createSecret, { loading }] = useMutation(CreateSecretDocument, {
    refetchQueries: ['WebSecretsList'],
  });

  function change<K extends keyof SecretFormValues>(field: K, value: SecretFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found = validateCreate(kind, values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const result = await createSecret({
        variables: {
          input: {
            kind,
            name: values.name.trim(),
            description: values.description.trim() || null,
            value: values.value,
            expiresAt: values.expiresAt ? expiryInstant(values.expiresAt) : null,
            allowedHosts: values.allowedHosts,
          },
        },
      });
      if (result.data) onCreated(result.data.createSecret);
    } catch (error) {
      const placed = placeApiError(apiError(error));
      if (placed.field) setErrors({ [placed.field]: placed.message });
      else setFormError(placed.message);
    }
  }

  return (
    <Dialog
      open
      onClose={loading ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="add-secret-title"
    >
      <Box
        component="form"
        onSubmit={submit}
        noValidate
        aria-labelledby="add-secret-title"
        sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
      >
        <DialogTitle id="add-secret-title">Add Secret</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>{INTRO[kind]}</DialogContentText>
          {formError && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {formError}
            </Alert>
          )}
          <SecretFormFields
            kind={kind}
            mode="create"
            values={values}
            errors={errors}
            onChange={change}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={loading}>
            Create Secret
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
