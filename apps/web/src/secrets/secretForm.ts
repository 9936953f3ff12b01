import type { SecretKind, UpdateSecretInput } from '@secrets/schema/generated/graphql';
import dayjs, { type Dayjs } from 'dayjs';
// The server's rule for allowed hosts (exact or *.example.com, at most 50), with its messages.
import { allowedHostsProblem, normaliseAllowedHosts } from '@secrets/rules';
import type { ApiError } from '../common/errors';

/** The fields of the Add and Edit forms; the value lives only as long as the form does. */
export interface SecretFormValues {
  name: string;
  description: string;
  value: string;
  expiresAt: Dayjs | null;
  /** Normalised as the server stores them; empty means any host. */
  allowedHosts: string[];
}

export type SecretFormField = keyof SecretFormValues;
export type FieldErrors = Partial<Record<SecretFormField, string>>;

// DESIGN.md S1: webhook names are written inside {secret:NAME}.
export const WEBHOOK_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const WEBHOOK_NAME_RULE =
  'Use 1 to 64 letters, digits, _ or - (no spaces), since the name is written inside {secret:NAME}.';
const INTEGRATION_NAME_MAX = 100;

export const emptySecretForm = (): SecretFormValues => ({
  name: '',
  description: '',
  value: '',
  expiresAt: null,
  allowedHosts: [],
});

export const referenceFor = (name: string): string => `{secret:${name.trim()}}`;

/** A pasted value is stored exactly as given, so stray spaces or newlines would be kept. */
export const hasOuterWhitespace = (value: string): boolean =>
  value.length > 0 && value !== value.trim();

export const WHITESPACE_WARNING =
  'The value starts or ends with whitespace. It is stored exactly as pasted: remove it unless it is part of the credential.';

export function nameError(kind: SecretKind, name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a secret name.';
  if (kind === 'WEBHOOK' && !WEBHOOK_NAME.test(trimmed)) return WEBHOOK_NAME_RULE;
  if (trimmed.length > INTEGRATION_NAME_MAX)
    return `Use at most ${INTEGRATION_NAME_MAX} characters.`;
  return undefined;
}

export function valueError(kind: SecretKind, value: string): string | undefined {
  if (kind === 'WEBHOOK' && /[\r\n]/.test(value))
    return 'A webhook secret value cannot contain line breaks, since it is sent in a header.';
  return undefined;
}

export const HOST_SEPARATORS = /[\s,]+/;

/**
 * Entries as typed or pasted (commas, spaces or line breaks may separate several hosts in
 * one), normalised by the server's own rule so that the list shows what will be stored.
 */
export const parseHosts = (entries: readonly string[]): string[] =>
  normaliseAllowedHosts(entries.flatMap((entry) => entry.split(HOST_SEPARATORS)).filter(Boolean));

/** Whether one entry passes the server's rule, to mark the chip that does not. */
export const isValidHost = (host: string): boolean => allowedHostsProblem([host]) === undefined;

/** The picked day counts in full: the secret expires at the end of it, local time. */
export const expiryInstant = (date: Dayjs): string => date.endOf('day').toISOString();

/** A new expiry must be a real day, today or later; an unchanged past one may stay. */
export function expiryError(date: Dayjs | null, current?: string | null): string | undefined {
  if (date === null) return undefined;
  if (!date.isValid()) return 'Enter a complete date, or clear the field.';
  if (current && date.isSame(dayjs(current), 'day')) return undefined;
  if (date.isBefore(dayjs(), 'day')) return 'Pick today or a later date.';
  return undefined;
}

export function validateCreate(kind: SecretKind, values: SecretFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const expiry = expiryError(values.expiresAt);
  if (expiry) errors.expiresAt = expiry;
  const name = nameError(kind, values.name);
  if (name) errors.name = name;
  const hosts = allowedHostsProblem(values.allowedHosts);
  if (hosts) errors.allowedHosts = hosts;
  if (values.value === '') errors.value = 'Enter the secret value.';
  else {
    const value = valueError(kind, values.value);
    if (value) errors.value = value;
  }
  return errors;
}

export function validateUpdate(
  kind: SecretKind,
  values: SecretFormValues,
  current: StoredSecret,
): FieldErrors {
  const errors: FieldErrors = {};
  const expiry = expiryError(values.expiresAt, current.expiresAt);
  if (expiry) errors.expiresAt = expiry;
  const name = nameError(kind, values.name);
  if (name) errors.name = name;
  const value = values.value === '' ? undefined : valueError(kind, values.value);
  if (value) errors.value = value;
  const hosts = allowedHostsProblem(values.allowedHosts);
  if (hosts) errors.allowedHosts = hosts;
  return errors;
}

export interface StoredSecret {
  name: string;
  description: string | null;
  expiresAt: string | null;
  allowedHosts: readonly string[];
}

export const formFromSecret = (secret: StoredSecret): SecretFormValues => ({
  name: secret.name,
  description: secret.description ?? '',
  value: '',
  expiresAt: secret.expiresAt ? dayjs(secret.expiresAt) : null,
  allowedHosts: [...secret.allowedHosts],
});

/** The order of allowed hosts means nothing; neither list has duplicates. */
const sameHosts = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((host) => b.includes(host));

/**
 * Only what changed (DESIGN.md S4): absent fields stay, null clears the description or the
 * expiry, a blank value keeps the current one, and allowed hosts are sent as the whole new
 * list (an empty one allows any host again).
 */
export function changedFields(secret: StoredSecret, values: SecretFormValues): UpdateSecretInput {
  const input: UpdateSecretInput = {};
  const name = values.name.trim();
  if (name !== secret.name) input.name = name;
  const description = values.description.trim() || null;
  if (description !== (secret.description ?? null)) input.description = description;
  if (values.value !== '') input.value = values.value;
  if (values.expiresAt === null) {
    if (secret.expiresAt !== null) input.expiresAt = null;
  } else if (!secret.expiresAt || !values.expiresAt.isSame(dayjs(secret.expiresAt), 'day')) {
    input.expiresAt = expiryInstant(values.expiresAt);
  }
  if (!sameHosts(values.allowedHosts, secret.allowedHosts))
    input.allowedHosts = values.allowedHosts;
  return input;
}

/**
 * The form again on `current`, the secret as it is now, after someone else changed it since
 * the form was opened on `opened` (VERSION_CONFLICT): what was typed stays, every field left
 * untouched shows the current metadata, and the value is blank, to be entered again if it
 * should still replace the current one.
 */
export function rebaseForm(
  opened: StoredSecret,
  current: StoredSecret,
  values: SecretFormValues,
): SecretFormValues {
  const typed = changedFields(opened, values);
  const fresh = formFromSecret(current);
  return {
    name: 'name' in typed ? values.name : fresh.name,
    description: 'description' in typed ? values.description : fresh.description,
    expiresAt: 'expiresAt' in typed ? values.expiresAt : fresh.expiresAt,
    allowedHosts: 'allowedHosts' in typed ? values.allowedHosts : fresh.allowedHosts,
    value: '',
  };
}

const FORM_FIELDS: readonly string[] = [
  'name',
  'description',
  'value',
  'expiresAt',
  'allowedHosts',
];
const isFormField = (field: string): field is SecretFormField => FORM_FIELDS.includes(field);

/** Where an API error belongs: on a field of the form, or in the dialog's alert. */
export function placeApiError(error: ApiError): { field?: SecretFormField; message: string } {
  if (error.field && isFormField(error.field))
    return { field: error.field, message: error.message };
  if (error.code === 'SECRET_NAME_TAKEN') return { field: 'name', message: error.message };
  return { message: error.message };
}
