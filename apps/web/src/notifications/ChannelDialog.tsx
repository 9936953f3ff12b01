import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import type {
  NotificationChannelType,
  SecretKind,
  UpdateNotificationChannelInput,
  WebNotificationChannelsQuery,
} from '@secrets/schema/generated/graphql';
import { useId, useState, type FormEvent } from 'react';
import { apiError } from '../common/errors';
import {
  ChannelSecretOptionsDocument,
  CreateNotificationChannelDocument,
  UpdateNotificationChannelDocument,
} from './channels.graphql';

export type ChannelRow = WebNotificationChannelsQuery['notificationChannels'][number];

export const CHANNEL_TYPES: { value: NotificationChannelType; label: string }[] = [
  { value: 'EMAIL', label: 'Email' },
  { value: 'SLACK', label: 'Slack' },
  { value: 'WEBHOOK', label: 'Webhook' },
];

const KINDS: { value: SecretKind | ''; label: string }[] = [
  { value: '', label: 'Both kinds' },
  { value: 'INTEGRATION', label: 'Integration secrets' },
  { value: 'WEBHOOK', label: 'Webhook secrets' },
];

interface FormValues {
  name: string;
  type: NotificationChannelType;
  emailTo: string[];
  url: string;
  secretId: string;
  kind: SecretKind | '';
  enabled: boolean;
}

type FieldName = 'name' | 'type' | 'emailTo' | 'url' | 'secretId' | 'kind';
type FieldErrors = Partial<Record<FieldName, string>>;
const FIELDS: readonly string[] = ['name', 'type', 'emailTo', 'url', 'secretId', 'kind'];
const isFieldName = (field: string | undefined): field is FieldName =>
  field !== undefined && FIELDS.includes(field);

const initialValues = (channel: ChannelRow | null): FormValues => ({
  name: channel?.name ?? '',
  type: channel?.type ?? 'EMAIL',
  emailTo: channel?.emailTo ?? [],
  url: channel?.url ?? '',
  secretId: channel?.secret?.id ?? '',
  kind: channel?.kind ?? '',
  enabled: channel?.enabled ?? true,
});

/** Empty required fields; the API checks the rest (addresses, https, the secret). */
function missingFields(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter a name for the channel.';
  if (values.type === 'EMAIL' && values.emailTo.length === 0)
    errors.emailTo = 'Add at least one recipient (type an address, then Enter).';
  if (values.type === 'WEBHOOK' && !values.url.trim())
    errors.url = 'Enter the https:// URL to post reminders to.';
  if (values.type !== 'EMAIL' && !values.secretId)
    errors.secretId =
      values.type === 'SLACK'
        ? 'Choose the webhook secret holding the Slack incoming-webhook URL.'
        : 'Choose the webhook secret that signs each request.';
  return errors;
}

/** Only what changed, so the audit log says what was edited. */
function changedFields(before: FormValues, after: FormValues): UpdateNotificationChannelInput {
  const input: UpdateNotificationChannelInput = {};
  if (after.name !== before.name) input.name = after.name;
  if (after.emailTo.join('\n') !== before.emailTo.join('\n')) input.emailTo = after.emailTo;
  if (after.url !== before.url) input.url = after.url;
  if (after.secretId !== before.secretId) input.secretId = after.secretId;
  if (after.kind !== before.kind) input.kind = after.kind || null;
  if (after.enabled !== before.enabled) input.enabled = after.enabled;
  return input;
}

