// "Webhook secrets" in the user manual (manage-secrets.txt), each procedure in the browser,
// and its usage example: a workflow HTTP Request step that sends the secret over HTTPS.
import type { Page } from 'playwright-core';
import { useHttpsPeer } from '../support/https-peer';
import {
  BROWSER_TEST_TIMEOUT_MS,
  chooseOption,
  describeBrowser,
  openIntegrationsPage,
  textField,
  useBrowserSuite,
} from './support/browser';
import { createSecret, uniqueSecretName, uniqueValue } from './support/fixtures';
import { manualProcedures } from './support/manual';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

/** Workflows → New Workflow, named, with one step that has one (empty) header row. */
async function newWorkflowStep(page: Page, name: string) {
  await openIntegrationsPage(page, 'Workflows');
  await page.getByRole('button', { name: 'New Workflow', exact: true }).click();
  await textField(page, 'Workflow name').fill(name);
  if ((await page.getByRole('heading', { name: 'Step 1', exact: true }).count()) === 0) {
    await page.getByRole('button', { name: 'Add step', exact: true }).click();
  }
  if ((await textField(page, 'Header name').count()) === 0) {
    await page.getByRole('button', { name: 'Add header', exact: true }).click();
  }
}

describeBrowser('Manual: webhook secrets', () => {
  const suite = useBrowserSuite();
  manualProcedures(suite, 'Webhook Secrets');

  describe('Usage example', () => {
    const https = useHttpsPeer();

    test('A workflow HTTP Request step sends Authorization: Bearer {{secret:jira_pat}} over HTTPS', async () => {
      const { page, server, admin } = suite;
      const { peer } = https;
      const value = uniqueValue('jira');
      await createSecret(server, admin, { kind: 'WEBHOOK', name: 'jira_pat', value });
      // The peer echoes what it got, so the run's response body would show the value unmasked.
      peer.setHandler((request, response) => {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ received: request.headers.authorization }));
      });
      const received = peer.received.length;

      await newWorkflowStep(page, 'Create Jira issue');
      await textField(page, 'Step name').fill('Create issue');
      await chooseOption(page, 'Method', 'POST');
      await textField(page, 'URL').fill(`${peer.url}/rest/api/2/issue`);
      // "In a workflow HTTP Request step, add a header: Header Name: Authorization, Header
      // Value: Bearer {{secret:jira_pat}}"
      await textField(page, 'Header name').fill('Authorization');
      const headerValue = textField(page, 'Header value');
      await headerValue.fill('Bearer {{secret:jira_pat}}');
      // Closes the secret-name suggestions, if any, without choosing one.
      await headerValue.press('Escape');
      expect(await headerValue.inputValue()).toBe('Bearer {{secret:jira_pat}}');
      await textField(page, 'Body').fill('{"fields":{"summary":"Hello"}}');

      await page.getByRole('button', { name: 'Save workflow', exact: true }).click();
      await page.waitForURL(/\/settings\/integrations\/workflows\/(?!new)[^/?#]+/);
      const run = page.getByRole('button', { name: 'Run', exact: true });
      await run.click();
      // "At runtime, the workflow engine replaces {secret:jira_pat} with the stored value and
      // sends the request over HTTPS."
      const result = page.getByRole('region', { name: 'Run result' });
      await result
        .getByText(/^succeeded$/i)
        .first()
        .waitFor();
      const calls = peer.received.slice(received);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'POST', url: '/rest/api/2/issue' });
      expect(calls[0]?.headers.authorization).toBe(`Bearer ${value}`);
      expect(await page.content()).not.toContain(value);
    });

    test('The step editor completes {secret: references and wants HTTPS for them', async () => {
      const { page, server, admin } = suite;
      const secret = await createSecret(server, admin, {
        kind: 'WEBHOOK',
        name: uniqueSecretName('pagerduty_key'),
        value: uniqueValue(),
      });

      await newWorkflowStep(page, 'Page the on-call engineer');
      await textField(page, 'Header name').fill('Authorization');
      const headerValue = textField(page, 'Header value');
      await headerValue.click();
      // "Use this name to reference the secret: {secret:secret_name}"
      await headerValue.pressSequentially('Token {secret:');
      await page.getByRole('option', { name: secret.name, exact: true }).click();
      expect(await headerValue.inputValue()).toBe(`Token {secret:${secret.name}}`);
      // "HTTPS is enforced when secrets are used."
      const url = textField(page, 'URL');
      await url.fill('http://events.example.com/v2/enqueue');
      await url.blur();
      await page.getByText('Secrets are only sent over HTTPS').first().waitFor();
    });
  });
});
