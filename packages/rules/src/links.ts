/**
 * Where a secret's details open in the admin app (the bell, and the link in a reminder email): its
 * tab of the Secrets page, with the details modal.
 */
export function secretLink(secretId: string, kind: 'INTEGRATION' | 'WEBHOOK'): string {
  const tab = kind === 'WEBHOOK' ? 'webhook' : 'integration';
  return `/settings/integrations/secrets?tab=${tab}&secret=${encodeURIComponent(secretId)}`;
}
