// Issue 14 in the admin app: the Versions section of a secret's details, a rollback with its
// confirmation, and Edit Secret meeting a change made elsewhere since it was opened.
import { UpdateSecretMutation } from '../support/operations';
import { storedValue } from '../support/secret-values';
import {
  BROWSER_TEST_TIMEOUT_MS,
  describeBrowser,
  openSecretsTab,
  secretRow,
  textField,
  useBrowserSuite,
} from './support/browser';
import { createSecret, readSecret, uniqueSecretName, uniqueValue } from './support/fixtures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeBrowser('Secret versions', () => {
  const suite = useBrowserSuite();

  test('An admin rolls a secret back to an earlier version after confirming what changes', async () => {
    const { page, server, admin } = suite;
    const name = uniqueSecretName('jira_pat');
    const [first, second] = [uniqueValue('first'), uniqueValue('bad-paste')];
    const secret = await createSecret(server, admin, { kind: 'WEBHOOK', name, value: first });
    await server.mutate(UpdateSecretMutation, { id: secret.id, input: { value: second } }, admin);

    const table = await openSecretsTab(page, 'Webhook Secrets');
    await secretRow(table, name).getByRole('button', { name, exact: true }).click();
    const dialog = page.getByRole('dialog', { name });
    const versions = dialog.getByRole('table', { name: 'Versions', exact: true });
    const row = (version: number) =>
      versions.getByRole('row').filter({ hasText: new RegExp(`^Version ${version}(?!\\d)`) });
    await row(2).getByText('Current', { exact: true }).waitFor();
    expect(await row(2).getByRole('button').count()).toBe(0);
    expect(await row(1).getByText('admin@example.com', { exact: true }).count()).toBe(1);
    expect(await row(1).getByText('Never', { exact: true }).count()).toBe(1);

    await row(1).getByRole('button', { name: 'Roll back to this version', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Roll back to version 1?' });
    await confirm
      .getByText(
        `The value of version 1 becomes the current value of ${name}, stored as version 3.`,
        {
          exact: false,
        },
      )
      .waitFor();
    await confirm
      .getByText('The current value (version 2) stays in the history', { exact: false })
      .waitFor();
    await confirm
      .getByText('The name, description, expiration date and allowed hosts do not change.', {
        exact: false,
      })
      .waitFor();
    await confirm.getByRole('button', { name: 'OK', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });

    await dialog
      .getByText(`Secret "${name}" rolled back: version 3 holds the value of version 1.`)
      .waitFor();
    await row(3).getByText('Current', { exact: true }).waitFor();
    await row(3).getByText('Restored from version 1', { exact: true }).waitFor();
    expect(await row(2).getByText('Current', { exact: true }).count()).toBe(0);
    await dialog
      .getByRole('list', { name: 'History' })
      .getByText('from version 2 to the value of version 1, stored as version 3', { exact: false })
      .waitFor();

    expect(await readSecret(server, admin, secret.id)).toMatchObject({ valueVersion: 3 });
    expect(await storedValue(server, secret.id)).toBe(first);
    const html = await page.content();
    expect(html).not.toContain(first);
    expect(html).not.toContain(second);
  });

  test('Edit Secret reports a change made elsewhere and reloads it, keeping what was typed but the value', async () => {
    const { page, server, admin } = suite;
    const name = uniqueSecretName('billing_key');
    const elsewhere = uniqueValue('elsewhere');
    const typedValue = uniqueValue('typed');
    const secret = await createSecret(server, admin, {
      kind: 'WEBHOOK',
      name,
      value: uniqueValue('first'),
      description: 'as created',
    });

    const table = await openSecretsTab(page, 'Webhook Secrets');
    await secretRow(table, name).getByRole('button', { name, exact: true }).click();
    const dialog = page.getByRole('dialog', { name });
    await dialog.getByRole('button', { name: 'Edit Secret', exact: true }).click();
    const form = dialog.getByRole('form', { name: 'Edit Secret' });
    await textField(form, 'Description (optional)').fill('typed in the browser');
    await textField(form, 'Secret value').fill(typedValue);

    // Another admin stores a new value and restricts the hosts meanwhile.
    await server.mutate(
      UpdateSecretMutation,
      { id: secret.id, input: { value: elsewhere, allowedHosts: ['api.example.com'] } },
      admin,
    );

    await form.getByRole('button', { name: 'Update Secret', exact: true }).click();
    const conflict = form.getByRole('alert').filter({
      hasText: 'Someone else changed this secret since you opened it.',
    });
    await conflict.waitFor();
    expect(
      await form.getByRole('button', { name: 'Update Secret', exact: true }).isDisabled(),
    ).toBe(true);
    // Nothing was applied.
    expect(await readSecret(server, admin, secret.id)).toMatchObject({
      description: 'as created',
      valueVersion: 2,
    });

    await conflict.getByRole('button', { name: 'Reload', exact: true }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await textField(form, 'Description (optional)').inputValue()).toBe(
      'typed in the browser',
    );
    expect(await textField(form, 'Secret value').inputValue()).toBe('');
    await form.getByText('api.example.com', { exact: true }).waitFor();

    await form.getByRole('button', { name: 'Update Secret', exact: true }).click();
    await dialog.getByText(`Secret "${name}" updated.`, { exact: true }).waitFor();
    expect(await readSecret(server, admin, secret.id)).toMatchObject({
      description: 'typed in the browser',
      allowedHosts: ['api.example.com'],
      valueVersion: 2,
    });
    expect(await storedValue(server, secret.id)).toBe(elsewhere);
    expect(await page.content()).not.toContain(elsewhere);
  });
});
