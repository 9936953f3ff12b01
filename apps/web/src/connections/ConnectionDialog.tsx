import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import type {
  ConnectionAuthScheme,
  SecretStatus,
  UpdateConnectionInput,
  WebConnectionRowFragment,
} from '@secrets/schema/generated/graphql';
import { useId, useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { apiError } from '../common/errors';
import {
  ConnectionSecretOptionsDocument,
  CreateConnectionDocument,
  UpdateConnectionDocument,
} from './graphql';
import { AUTH_SCHEMES, SECRET_STATUS } from './labels';

interface FormValues {
  name: string;
  provider: string;
  baseUrl: string;
  authScheme: ConnectionAuthScheme;
  headerName: string;
  secretId: string;
}

type FieldName = keyof FormValues;
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_NAMES: readonly FieldName[] = [
  'name',
  'provider',
  'baseUrl',
  'authScheme',
  'headerName',
  'secretId',
];

const isFieldName = (field: string | undefined): field is FieldName =>
  FIELD_NAMES.some((name) => name === field);

const initialValues = (connection: WebConnectionRowFragment | null): FormValues => ({
  name: connection?.name ?? '',
  provider: connection?.provider ?? '',
  baseUrl: connection?.baseUrl ?? '',
  authScheme: connection?.authScheme ?? 'BEARER',
  headerName: connection?.headerName ?? '',
  secretId: connection?.secret?.id ?? '',
});

/** Empty required fields; the API checks the rest (https, header syntax, the secret). */
function missingFields(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter a name for the connection.';
  if (!values.provider.trim()) errors.provider = 'Enter the provider, e.g. jira or github.';
  if (!values.baseUrl.trim()) errors.baseUrl = 'Enter the https:// URL of the external API.';
  if (values.authScheme === 'HEADER' && !values.headerName.trim())
    errors.headerName = 'Enter the header that carries the secret, e.g. X-Api-Key.';
  if (!values.secretId) errors.secretId = 'Choose the integration secret to authenticate with.';
  return errors;
}

/** Only what changed, so the audit log says what was edited. */
function changedFields(before: FormValues, after: FormValues): UpdateConnectionInput {
  const input: UpdateConnectionInput = {};
  if (after.name !== before.name) input.name = after.name;
  if (after.provider !== before.provider) input.provider = after.provider;
  if (after.baseUrl !== before.baseUrl) input.baseUrl = after.baseUrl;
  if (after.authScheme !== before.authScheme) input.authScheme = after.authScheme;
  const headerName = after.authScheme === 'HEADER' ? after.headerName : '';
  if (headerName !== before.headerName) input.headerName = headerName || null;
  if (after.secretId !== before.secretId) input.secretId = after.secretId;
  return input;
}

interface SecretOption {
  id: string;
  name: string;
  status: SecretStatus;
}

interface ConnectionDialogProps {
  /** The connection to edit; null to add one. */
  connection: WebConnectionRowFragment | null;
  onClose: () => void;
  onSaved: (connection: WebConnectionRowFragment) => void;
}

/** "Add Connection" / "Edit Connection": rendered only while open, so each opening starts fresh. */
export function ConnectionDialog({ connection, onClose, onSaved }: ConnectionDialogProps) {
  const editing = connection !== null;
  const titleId = useId();
  const statusIdPrefix = useId();
  const [values, setValues] = useState(() => initialValues(connection));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const secrets = useQuery(ConnectionSecretOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const [createConnection, createState] = useMutation(CreateConnectionDocument);
  const [updateConnection, updateState] = useMutation(UpdateConnectionDocument);
  const busy = createState.loading || updateState.loading;

  const usable: SecretOption[] = secrets.data?.secrets.nodes ?? [];
  // Keep the current secret selectable while editing even if it is no longer usable,
  // so the form shows what the connection uses today.
  const current = connection?.secret;
  const options: SecretOption[] =
    current && !usable.some((secret) => secret.id === current.id) ? [current, ...usable] : usable;

  const set = (field: FieldName, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const missing = missingFields(values);
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    try {
      if (connection) {
        const input = changedFields(initialValues(connection), values);
        if (Object.keys(input).length === 0) {
          onClose();
          return;
        }
        const result = await updateConnection({ variables: { id: connection.id, input } });
        if (result.data) onSaved(result.data.updateConnection);
      } else {
        const result = await createConnection({
          variables: {
            input: {
              name: values.name,
              provider: values.provider,
              baseUrl: values.baseUrl,
              authScheme: values.authScheme,
              headerName: values.authScheme === 'HEADER' ? values.headerName : null,
              secretId: values.secretId,
            },
          },
        });
        if (result.data) onSaved(result.data.createConnection);
      }
    } catch (error) {
      const { field, message } = apiError(error);
      if (isFieldName(field)) setErrors({ [field]: message });
      else setFormError(message);
    }
  }

  const title = editing ? 'Edit Connection' : 'Add Connection';
  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth>
      <Box component="form" noValidate onSubmit={submit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {formError && <Alert severity="error">{formError}</Alert>}
            <TextField
              label="Name"
              value={values.name}
              onChange={(event) => set('name', event.target.value)}
              error={Boolean(errors.name)}
              helperText={errors.name}
              required
              autoFocus
            />
            <TextField
              label="Provider"
              value={values.provider}
              onChange={(event) => set('provider', event.target.value)}
              error={Boolean(errors.provider)}
              helperText={errors.provider ?? 'The external platform, e.g. jira, github, slack.'}
              required
            />
            <TextField
              label="Base URL"
              type="url"
              value={values.baseUrl}
              onChange={(event) => set('baseUrl', event.target.value)}
              error={Boolean(errors.baseUrl)}
              helperText={errors.baseUrl ?? 'An https:// URL; Test connection sends GET to it.'}
              placeholder="https://api.example.com"
              required
            />
            <TextField
              select
              label="Auth scheme"
              value={values.authScheme}
              onChange={(event) => {
                const scheme = AUTH_SCHEMES.find((option) => option.value === event.target.value);
                if (scheme) set('authScheme', scheme.value);
              }}
              error={Boolean(errors.authScheme)}
              helperText={errors.authScheme ?? schemeHelp(values.authScheme)}
            >
              {AUTH_SCHEMES.map((scheme) => (
                <MenuItem key={scheme.value} value={scheme.value}>
                  {scheme.label}
                </MenuItem>
              ))}
            </TextField>
            {values.authScheme === 'HEADER' && (
              <TextField
                label="Header name"
                value={values.headerName}
                onChange={(event) => set('headerName', event.target.value)}
                error={Boolean(errors.headerName)}
                helperText={errors.headerName ?? 'The request header that carries the secret.'}
                placeholder="X-Api-Key"
                required
              />
            )}
            <TextField
              select
              label="Integration secret"
              value={options.some((secret) => secret.id === values.secretId) ? values.secretId : ''}
              onChange={(event) => set('secretId', event.target.value)}
              error={Boolean(errors.secretId) || Boolean(secrets.error)}
              helperText={
                errors.secretId ??
                (secrets.error ? (
                  apiError(secrets.error).message
                ) : !secrets.loading && usable.length === 0 ? (
                  <>
                    No usable integration secret yet.{' '}
                    <Link
                      component={RouterLink}
                      to="/settings/integrations/secrets?tab=integration"
                    >
                      Add one on the Secrets page
                    </Link>
                    .
                  </>
                ) : (
                  'Only active and expiring integration secrets are listed.'
                ))
              }
              required
              slotProps={{
                select: {
                  renderValue: (id) => options.find((secret) => secret.id === id)?.name ?? '',
                },
              }}
            >
              {options.map((secret) => (
                // The option's name is the secret's name; its status is read as a description.
                <MenuItem
                  key={secret.id}
                  value={secret.id}
                  aria-label={secret.name}
                  aria-describedby={`${statusIdPrefix}-${secret.id}`}
                >
                  <Box component="span" sx={{ flexGrow: 1 }}>
                    {secret.name}
                  </Box>
                  <Chip
                    id={`${statusIdPrefix}-${secret.id}`}
                    size="small"
                    label={SECRET_STATUS[secret.status].label}
                    color={SECRET_STATUS[secret.status].color}
                    sx={{ ml: 2 }}
                  />
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {editing ? 'Update Connection' : 'Create Connection'}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

function schemeHelp(scheme: ConnectionAuthScheme): string {
  switch (scheme) {
    case 'BEARER':
      return 'Sends Authorization: Bearer <secret>.';
    case 'BASIC':
      return 'Sends Authorization: Basic, the secret being user:password.';
    case 'HEADER':
      return 'Sends the secret as is in the header you name.';
  }
}
