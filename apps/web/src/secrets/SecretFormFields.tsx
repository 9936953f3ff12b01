import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import type { SecretKind } from '@secrets/schema/generated/graphql';
import dayjs from 'dayjs';
import { useState } from 'react';
import { AllowedHostsField } from './AllowedHostsField';
import {
  hasOuterWhitespace,
  referenceFor,
  WEBHOOK_NAME,
  WEBHOOK_NAME_RULE,
  WHITESPACE_WARNING,
  type FieldErrors,
  type SecretFormValues,
} from './secretForm';

interface Props {
  kind: SecretKind;
  mode: 'create' | 'edit';
  values: SecretFormValues;
  errors: FieldErrors;
  onChange: <K extends keyof SecretFormValues>(field: K, value: SecretFormValues[K]) => void;
  /** The stored expiry, when editing: a past one gets a hint to extend it. */
  currentExpiresAt?: string | null;
  autoFocusField?: 'name' | 'expiresAt';
}

/** The fields shared by Add Secret and Edit Secret, with the labels of the manual. */
export function SecretFormFields({
  kind,
  mode,
  values,
  errors,
  onChange,
  currentExpiresAt,
  autoFocusField = 'name',
}: Props) {
  const webhook = kind === 'WEBHOOK';
  const nameHelp = webhook
    ? mode === 'edit'
      ? 'Renaming also updates the workflow steps that reference this secret.'
      : 'Letters, digits, _ or -, up to 64 characters.'
    : 'A label that says which system the secret belongs to.';
  // The webhook rule shows while typing, so the reason is clear before Create Secret.
  const trimmedName = values.name.trim();
  const nameProblem =
    errors.name ??
    (webhook && trimmedName !== '' && !WEBHOOK_NAME.test(trimmedName)
      ? WEBHOOK_NAME_RULE
      : undefined);
  const valueWarning =
    !errors.value && hasOuterWhitespace(values.value) ? WHITESPACE_WARNING : undefined;
  const valueHelp =
    mode === 'edit'
      ? 'Leave blank to keep the current value. The value is never shown again.'
      : 'Paste the credential exactly as issued. It is encrypted and never shown again.';
  const expired = mode === 'edit' && currentExpiresAt && dayjs(currentExpiresAt).isBefore(dayjs());
  const expiryHelp = expired
    ? 'The secret has expired: pick a later date to extend it.'
    : 'A rotation reminder; clear it for no expiry.';

  return (
    <Stack spacing={2.5} sx={{ pt: 1 }}>
      <TextField
        label="Secret name"
        value={values.name}
        onChange={(event) => onChange('name', event.target.value)}
        error={Boolean(nameProblem)}
        helperText={nameProblem ?? nameHelp}
        autoFocus={autoFocusField === 'name'}
        required
        fullWidth
        slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
      />
      {webhook && mode === 'create' && <ReferencePreview name={values.name} />}
      <TextField
        label="Description (optional)"
        value={values.description}
        onChange={(event) => onChange('description', event.target.value)}
        error={Boolean(errors.description)}
        helperText={errors.description ?? 'When to use it, or who owns it.'}
        multiline
        minRows={2}
        fullWidth
      />
      <TextField
        label="Secret value"
        type="password"
        value={values.value}
        onChange={(event) => onChange('value', event.target.value)}
        error={Boolean(errors.value)}
        helperText={errors.value ?? valueWarning ?? valueHelp}
        required={mode === 'create'}
        fullWidth
        slotProps={{
          htmlInput: { autoComplete: 'off', spellCheck: false, 'data-1p-ignore': true },
          formHelperText: valueWarning
            ? { sx: { color: 'warning.dark' }, role: 'status' }
            : undefined,
        }}
      />
      <DatePicker
        label="Expiration date (optional)"
        value={values.expiresAt}
        onChange={(date) => onChange('expiresAt', date)}
        disablePast
        autoFocus={autoFocusField === 'expiresAt'}
        slotProps={{
          field: { clearable: true },
          textField: {
            fullWidth: true,
            error: Boolean(errors.expiresAt),
            helperText: errors.expiresAt ?? expiryHelp,
          },
        }}
      />
      <AllowedHostsField
        hosts={values.allowedHosts}
        error={errors.allowedHosts}
        onChange={(hosts) => onChange('allowedHosts', hosts)}
      />
    </Stack>
  );
}

/** The text to put in a header value, live as the name is typed, with a copy button. */
export function ReferencePreview({ name }: { name: string }) {
  const [copied, setCopied] = useState(false);
  const valid = WEBHOOK_NAME.test(name.trim());
  const reference = referenceFor(name.trim() || 'NAME');

  async function copy() {
    try {
      await navigator.clipboard.writeText(reference);
      setCopied(true);
    } catch {
      // No clipboard (insecure origin, denied permission): the reference stays visible to copy.
      setCopied(false);
    }
  }

  return (
    <Box
      role="group"
      aria-label="Reference"
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        bgcolor: 'grey.100',
        p: 1.5,
        borderRadius: 1,
      }}
    >
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <Typography variant="caption" color="text.secondary" component="div">
          Reference it in HTTP Request step headers as
        </Typography>
        <Typography
          component="code"
          data-testid="secret-reference"
          sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
        >
          {reference}
        </Typography>
      </Box>
      <Typography variant="caption" color="success.main" role="status">
        {copied ? 'Copied' : ''}
      </Typography>
      <Button
        size="small"
        startIcon={<ContentCopyIcon />}
        onClick={copy}
        disabled={!valid}
        onBlur={() => setCopied(false)}
      >
        Copy reference
      </Button>
    </Box>
  );
}
