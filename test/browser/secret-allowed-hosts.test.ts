// Per-secret allowed hosts in the admin app: set on Add Secret, shown in the details modal,
// changed on Edit Secret; a workflow run to a host off the list fails and sends nothing.
import { useHttpsPeer } from '../support/https-peer';
import { CreateWorkflowMutation, SecretsQuery } from '../support/operations';
import {
  BROWSER_TEST_TIMEOUT_MS,
  describeBrowser,
  openSecretsTab,
  secretRow,
  textField,
  useBrowserSuite,
} from './support/browser';
import { readSecret, uniqueSecretName, uniqueValue } from './support/fixtures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeBrowser('Secret allowed hosts', () => {
  const suite = useBrowserSuite();
  const https = useHttpsPeer();

  test('An admin restricts a webhook secret to a host, edits the list, and a run elsewhere fails', async () => {
    const { page, server, admin } = suite;
    const { peer } = https;
    const name = uniqueSecretName('billing_key');
    const value = uniqueValue('billing');
    const peerHost = new URL(peer.url).hostname;

    // Add Secret, with the peer's host as the only allowed host.
    const table = await openSecretsTab(page, 'Webhook Secrets');
    await page.getByRole('button', { name: 'Add Secret', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'Add Secret' });
    await textField(add, 'Secret name').fill(name);
    await textField(add, 'Secret value').fill(value);
    const addHosts = textField(add, 'Allowed hosts (optional)');
    await add.getByText('Leave empty to allow any host.', { exact: false }).waitFor();
    await addHosts.fill(peerHost);
    await addHosts.press('Enter');
    await add.getByText(peerHost, { exact: true }).waitFor();
    await add.getByRole('button', { name: 'Create Secret', exact: true }).click();
    await add.waitFor({ state: 'detached' });

    // The details modal lists it.
    await secretRow(table, name).getByRole('button', { name, exact: true }).click();
    const details = page.getByRole('dialog', { name }).getByLabel('Details', { exact: true });
    await details.getByText(peerHost, { exact: true }).waitFor();

    // Edit Secret: the host replaced by another, the value left blank.
    await page
      .getByRole('dialog', { name })
      .getByRole('button', { name: 'Edit Secret', exact: true })
      .click();
    const edit = page.getByRole('dialog');
    expect(await textField(edit, 'Secret value').inputValue()).toBe('');
    const editHosts = textField(edit, 'Allowed hosts (optional)');
    await editHosts.click();
    await editHosts.press('Backspace');
    await editHosts.fill('*.example.com');
    await editHosts.press('Enter');
    await edit.getByRole('button', { name: 'Update Secret', exact: true }).click();
    await details.getByText('*.example.com', { exact: true }).waitFor();
    expect(await details.getByText(peerHost, { exact: true }).count()).toBe(0);

    const found = await server.request(SecretsQuery, { filter: { search: name } }, admin);
    const id = found.data?.secrets.nodes[0]?.id ?? '';
    // The blank value field kept the value: still the first version.
    expect(await readSecret(server, admin, id)).toMatchObject({
      allowedHosts: ['*.example.com'],
      valueVersion: 1,
    });

    // A workflow sending the secret to the peer, now off the list, fails and sends nothing.
    const saved = await server.request(
      CreateWorkflowMutation,
      {
        input: {
          name: 'Charge customer',
          steps: [
            {
              name: 'Charge',
              method: 'POST',
              url: `${peer.url}/charges`,
              headers: [{ name: 'Authorization', value: `Bearer {secret:${name}}` }],
            },
          ],
        },
      },
      admin,
    );
    const workflowId = saved.data?.createWorkflow.id;
    if (!workflowId) throw new Error(JSON.stringify(saved.errors));
    const received = peer.received.length;
    await page.goto(`/settings/integrations/workflows/${workflowId}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = page.getByRole('region', { name: 'Run result' });
    await result.getByText('SECRET_HOST_NOT_ALLOWED', { exact: true }).waitFor();
    await result.getByText(`may only be sent to *.example.com`, { exact: false }).waitFor();
    expect(peer.received.length).toBe(received);
    expect(await page.content()).not.toContain(value);
  });
});
