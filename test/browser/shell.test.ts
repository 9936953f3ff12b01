// The application shell the manual starts from: log in, the left sidebar, log out.
import {
  describeBrowser,
  loginAs,
  openSecretsTab,
  textField,
  useBrowserSuite,
  BROWSER_TEST_TIMEOUT_MS,
} from './support/browser';
import { ADMIN_EMAIL } from '../support/server';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeBrowser('Shell', () => {
  const suite = useBrowserSuite({ loginAsAdmin: false });

  test('A wrong password is refused on the login page', async () => {
    const { page } = suite;
    await textField(page, 'Email').fill(ADMIN_EMAIL);
    await textField(page, 'Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
  });

  test('Log in, reach every Settings page from the left sidebar, log out', async () => {
    const { page } = suite;
    await loginAs(page, ADMIN_EMAIL, 'correct horse battery staple');
    await page.getByText('Secrets', { exact: true }).first().waitFor();
    const sidebar = page.getByRole('navigation', { name: 'Left sidebar' });
    await sidebar.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const groups = {
      Integrations: ['Secrets', 'Connections', 'Workflows'],
      Administration: ['Audit log', 'API tokens', 'Users'],
    };
    for (const [group, items] of Object.entries(groups)) {
      const list = sidebar.getByRole('list', { name: group, exact: true });
      for (const item of items) await list.getByRole('link', { name: item, exact: true }).waitFor();
    }
    await openSecretsTab(page, 'Integration Secrets');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  });
});
