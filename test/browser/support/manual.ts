// The procedures of /work/shared/manual/manage-secrets.txt that both tabs share, followed
// word for word; each test starts from its own data, so none depends on another.
import type { Page } from 'playwright-core';
import {
  daysFromToday,
  fillDateField,
  openSecretsTab,
  secretRow,
  textField,
  type BrowserSuite,
  type SecretsTab,
} from './browser';
import {
  createSecret,
  isAroundDay,
  kindOfTab,
  readSecret,
  uniqueSecretName,
  uniqueValue,
} from './fixtures';
import {
  CreateConnectionMutation,
  CreateWorkflowMutation,
  SecretsQuery,
} from '../../support/operations';

/** "Hover over the secret ... When [the actions button] appears, click on it and select X." */
export async function chooseRowAction(page: Page, tab: SecretsTab, name: string, action: string) {
  const table = page.getByRole('table', { name: tab, exact: true });
  await secretRow(table, name).hover();
  await page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}

export function manualProcedures(suite: BrowserSuite, tab: SecretsTab): void {
  const kind = kindOfTab(tab);
  const label = kind === 'WEBHOOK' ? 'webhook' : 'integration';
  const aLabel = kind === 'WEBHOOK' ? 'a webhook' : 'an integration';

  test(`Add ${label} secrets`, async () => {
    const { page, server, admin } = suite;
    const name = uniqueSecretName(kind === 'WEBHOOK' ? 'github_token' : 'Jira Cloud');
    const value = uniqueValue();
    const description = `Used by the ${label} tests; owned by the platform team.`;
    const expires = daysFromToday(365);

    // "In the left sidebar, click Settings. Under Integrations, select Secrets, then open the
    // <tab> tab."
    const table = await openSecretsTab(page, tab);
    // "Click Add Secret."
    await page.getByRole('button', { name: 'Add Secret', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Secret' });
    // "Fill in the details"
    await textField(dialog, 'Secret name').fill(name);
    await textField(dialog, 'Description (optional)').fill(description);
    const valueField = textField(dialog, 'Secret value');
    expect(await valueField.getAttribute('type')).toBe('password');
    await valueField.fill(value);
    await fillDateField(dialog, 'Expiration date (optional)', expires);
    if (kind === 'WEBHOOK') {
      // "Use this name to reference the secret: {secret:secret_name}"
      await dialog.getByText(`{secret:${name}}`).first().waitFor();
      await dialog.getByRole('button', { name: 'Copy reference' }).waitFor();
    }
    // "Click Create Secret."
    await dialog.getByRole('button', { name: 'Create Secret', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = secretRow(table, name);
    await row.waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByText(description).waitFor();

    const stored = await server.request(SecretsQuery, { filter: { kind, search: name } }, admin);
    const node = stored.data?.secrets.nodes.find((secret) => secret.name === name);
    expect(node).toMatchObject({ kind, status: 'ACTIVE' });
    const secret = await readSecret(server, admin, node?.id ?? '');
    expect(secret?.description).toBe(description);
    expect(isAroundDay(secret?.expiresAt, expires)).toBe(true);
    // "The value is encrypted and never displayed in plaintext again."
    expect(await page.content()).not.toContain(value);
  });

  test(`View ${label} secret details`, async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind,
      name: uniqueSecretName('view'),
      value: uniqueValue(),
      description: 'Shown in the details modal.',
      expiresAt: daysFromToday(400),
    });

    const table = await openSecretsTab(page, tab);
    // "Click the secret you want to view."
    await table.getByRole('button', { name: secret.name, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: secret.name });
    await dialog.getByText('Shown in the details modal.').waitFor();
    await dialog.getByText('Active', { exact: true }).first().waitFor();
    await dialog.getByText('admin@example.com').first().waitFor();
    // Next year: unlike the other dates of a secret made today, only the expiry shows it.
    await dialog
      .getByText(String(daysFromToday(400).getFullYear()))
      .first()
      .waitFor();
    if (kind === 'WEBHOOK') await dialog.getByText(`{secret:${secret.name}}`).first().waitFor();
  });

  test(`Edit ${label} secrets`, async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind,
      name: uniqueSecretName('edit'),
      value: uniqueValue('old'),
      expiresAt: daysFromToday(60),
    });
    const newValue = uniqueValue('new');
    const extended = daysFromToday(400);

    const table = await openSecretsTab(page, tab);
    // "Click the secret you want to change."
    await table.getByRole('button', { name: secret.name, exact: true }).click();
    // "In the modal that appears, click Edit Secret."
    await page
      .getByRole('dialog', { name: secret.name })
      .getByRole('button', { name: 'Edit Secret', exact: true })
      .click();
    // The form may retitle the modal: it is the only dialog open.
    const dialog = page.getByRole('dialog');
    // "secret value — Paste a new value"
    const valueField = textField(dialog, 'Secret value');
    expect(await valueField.inputValue()).toBe('');
    await valueField.fill(newValue);
    // "expiration date (optional) — Extend the expiry window"
    await fillDateField(dialog, 'Expiration date (optional)', extended);
    // "Click Update Secret to save your changes."
    await dialog.getByRole('button', { name: 'Update Secret', exact: true }).click();
    await dialog.getByRole('button', { name: 'Update Secret' }).waitFor({ state: 'detached' });

    const updated = await readSecret(server, admin, secret.id);
    expect(updated?.valueVersion).toBe(2);
    expect(new Date(updated?.expiresAt ?? 0).getTime()).toBeGreaterThan(
      new Date(secret.expiresAt ?? 0).getTime(),
    );
    expect(isAroundDay(updated?.expiresAt, extended)).toBe(true);
    expect(await page.content()).not.toContain(newValue);
  });

  test(`Revoke ${label} secrets`, async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind,
      name: uniqueSecretName('revoke'),
      value: uniqueValue(),
    });

    const table = await openSecretsTab(page, tab);
    const row = secretRow(table, secret.name);
    await row.getByText('Active', { exact: true }).waitFor();
    // "Hover over the secret ... click on it and select Revoke."
    await chooseRowAction(page, tab, secret.name, 'Revoke');
    // "On the confirmation dialogue that appears, select OK to confirm revocation."
    const confirm = page.getByRole('dialog', { name: 'Revoke secret?' });
    await confirm.getByRole('button', { name: 'OK', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    // "Revocation immediately disables the secret ... but does not remove it."
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect((await readSecret(server, admin, secret.id))?.status).toBe('REVOKED');
    await page.reload();
    await secretRow(page.getByRole('table', { name: tab }), secret.name)
      .getByText('Revoked', { exact: true })
      .waitFor();
  });

  test(`Delete ${label} secrets`, async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind,
      name: uniqueSecretName('delete'),
      value: uniqueValue(),
    });

    const table = await openSecretsTab(page, tab);
    const row = secretRow(table, secret.name);
    await row.waitFor();
    // "Hover over the secret you want to remove. When [it] appears, click it, then select Delete."
    await chooseRowAction(page, tab, secret.name, 'Delete');
    // "In the confirmation dialog, select OK to confirm deletion."
    const confirm = page.getByRole('dialog', { name: 'Delete secret?' });
    await confirm.getByRole('button', { name: 'OK', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    expect(await readSecret(server, admin, secret.id)).toBeNull();
  });

  test(`Deleting ${aLabel} secret in use names what depends on it first`, async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind,
      name: uniqueSecretName('in_use'),
      value: uniqueValue(),
    });
    const dependent = uniqueSecretName(kind === 'WEBHOOK' ? 'Workflow' : 'Connection');
    const created =
      kind === 'WEBHOOK'
        ? await server.request(
            CreateWorkflowMutation,
            {
              input: {
                name: dependent,
                steps: [
                  {
                    name: 'Notify',
                    method: 'POST',
                    url: 'https://hooks.example.com/notify',
                    headers: [{ name: 'Authorization', value: `Bearer {secret:${secret.name}}` }],
                  },
                ],
              },
            },
            admin,
          )
        : await server.request(
            CreateConnectionMutation,
            {
              input: {
                name: dependent,
                provider: 'jira',
                baseUrl: 'https://jira.example.com/rest/api/2/myself',
                authScheme: 'BEARER',
                secretId: secret.id,
              },
            },
            admin,
          );
    expect(created.errors).toBeUndefined();

    const table = await openSecretsTab(page, tab);
    await secretRow(table, secret.name).waitFor();
    await chooseRowAction(page, tab, secret.name, 'Delete');
    const confirm = page.getByRole('dialog', { name: 'Delete secret?' });
    await confirm.getByRole('button', { name: 'OK', exact: true }).click();
    // "Be sure to update any [dependents] before deleting it."
    await confirm.getByText(dependent).first().waitFor();
    expect(await readSecret(server, admin, secret.id)).not.toBeNull();
    await confirm.getByRole('button', { name: 'Delete anyway', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await secretRow(table, secret.name).waitFor({ state: 'detached' });
    expect(await readSecret(server, admin, secret.id)).toBeNull();
  });

  test(`An expiring ${label} secret offers to create a new secret or extend its expiration date`, async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind,
      name: uniqueSecretName('expiring'),
      value: uniqueValue(),
      expiresAt: daysFromToday(5),
    });

    const table = await openSecretsTab(page, tab);
    const row = secretRow(table, secret.name);
    await row.getByText('Expiring', { exact: true }).waitFor();
    // "Recommended: Create a new secret and update integrations that should use it."
    await row.getByRole('button', { name: 'Create a new secret' }).click();
    const add = page.getByRole('dialog', { name: 'Add Secret' });
    await add.waitFor();
    await add.getByRole('button', { name: 'Cancel', exact: true }).click();
    await add.waitFor({ state: 'detached' });
    // "Or, to continue using the same secret, extend the expiration date."
    await row.getByRole('button', { name: 'Extend expiration date' }).click();
    // It opens the details modal's edit form, whatever its title.
    const dialog = page.getByRole('dialog');
    await fillDateField(dialog, 'Expiration date (optional)', daysFromToday(90));
    await dialog.getByRole('button', { name: 'Update Secret', exact: true }).click();
    await dialog.getByRole('button', { name: 'Update Secret' }).waitFor({ state: 'detached' });
    // The modal hides the page from the accessibility tree (aria-hidden): close it first.
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Active', { exact: true }).waitFor();
    const updated = await readSecret(server, admin, secret.id);
    expect(updated).toMatchObject({ status: 'ACTIVE', valueVersion: 1 });
  });
}
