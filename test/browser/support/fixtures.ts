// Data made through the API, for the procedures that start from an existing secret.
import { randomBytes } from 'node:crypto';
import type { SecretKind } from '../../../packages/schema/generated/graphql';
import { CreateSecretMutation, SecretQuery } from '../../support/operations';
import type { TestServer } from '../../support/server';

const suffix = () => randomBytes(3).toString('hex');

/** A secret name valid for both kinds (webhook names allow only letters, digits, _ and -). */
export const uniqueSecretName = (prefix: string) => `${prefix}_${suffix()}`;

/** A credential-like value that is easy to search for in the page's HTML. */
export const uniqueValue = (prefix = 'tok') => `${prefix}-${randomBytes(12).toString('hex')}`;

export const kindOfTab = (tab: 'Integration Secrets' | 'Webhook Secrets'): SecretKind =>
  tab === 'Webhook Secrets' ? 'WEBHOOK' : 'INTEGRATION';

export async function createSecret(
  server: TestServer,
  admin: { cookie: string },
  input: {
    kind: SecretKind;
    name: string;
    value: string;
    description?: string;
    expiresAt?: Date;
  },
) {
  const result = await server.request(
    CreateSecretMutation,
    { input: { ...input, expiresAt: input.expiresAt?.toISOString() } },
    admin,
  );
  const secret = result.data?.createSecret;
  if (!secret) throw new Error(`createSecret failed: ${JSON.stringify(result.errors)}`);
  return secret;
}

export async function readSecret(server: TestServer, admin: { cookie: string }, id: string) {
  const result = await server.request(SecretQuery, { id }, admin);
  if (result.errors) throw new Error(`secret query failed: ${JSON.stringify(result.errors)}`);
  return result.data?.secret ?? null;
}

const DAY_MS = 86_400_000;

/** Whether an API date lies on the calendar day of `day` (local), give or take time zones. */
export const isAroundDay = (iso: string | null | undefined, day: Date): boolean =>
  iso != null && Math.abs(new Date(iso).getTime() - (day.getTime() + DAY_MS / 2)) <= DAY_MS;
