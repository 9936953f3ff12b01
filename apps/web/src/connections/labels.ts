import type { ChipProps } from '@mui/material';
import type {
  ConnectionAuthScheme,
  ConnectionStatus,
  SecretStatus,
} from '@secrets/schema/generated/graphql';

export const AUTH_SCHEMES: { value: ConnectionAuthScheme; label: string }[] = [
  { value: 'BEARER', label: 'Bearer' },
  { value: 'BASIC', label: 'Basic' },
  { value: 'HEADER', label: 'Header' },
];

export const authSchemeLabel = (scheme: ConnectionAuthScheme): string =>
  AUTH_SCHEMES.find((option) => option.value === scheme)?.label ?? scheme;

export const CONNECTION_STATUS: Record<
  ConnectionStatus,
  { label: string; color: ChipProps['color'] }
> = {
  READY: { label: 'Ready', color: 'success' },
  SECRET_EXPIRED: { label: 'Secret expired', color: 'warning' },
  SECRET_REVOKED: { label: 'Secret revoked', color: 'error' },
  SECRET_MISSING: { label: 'Secret missing', color: 'error' },
};

export const SECRET_STATUS: Record<SecretStatus, { label: string; color: ChipProps['color'] }> = {
  ACTIVE: { label: 'Active', color: 'success' },
  EXPIRING: { label: 'Expiring', color: 'warning' },
  EXPIRED: { label: 'Expired', color: 'error' },
  REVOKED: { label: 'Revoked', color: 'default' },
};
