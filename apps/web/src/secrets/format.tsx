import { Chip, Typography, type ChipProps } from '@mui/material';
import type { SecretKind, SecretStatus } from '@secrets/schema/generated/graphql';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

export const KIND_LABEL: Record<SecretKind, string> = {
  INTEGRATION: 'Integration',
  WEBHOOK: 'Webhook',
};

export const STATUS_LABEL: Record<SecretStatus, string> = {
  ACTIVE: 'Active',
  EXPIRING: 'Expiring',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

const STATUS_COLOR: Record<SecretStatus, ChipProps['color']> = {
  ACTIVE: 'success',
  EXPIRING: 'warning',
  EXPIRED: 'error',
  REVOKED: 'default',
};

/** Expiring and expired secrets need a decision: create a new one or extend the date. */
export const needsRotation = (status: SecretStatus): boolean =>
  status === 'EXPIRING' || status === 'EXPIRED';

export function StatusChip({ status }: { status: SecretStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABEL[status]}
      color={STATUS_COLOR[status]}
      variant={status === 'REVOKED' ? 'outlined' : 'filled'}
    />
  );
}

/** A readable local date (or date and time), with the full ISO instant on hover. */
export function DateText({
  value,
  withTime = false,
  empty = '—',
}: {
  value: string | null | undefined;
  withTime?: boolean;
  empty?: string;
}) {
  if (!value) return <>{empty}</>;
  const date = dayjs(value);
  return (
    <Typography component="time" variant="inherit" dateTime={value} title={date.toISOString()}>
      {date.format(withTime ? 'MMM D, YYYY h:mm A' : 'MMM D, YYYY')}
    </Typography>
  );
}

/** "in 3 days", "2 hours ago": how close an expiry is. */
export const fromNow = (value: string): string => dayjs(value).fromNow();
