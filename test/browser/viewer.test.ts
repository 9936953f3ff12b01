// A VIEWER sees every page read-only: no control that adds, edits, revokes, deletes, tests or
// runs anything.
import type { Locator, Page } from 'playwright-core';
import {
  CreateConnectionMutation,
  CreateUserMutation,
  CreateWorkflowMutation,
} from '../support/operations';
import {
  BROWSER_TEST_TIMEOUT_MS,
  describeBrowser,
  loginAs,
  openIntegrationsPage,
  openSecretsTab,
  secretRow,
  useBrowserSuite,
} from './support/browser';
import { createSecret, uniqueSecretName, uniqueValue } from './support/fixtures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const VIEWER_EMAIL = 'viewer@example.com';
const VIEWER_PASSWORD = 'a viewer password long enough';

/** Fails if `scope` holds a button named `name` (exact, or matching the pattern). */
async function expectNoButton(scope: Page | Locator, name: string | RegExp) {
  const buttons = scope.getByRole('button', { name, exact: typeof name === 'string' });
  expect({ button: String(name), count: await buttons.count() }).toEqual({
    button: String(name),
    count: 0,
  });
}

describeBrowser('Viewer', () => {
  const suite = useBrowserSuite({ loginAsAdmin: false });
  let integration: { id: string; name: string };
  let webhook: { id: string; name: string };
  let connectionName: string;
  let workflowName: string;

  beforeAll(async () => {
    const { server, admin } = suite;
    const user = await server.request(
      CreateUserMutation,
      { input: { email: VIEWER_EMAIL, password: VIEWER_PASSWORD, role: 'VIEWER' } },
      admin,
    );
    expect(user.errors).toBeUndefined();
    integration = await createSecret(server, admin, {
      kind: 'INTEGRATION',
      name: uniqueSecretName('Jira token'),
      value: uniqueValue(),
    });
    webhook = await createSecret(server, admin, {
      kind: 'WEBHOOK',
      name: uniqueSecretName('hook'),
      value: uniqueValue(),
    });
    connectionName = uniqueSecretName('Jira connection');
    const connection = await server.request(
      CreateConnectionMutation,
      {
        input: {
          name: connectionName,
          provider: 'jira',
          baseUrl: 'https://jira.example.com/rest/api/2/myself',
          authScheme: 'BEARER',
          secretId: integration.id,
        },
      },
      admin,
    );
    expect(connection.errors).toBeUndefined();
    workflowName = uniqueSecretName('Notify');
    const workflow = await server.request(
      CreateWorkflowMutation,
      {
        input: {
          name: workflowName,
          steps: [
            {
              name: 'Post',
              method: 'POST',
              url: 'https://hooks.example.com/notify',
              headers: [{ name: 'Authorization', value: `Bearer {secret:${webhook.name}}` }],
            },
          ],
        },
      },
      admin,
    );
    expect(workflow.errors).toBeUndefined();
    // Every test's tab shares this login.
    await loginAs(suite.browser.page, VIEWER_EMAIL, VIEWER_PASSWORD);
    await suite.browser.page.goto('about:blank');
  });

  test('The secrets page shows secrets without Add Secret, row actions or Edit Secret', async () => {
    const { page } = suite;
    for (const [tab, secret] of [
      ['Integration Secrets', integration],
      ['Webhook Secrets', webhook],
    ] as const) {
      const table = await openSecretsTab(page, tab);
      const row = secretRow(table, secret.name);
      await row.waitFor();
      await row.hover();
      await expectNoButton(page, 'Add Secret');
      await expectNoButton(page, /^Actions for /);
      await table.getByRole('button', { name: secret.name, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: secret.name });
      await dialog.waitFor();
      // Loaded: the details show who created it.
      await dialog.getByText('admin@example.com').first().waitFor();
      await expectNoButton(dialog, 'Edit Secret');
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    }
  });

  test('The connections page has no Add Connection or Test connection', async () => {
    const { page } = suite;
    await openIntegrationsPage(page, 'Connections');
    const table = page.getByRole('table', { name: 'Connections', exact: true });
    await table.getByText(connectionName).waitFor();
    await expectNoButton(page, 'Add Connection');
    await expectNoButton(page, 'Test connection');
  });

  test('The workflows pages have no New Workflow or Run', async () => {
    const { page } = suite;
    await openIntegrationsPage(page, 'Workflows');
    const table = page.getByRole('table', { name: 'Workflows', exact: true });
    await table.getByText(workflowName).waitFor();
    await expectNoButton(page, 'New Workflow');
    await table.getByRole('link', { name: workflowName }).click();
    await page.getByRole('heading', { name: 'Step 1', exact: true }).waitFor();
    await expectNoButton(page, 'Run');
    await expectNoButton(page, 'Save workflow');
  });
});
