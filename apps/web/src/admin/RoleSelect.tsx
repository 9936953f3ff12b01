import { MenuItem, TextField } from '@mui/material';

export type RoleValue = 'ADMIN' | 'VIEWER';

export function RoleSelect(props: { value: RoleValue; onChange: (role: RoleValue) => void }) {
  return (
    <TextField
      select
      label="Role"
      value={props.value}
      onChange={(event) => props.onChange(event.target.value === 'ADMIN' ? 'ADMIN' : 'VIEWER')}
    >
      <MenuItem value="VIEWER">Viewer (read only)</MenuItem>
      <MenuItem value="ADMIN">Admin</MenuItem>
    </TextField>
  );
}