interface ChannelDialogProps {
  /** The channel to edit; null to add one. */
  channel: ChannelRow | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** "Add Channel" / "Edit Channel", with the fields of the channel's type. */
export function ChannelDialog({ channel, onClose, onSaved }: ChannelDialogProps) {
  const titleId = useId();
  const [values, setValues] = useState(() => initialValues(channel));
  const [pendingAddress, setPendingAddress] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const secrets = useQuery(ChannelSecretOptionsDocument, {
    fetchPolicy: 'cache-and-network',
    skip: values.type === 'EMAIL',
  });
  const [create, createState] = useMutation(CreateNotificationChannelDocument);
  const [update, updateState] = useMutation(UpdateNotificationChannelDocument);
  const busy = createState.loading || updateState.loading;
  const usable = secrets.data?.secrets.nodes ?? [];
  const current = channel?.secret;
  const options =
    current && !usable.some((secret) => secret.id === current.id) ? [current, ...usable] : usable;

  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    if (isFieldName(field)) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    // An address typed but not yet turned into a chip counts too.
    const typed = pendingAddress.trim();
    const submitted =
      typed && !values.emailTo.includes(typed)
        ? { ...values, emailTo: [...values.emailTo, typed] }
        : values;
    const missing = missingFields(submitted);
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    try {
      if (channel) {
        const input = changedFields(initialValues(channel), submitted);
        if (Object.keys(input).length > 0) await update({ variables: { id: channel.id, input } });
      } else {
        await create({
          variables: {
            input: {
              name: submitted.name,
              type: submitted.type,
              emailTo: submitted.type === 'EMAIL' ? submitted.emailTo : null,
              url: submitted.type === 'WEBHOOK' ? submitted.url : null,
              secretId: submitted.type === 'EMAIL' ? null : submitted.secretId,
              kind: submitted.kind || null,
            },
          },
        });
      }
      onSaved(submitted.name);
    } catch (error) {
      const { field, message } = apiError(error);
      if (isFieldName(field)) setErrors({ [field]: message });
      else setFormError(message);
    }
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth>
      <Box component="form" noValidate onSubmit={submit}>
        <DialogTitle id={titleId}>{channel ? 'Edit Channel' : 'Add Channel'}</DialogTitle>
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
              select
              label="Type"
              value={values.type}
              disabled={channel !== null}
              onChange={(event) => {
                const type = CHANNEL_TYPES.find((option) => option.value === event.target.value);
                if (type) set('type', type.value);
              }}
              error={Boolean(errors.type)}
              helperText={errors.type ?? (channel ? 'The type of a channel stays as created.' : '')}
            >
              {CHANNEL_TYPES.map((type) => (
                <MenuItem key={type.value} value={type.value}>
                  {type.label}
                </MenuItem>
              ))}
            </TextField>
            {values.type === 'EMAIL' && (
              <Autocomplete
                multiple
                freeSolo
                options={[]}
                value={values.emailTo}
                inputValue={pendingAddress}
                onInputChange={(_event, value) => setPendingAddress(value)}
                onChange={(_event, value) =>
                  set('emailTo', value.map((address) => address.trim()).filter(Boolean))
                }
                renderValue={(value, getItemProps) =>
                  value.map((address, index) => {
                    const { key, ...itemProps } = getItemProps({ index });
                    return <Chip key={key} label={address} size="small" {...itemProps} />;
                  })
                }
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label="Recipients"
                    error={Boolean(errors.emailTo)}
                    helperText={errors.emailTo ?? 'Type an address and press Enter for each.'}
                  />
                )}
              />
            )}
            {values.type === 'WEBHOOK' && (
              <TextField
                label="URL"
                type="url"
                value={values.url}
                onChange={(event) => set('url', event.target.value)}
                error={Boolean(errors.url)}
                helperText={errors.url ?? 'An https:// URL; each reminder is POSTed to it as JSON.'}
                placeholder="https://hooks.example.com/secrets"
                required
              />
            )}
            {values.type !== 'EMAIL' && (
              <TextField
                select
                label={values.type === 'SLACK' ? 'Slack webhook secret' : 'Signing secret'}
                value={
                  options.some((secret) => secret.id === values.secretId) ? values.secretId : ''
                }
                onChange={(event) => set('secretId', event.target.value)}
                error={Boolean(errors.secretId)}
                helperText={
                  errors.secretId ??
                  (values.type === 'SLACK'
                    ? 'A webhook secret whose value is the Slack incoming-webhook URL.'
                    : 'A webhook secret whose value signs each body (X-Signature-256).')
                }
                required
              >
                {options.map((secret) => (
                  <MenuItem key={secret.id} value={secret.id}>
                    {secret.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              select
              label="Reminders of"
              value={values.kind}
              onChange={(event) => {
                const kind = KINDS.find((option) => option.value === event.target.value);
                if (kind) set('kind', kind.value);
              }}
              error={Boolean(errors.kind)}
              helperText={errors.kind}
            >
              {KINDS.map((kind) => (
                <MenuItem key={kind.value || 'both'} value={kind.value}>
                  {kind.label}
                </MenuItem>
              ))}
            </TextField>
            {channel && (
              <FormControlLabel
                control={
                  <Switch
                    checked={values.enabled}
                    onChange={(event) => set('enabled', event.target.checked)}
                  />
                }
                label="Enabled"
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {channel ? 'Update Channel' : 'Create Channel'}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
