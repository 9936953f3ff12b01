import { badInput } from '../common/errors';
import { allowedHostsProblem, normaliseAllowedHosts } from '@secrets/rules';
import { SecretKind } from './secret-kind';

export const MAX_VALUE_BYTES = 64 * 1024;
export const MAX_DESCRIPTION_LENGTH = 1000;
const WEBHOOK_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** Half of a UTF-16 surrogate pair, alone: not text, and UTF-8 would turn it into U+FFFD. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** S1: returns the name as stored (trimmed), or refuses it. */
export function checkSecretName(kind: SecretKind, name: string): string {
  const trimmed = name.trim();
  if (kind === SecretKind.WEBHOOK) {
    if (!WEBHOOK_NAME.test(trimmed)) {
      throw badInput(
        'A webhook secret name is 1 to 64 letters, digits, _ or -, since it is written inside {secret:NAME}.',
        'name',
      );
    }
    return trimmed;
  }
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw badInput('An integration secret name is 1 to 100 characters.', 'name');
  }
  if (CONTROL_CHARACTERS.test(trimmed) || UNPAIRED_SURROGATE.test(trimmed)) {
    throw badInput('A secret name cannot contain control characters.', 'name');
  }
  return trimmed;
}

/** S2: 1 byte to 64 KiB, kept exactly as given; a webhook value must fit in a header. */
export function checkSecretValue(kind: SecretKind, value: string): void {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < 1) throw badInput('The secret value cannot be empty.', 'value');
  // Stored exactly as given (S2): a value that UTF-8 cannot carry is refused, not altered.
  if (UNPAIRED_SURROGATE.test(value)) {
    throw badInput(
      'The secret value is not valid Unicode text: it has half of a surrogate pair.',
      'value',
    );
  }
  if (bytes > MAX_VALUE_BYTES) throw badInput('The secret value is larger than 64 KiB.', 'value');
  if (kind === SecretKind.WEBHOOK && /[\r\n\0]/.test(value)) {
    throw badInput(
      'A webhook secret value cannot contain line breaks or NUL, since it is sent in a header.',
      'value',
    );
  }
}

/** Empty text clears the description. */
export function checkDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) {
    throw badInput(
      `The description is longer than ${MAX_DESCRIPTION_LENGTH} characters.`,
      'description',
    );
  }
  return trimmed === '' ? null : trimmed;
}

/** S3: an expiry, when given, lies in the future. */
export function checkExpiry(expiresAt: Date | null | undefined, now: Date): Date | null {
  if (expiresAt == null) return null;
  if (Number.isNaN(expiresAt.getTime()))
    throw badInput('The expiration date is not a valid date.', 'expiresAt');
  if (expiresAt.getTime() <= now.getTime()) {
    throw badInput('The expiration date must lie in the future.', 'expiresAt');
  }
  return expiresAt;
}

/** Exact host names or `*.example.com`, lower-cased, without duplicates. */
export function checkAllowedHosts(hosts: readonly string[] | null | undefined): string[] {
  const normalised = normaliseAllowedHosts(hosts ?? []);
  const problem = allowedHostsProblem(normalised);
  if (problem !== undefined) throw badInput(problem, 'allowedHosts');
  return normalised;
}

/**
 * The associated data that binds a ciphertext to its secret and version (V1), so that it
 * will not open under another secret, kind or version number. `version` is null only for a
 * value sealed before versions existed (SecretVersion.bindsVersion), bound to id and kind.
 */
export const secretAssociatedData = (
  id: string,
  kind: SecretKind,
  version: number | null,
): string => (version === null ? `secret:${id}:${kind}` : `secret:${id}:${kind}:${version}`);

/** The associated data of a stored version of the secret `secret`. */
export const versionAssociatedData = (
  secret: { id: string; kind: SecretKind },
  version: { version: number; bindsVersion: boolean },
): string =>
  secretAssociatedData(secret.id, secret.kind, version.bindsVersion ? version.version : null);

/**
 * Whether a secret restricted to `allowedHosts` may be sent to `host`. An empty list allows
 * any host; `*.example.com` allows every subdomain of example.com, not example.com itself.
 */
export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.length === 0) return true;
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowedHosts.some((pattern) =>
    pattern.startsWith('*.')
      ? name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1
      : name === pattern,
  );
}
