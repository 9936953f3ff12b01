import {
  Chip,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Popper,
  TextField,
  Typography,
} from '@mui/material';
import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { SECRET_STATUS } from '../connections/labels';
import type { WebhookSecretOption } from './form';
import { completeReference, matchingNames, referenceTrigger } from './template';

interface SecretReferenceFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly WebhookSecretOption[];
  error?: string;
  warning?: string;
  disabled?: boolean;
}

/**
 * A text field that, once `{secret:` is typed, offers the webhook secret names (the ARIA
 * combobox pattern: focus stays in the field, arrows move through the list, Enter or Tab
 * chooses, Escape closes) and completes the token at the caret.
 */
export function SecretReferenceField({
  label,
  value,
  onChange,
  options,
  error,
  warning,
  disabled = false,
}: SecretReferenceFieldProps) {
  const listId = useId();
  const anchorRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(0);

  // Only non-revoked secrets are worth offering; a revoked one fails every run.
  const usable = options.filter((option) => option.status !== 'REVOKED');
  const trigger = focused && caret !== null ? referenceTrigger(value, caret) : null;
  const matches = trigger ? matchingNames(usable, trigger.prefix) : [];
  const open = Boolean(trigger) && !dismissed && !disabled;
  const highlighted = Math.min(active, Math.max(matches.length - 1, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  // Put the caret after a completed token once the new value is rendered.
  useLayoutEffect(() => {
    const position = pendingCaret.current;
    if (position === null || !inputRef.current) return;
    pendingCaret.current = null;
    inputRef.current.setSelectionRange(position, position);
    setCaret(position);
  }, [value]);

  const trackCaret = (event: SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setCaret(event.currentTarget.selectionStart);

  function choose(name: string) {
    if (!trigger) return;
    const completed = completeReference(value, trigger, name);
    pendingCaret.current = completed.caret;
    setActive(0);
    onChange(completed.text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!open) return;
    const chosen = matches[highlighted];
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((highlighted + 1) % Math.max(matches.length, 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((highlighted - 1 + matches.length) % Math.max(matches.length, 1));
        break;
      case 'Enter':
      case 'Tab':
        if (chosen) {
          event.preventDefault();
          choose(chosen.name);
        }
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        setDismissed(true);
        break;
    }
  }

  return (
    <>
      <TextField
        ref={anchorRef}
        inputRef={inputRef}
        label={label}
        value={value}
        disabled={disabled}
        onChange={(event) => {
          setDismissed(false);
          setActive(0);
          trackCaret(event);
          onChange(event.target.value);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={onKeyDown}
        error={Boolean(error)}
        helperText={error ?? warning}
        size="small"
        fullWidth
        slotProps={{
          htmlInput: {
            role: 'combobox',
            // Arrow keys and clicks move the caret without a change event.
            onSelect: trackCaret,
            autoComplete: 'off',
            spellCheck: false,
            'aria-autocomplete': 'list',
            'aria-expanded': open,
            'aria-controls': open && matches.length > 0 ? listId : undefined,
            'aria-activedescendant': open && matches.length > 0 ? optionId(highlighted) : undefined,
          },
          formHelperText: warning && !error ? { sx: { color: 'warning.dark' } } : undefined,
        }}
      />
      <Popper
        open={open}
        anchorEl={anchorRef.current}
        placement="bottom-start"
        sx={{ zIndex: (theme) => theme.zIndex.modal }}
      >
        <Paper elevation={4} sx={{ minWidth: 240, maxHeight: 280, overflow: 'auto' }}>
          {matches.length === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
              {usable.length === 0
                ? 'No webhook secrets yet. Add one on the Secrets page.'
                : 'No webhook secret matches.'}
            </Typography>
          ) : (
            <List id={listId} role="listbox" aria-label="Webhook secrets" dense>
              {matches.map((option, index) => (
                <ListItemButton
                  key={option.name}
                  id={optionId(index)}
                  role="option"
                  aria-label={option.name}
                  aria-selected={index === highlighted}
                  selected={index === highlighted}
                  tabIndex={-1}
                  // Keep the focus (and the caret) in the field while choosing with the mouse.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(option.name)}
                >
                  <ListItemText primary={option.name} />
                  {option.status !== 'ACTIVE' && (
                    <Chip
                      size="small"
                      label={SECRET_STATUS[option.status].label}
                      color={SECRET_STATUS[option.status].color}
                      sx={{ ml: 1 }}
                    />
                  )}
                </ListItemButton>
              ))}
            </List>
          )}
        </Paper>
      </Popper>
    </>
  );
}
