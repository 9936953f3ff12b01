import dayjs from 'dayjs';

/** A readable local date-time, or a dash. */
export const formatDateTime = (value: string | null | undefined): string =>
  value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
