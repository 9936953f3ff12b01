// "The secret can now be selected when configuring connections": a connection that uses an
// integration secret chosen from the dropdown, tested against a real HTTPS peer.
import { useHttpsPeer } from '../support/https-peer';
import { RevokeSecretMutation } from '../support/operations';
import {
  BROWSER_TEST_TIMEOUT_MS,
  chooseOption,
  describeBrowser,
  openIntegrationsPage,
  textField,
  useBrowserSuite,
} from './support/browser';
import { createSecret, uniqueSecretName, uniqueValue } from './support/fixtures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeBrowser('Connections', () => {
  const suite = useBrowserSuite();
  const https = useHttpsPeer();

  test('Add a connection with an integration secret from the dropdown and test it', async () => {
    const { page, server, admin } = suite;
    const { peer } = https;
    const value = uniqueValue('jira');
    const secret = await createSecret(server, admin, {
      kind: 'INTEGRATION',
      name: uniqueSecretName('Jira service account'),
      value,
    });
    // Neither a revoked integration secret nor a webhook secret may be offered.
    const revoked = await createSecret(server, admin, {
      kind: 'INTEGRATION',
      name: uniqueSecretName('Revoked token'),
      value: uniqueValue(),
    });
    await server.request(RevokeSecretMutation, { id: revoked.id }, admin);
    const webhook = await createSecret(server, admin, {
      kind: 'WEBHOOK',
      name: uniqueSecretName('hook'),
      value: uniqueValue(),
    });
    const received = peer.received.length;

    await openIntegrationsPage(page, 'Connections');
    await page.getByRole('button', { name: 'Add Connection', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Connection' });
    await textField(dialog, 'Name').fill('Jira Cloud');
    await textField(dialog, 'Provider').fill('jira');
    await textField(dialog, 'Base URL').fill(`${peer.url}/rest/api/2/myself`);
    await chooseOption(dialog, 'Auth scheme', 'Bearer');

    await dialog.getByRole('combobox', { name: 'Integration secret', exact: true }).click();
    const options = page.getByRole('option');
    await page.getByRole('option', { name: secret.name, exact: true }).waitFor();
    const offered = await options.allInnerTexts();
    expect(offered.some((text) => text.includes(revoked.name))).toBe(false);
    expect(offered.some((text) => text.includes(webhook.name))).toBe(false);
    await page.getByRole('option', { name: secret.name, exact: true }).click();

    await dialog.getByRole('button', { name: 'Create Connection', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByRole('table', { name: 'Connections', exact: true });
    const row = table.getByRole('row').filter({ hasText: 'Jira Cloud' });
    await row.getByText(secret.name).waitFor();
    await row.getByRole('button', { name: 'Test connection' }).click();
    // "OK + HTTP status + duration"
    await page
      .getByText(/\bOK\b.*\b200\b|\b200\b.*\bOK\b/)
      .first()
      .waitFor();

    const calls = peer.received.slice(received);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', url: '/rest/api/2/myself' });
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${value}`);
    expect(await page.content()).not.toContain(value);
  });
});
