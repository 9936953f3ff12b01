// O3: the replica a page is connected to restarts; a reminder raised meanwhile (by the other
// replica) appears in the page once it has reconnected, without a reload. A page whose code
// is refused while its server restarts opens once the server answers again.
import type { Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { NotificationsQuery } from '../support/operations';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  newMasterKey,
  startTestServer,
  type TestServer,
} from '../support/server';
import {
  BROWSER_TEST_TIMEOUT_MS,
  describeBrowser,
  eventually,
  launchBrowser,
  loginAs,
  subscribed,
  type BrowserSession,
} from './support/browser';
import { ensureSpaBuilt } from './support/build';
import { createSecret, uniqueSecretName, uniqueValue } from './support/fixtures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS * 2);

const unreadOf = async (page: Page) =>
  (await page.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label')) ?? '';

describeBrowser('Reconnecting after a restart', () => {
  let database: TestDatabase;
  const replicas: TestServer[] = [];
  let browser: BrowserSession | undefined;

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    await Promise.allSettled(replicas.splice(0).map((replica) => replica.close()));
    await database?.drop();
  });

  test('A reminder raised while the page’s replica restarts shows in the bell once it reconnects', async () => {
    await ensureSpaBuilt();
    database = await createTestDatabase();
    const env = {
      SERVE_WEB: 'true',
      SECRETS_MASTER_KEY: newMasterKey(),
      EXPIRY_SCAN_INTERVAL_MS: '200',
    };
    const start = (port: number) =>
      startTestServer({ database, env: { ...env, PORT: String(port) } });
    replicas.push(await start(0), await start(0));
    const [first, other] = replicas as [TestServer, TestServer];
    const port = Number(new URL(first.url).port);

    browser = await launchBrowser(first.url);
    const { page } = browser;
    await loginAs(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await subscribed(browser, 'expiryWarnings');
    expect(await unreadOf(page)).toBe('Notifications (0 unread)');
    const subscribes = () =>
      browser?.webSocketMessages.filter((message) => message.includes('expiryWarnings')).length ??
      0;
    const before = subscribes();

    // Both of the page's subscriptions (reminders, secret events) are attached on its
    // replica before it stops: `subscribed` only saw the frame leave the page.
    await eventually(
      async () => first.fanOut.stats().open,
      (open) => open >= 2,
      'the page’s subscriptions to be attached',
    );
    // The page may still be fetching the chunks of the page it shows: they are refused until
    // the replica is back, and fetched again (pages.tsx).
    // The page's replica stops (its socket closes with 1001); the other raises a reminder.
    await first.close();
    const admin = await other.login();
    const secret = await createSecret(other, admin, {
      kind: 'INTEGRATION',
      name: uniqueSecretName('Missed while away'),
      value: uniqueValue(),
      expiresAt: new Date(Date.now() + 3 * 86_400_000),
    });
    await eventually(
      async () => (await other.mutate(NotificationsQuery, {}, admin)).notifications.length,
      (count) => count === 1,
      'the reminder to be raised',
    );
    replicas[0] = await start(port);

    await eventually(
      async () => subscribes(),
      (count) => count > before,
      'the page to resubscribe',
    );
    await eventually(
      () => unreadOf(page),
      (label) => label === 'Notifications (1 unread)',
      'the bell to count the missed reminder',
    );
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByText(secret.name).first().waitFor();
  });

  test('A page whose code the server refuses for a moment opens once it answers, the menu and bell in place', async () => {
    await ensureSpaBuilt();
    database = await createTestDatabase();
    replicas.push(await startTestServer({ database, env: { SERVE_WEB: 'true' } }));
    const [server] = replicas as [TestServer];
    browser = await launchBrowser(server.url);
    const { page } = browser;
    await loginAs(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    // The audit page's chunk is refused twice, as a replica restarting refuses connections.
    let fetches = 0;
    await page.route('**/assets/AuditPage-*.js', async (route) => {
      fetches += 1;
      if (fetches <= 2) await route.abort('connectionrefused');
      else await route.continue();
    });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(fetches).toBe(3);
    await page.getByRole('button', { name: /^Notifications/ }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });
});
