import {
  Box,
  Button,
  FormHelperText,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { useId } from 'react';
import {
  METHODS,
  emptyHeader,
  type FieldErrors,
  type HeaderForm,
  type StepForm,
  type WebhookSecretOption,
} from './form';
import { SecretReferenceField } from './SecretReferenceField';

interface StepEditorProps {
  index: number;
  step: StepForm;
  errors: FieldErrors;
  warnings: FieldErrors;
  secrets: readonly WebhookSecretOption[];
  readOnly: boolean;
  onChange: (step: StepForm, changedField: string) => void;
  onRemove: () => void;
}

/** One HTTP Request step: a region named "Step N" so each step's fields can be told apart. */
export function StepEditor({
  index,
  step,
  errors,
  warnings,
  secrets,
  readOnly,
  onChange,
  onRemove,
}: StepEditorProps) {
  const headingId = useId();
  const at = `steps.${index}`;
  const text = (field: 'name' | 'url' | 'body') => ({
    value: step[field],
    disabled: readOnly,
    error: Boolean(errors[`${at}.${field}`]),
    helperText: errors[`${at}.${field}`],
    onChange: (event: { target: { value: string } }) =>
      onChange({ ...step, [field]: event.target.value }, `${at}.${field}`),
  });

  const setHeader = (position: number, header: HeaderForm, field: 'name' | 'value') =>
    onChange(
      { ...step, headers: step.headers.map((old, i) => (i === position ? header : old)) },
      `${at}.headers.${position}.${field}`,
    );

  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography id={headingId} component="h2" variant="h6">
            Step {index + 1}
          </Typography>
          {!readOnly && (
            <Button color="error" startIcon={<DeleteOutlineIcon />} onClick={onRemove}>
              Remove step
            </Button>
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          HTTP Request
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField label="Step name" {...text('name')} sx={{ flex: 1 }} />
          <TextField
            select
            label="Method"
            value={step.method}
            disabled={readOnly}
            error={Boolean(errors[`${at}.method`])}
            helperText={errors[`${at}.method`]}
            onChange={(event) => {
              const method = METHODS.find((option) => option === event.target.value);
              if (method) onChange({ ...step, method }, `${at}.method`);
            }}
            sx={{ minWidth: 140 }}
          >
            {METHODS.map((method) => (
              <MenuItem key={method} value={method}>
                {method}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <TextField
          label="URL"
          type="url"
          placeholder="https://api.example.com/path"
          {...text('url')}
          fullWidth
        />
        <Box>
          <Typography component="h3" variant="subtitle2">
            Headers
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            A header value references a webhook secret as {'{secret:NAME}'}
            {readOnly ? '' : '; type {secret: to pick one'}. Secrets are sent over HTTPS only.
          </Typography>
          <Stack spacing={1.5}>
            {step.headers.map((header, position) => {
              const field = `${at}.headers.${position}`;
              return (
                <Stack
                  key={header.key}
                  direction={{ xs: 'column', sm: 'row' }}
                  spacing={1}
                  sx={{ alignItems: 'flex-start' }}
                >
                  <TextField
                    label="Header name"
                    size="small"
                    value={header.name}
                    disabled={readOnly}
                    error={Boolean(errors[`${field}.name`])}
                    helperText={errors[`${field}.name`]}
                    onChange={(event) =>
                      setHeader(position, { ...header, name: event.target.value }, 'name')
                    }
                    sx={{ minWidth: 200 }}
                  />
                  <SecretReferenceField
                    label="Header value"
                    value={header.value}
                    options={secrets}
                    disabled={readOnly}
                    error={errors[`${field}.value`]}
                    warning={warnings[`${field}.value`]}
                    onChange={(value) => setHeader(position, { ...header, value }, 'value')}
                  />
                  {!readOnly && (
                    <IconButton
                      aria-label="Remove header"
                      onClick={() =>
                        onChange(
                          { ...step, headers: step.headers.filter((_, i) => i !== position) },
                          `${at}.headers`,
                        )
                      }
                    >
                      <DeleteOutlineIcon />
                    </IconButton>
                  )}
                </Stack>
              );
            })}
            {step.headers.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                No headers.
              </Typography>
            )}
          </Stack>
          {errors[`${at}.headers`] && (
            <FormHelperText error>{errors[`${at}.headers`]}</FormHelperText>
          )}
          {!readOnly && (
            <Button
              startIcon={<AddIcon />}
              onClick={() =>
                onChange({ ...step, headers: [...step.headers, emptyHeader()] }, `${at}.headers`)
              }
              sx={{ mt: 1 }}
            >
              Add header
            </Button>
          )}
        </Box>
        <TextField
          label="Body"
          multiline
          minRows={3}
          {...text('body')}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
          fullWidth
        />
      </Stack>
    </Paper>
  );
}
