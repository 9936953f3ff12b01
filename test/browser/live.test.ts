// Live updates in an open page: an expiry warning raised by the server's scan, and a revoke
// done in another browser, both shown without a reload.
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server';
import {
  BROWSER_TEST_TIMEOUT_MS,
  daysFromToday,
  describeBrowser,
  eventually,
  loginAs,
  openSecretsTab,
  secretRow,
  subscribed,
  useBrowserSuite,
} from './support/browser';
import { createSecret, uniqueSecretName, uniqueValue } from './support/fixtures';
import { chooseRowAction } from './support/manual';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeBrowser('Live updates', () => {
  // Scans often, so that a secret created inside a warning window is noticed at once.
  const suite = useBrowserSuite({ env: { EXPIRY_SCAN_INTERVAL_MS: '200' } });

  test('An expiry warning raised while the page is open shows a snackbar and an unread count', async () => {
    const { page, server, admin } = suite;
    const table = await openSecretsTab(page, 'Integration Secrets');
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await bell.waitFor();
    // The event is raised once, live: the page must be listening before it happens.
    await subscribed(suite.browser, 'expiryWarnings');

    const secret = await createSecret(server, admin, {
      kind: 'INTEGRATION',
      name: uniqueSecretName('Expiring soon'),
      value: uniqueValue(),
      expiresAt: new Date(Date.now() + 3 * 86_400_000),
    });

    const snackbar = page.getByRole('alert').filter({ hasText: secret.name });
    await snackbar.waitFor();
    await snackbar.getByRole('link', { name: 'View secret' }).waitFor();
    await eventually(
      async () =>
        `${(await bell.getAttribute('aria-label')) ?? ''} ${await bell.innerText()}`.trim(),
      (text) => /\b1\b/.test(text),
      'the bell to show 1 unread notification',
    );
    await secretRow(table, secret.name).getByText('Expiring', { exact: true }).waitFor();

    // The snackbar's link opens the secret's details.
    await snackbar.getByRole('link', { name: 'View secret' }).click();
    await page.getByRole('dialog', { name: secret.name }).waitFor();
    expect(page.url()).toContain(`secret=${secret.id}`);
  });

  test('A revoke done in one browser shows in another without a reload', async () => {
    const { page, server, admin } = suite;
    const secret = await createSecret(server, admin, {
      kind: 'INTEGRATION',
      name: uniqueSecretName('Shared token'),
      value: uniqueValue(),
      expiresAt: daysFromToday(120),
    });
    const other = await suite.openBrowser();
    await loginAs(other.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    const otherTable = await openSecretsTab(other.page, 'Integration Secrets');
    const otherRow = secretRow(otherTable, secret.name);
    await otherRow.getByText('Active', { exact: true }).waitFor();
    await subscribed(other, 'secretEvents');
    let reloaded = false;
    other.page.on('load', () => {
      reloaded = true;
    });

    await openSecretsTab(page, 'Integration Secrets');
    await chooseRowAction(page, 'Integration Secrets', secret.name, 'Revoke');
    await page
      .getByRole('dialog', { name: 'Revoke secret?' })
      .getByRole('button', { name: 'OK', exact: true })
      .click();

    await otherRow.getByText('Revoked', { exact: true }).waitFor();
    expect(reloaded).toBe(false);
  });
});
