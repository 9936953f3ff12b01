import { Autocomplete, Chip, TextField } from '@mui/material';
import { useState, type ClipboardEvent } from 'react';
import { allowedHostsProblem } from '@secrets/rules';
import { HOST_SEPARATORS, isValidHost, parseHosts } from './secretForm';

export const ALLOWED_HOSTS_HELP =
  'The secret is only sent to these hosts. Leave empty to allow any host. Use *.example.com for subdomains; press Enter or type a comma after each host.';

interface Props {
  hosts: string[];
  /** The error of the last submit (the server's, or the same rule checked here). */
  error?: string;
  onChange: (hosts: string[]) => void;
}

/** "Allowed hosts": one chip per host; empty means the secret may be sent to any host. */
export function AllowedHostsField({ hosts, error, onChange }: Props) {
  const [text, setText] = useState('');
  // The rule shows as soon as a chip breaks it, so the reason is clear before submitting.
  const problem = error ?? allowedHostsProblem(hosts);

  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      // A host typed but not yet ended with Enter still counts when the field loses focus.
      autoSelect
      options={[]}
      value={hosts}
      inputValue={text}
      clearText="Clear allowed hosts"
      onChange={(_event, next) => onChange(parseHosts(next))}
      onInputChange={(_event, next, reason) => {
        // A comma, space or line break (typed or pasted) ends the hosts before it.
        const parts = next.split(HOST_SEPARATORS);
        if (reason === 'input' && parts.length > 1) {
          setText(parts.pop() ?? '');
          onChange(parseHosts([...hosts, ...parts]));
        } else {
          setText(next);
        }
      }}
      renderValue={(value, getItemProps) =>
        value.map((host, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return (
            <Chip
              key={key}
              {...itemProps}
              label={host}
              size="small"
              color={isValidHost(host) ? 'default' : 'error'}
            />
          );
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Allowed hosts (optional)"
          placeholder={hosts.length === 0 ? 'Any host' : undefined}
          error={Boolean(problem)}
          helperText={problem ?? ALLOWED_HOSTS_HELP}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps.htmlInput,
              autoComplete: 'off',
              spellCheck: false,
              // A pasted list becomes chips, line breaks included (an input drops them).
              onPaste: (event: ClipboardEvent<HTMLInputElement>) => {
                const pasted = event.clipboardData.getData('text');
                if (!HOST_SEPARATORS.test(pasted.trim())) return;
                event.preventDefault();
                onChange(parseHosts([...hosts, pasted]));
              },
            },
          }}
        />
      )}
    />
  );
}
