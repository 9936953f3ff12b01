// Issue 15 in the admin app: Administration › Notifications, adding a channel of each type
// and sending a test message through it to a real SMTP server or HTTPS receiver.
import type { Page } from 'playwright-core';
import { startChannelReceiver, type ChannelReceiver } from '../support/channel-receiver';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import {
  BROWSER_TEST_TIMEOUT_MS,
  chooseOption,
  describeBrowser,
  textField,
  useBrowserSuite,
} from './support/browser';
import { createSecret, uniqueSecretName, uniqueValue } from './support/fixtures';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

async function openNotifications(page: Page) {
  const sidebar = page.getByRole('navigation', { name: 'Left sidebar' });
  await sidebar.getByRole('link', { name: 'Settings', exact: true }).click();
  await sidebar
    .getByRole('list', { name: 'Administration' })
    .getByRole('link', { name: 'Notifications', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Notifications', exact: true }).waitFor();
}

/** Sends a test through the channel named `name` and opens its delivery log. */
async function sendTest(page: Page, name: string) {
  const table = page.getByRole('table', { name: 'Notification channels', exact: true });
  const row = table.getByRole('row').filter({ hasText: name }).first();
  await row.getByRole('button', { name: 'Send test', exact: true }).click();
  await page.getByText(`Test message sent through "${name}".`).waitFor();
  const log = page.getByRole('table', { name: `Deliveries of ${name}`, exact: true });
  await log.getByRole('row').filter({ hasText: 'Test message' }).getByText('Delivered').waitFor();
}

describeBrowser('Notification channels', () => {
  let smtp: TestSmtpServer;
  const env: Record<string, string> = {};
  const receivers: ChannelReceiver[] = [];
  beforeAll(async () => {
    smtp = await startSmtpServer();
    env.SMTP_URL = smtp.url;
  });
  const suite = useBrowserSuite({ env });
  afterAll(async () => {
    await smtp?.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  test('Add an email channel with recipients as chips and send a test', async () => {
    const { page } = suite;
    await openNotifications(page);
    await page.getByRole('button', { name: 'Add Channel', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Channel' });
    await textField(dialog, 'Name').fill('Ops email');
    const recipients = textField(dialog, 'Recipients');
    await recipients.fill('ops@example.com');
    await recipients.press('Enter');
    await recipients.fill('security@example.com');
    await recipients.press('Enter');
    await dialog.getByRole('button', { name: 'ops@example.com' }).waitFor();
    await dialog.getByRole('button', { name: 'Create Channel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await sendTest(page, 'Ops email');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to.sort()).toEqual(['ops@example.com', 'security@example.com']);
  });

  test('Add a signed webhook channel and send a test', async () => {
    const { page, server, admin } = suite;
    const key = uniqueValue('signing');
    const secret = await createSecret(server, admin, {
      kind: 'WEBHOOK',
      name: uniqueSecretName('signing'),
      value: key,
    });
    const receiver = await startChannelReceiver(key);
    receivers.push(receiver);
    await openNotifications(page);
    await page.getByRole('button', { name: 'Add Channel', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Channel' });
    await textField(dialog, 'Name').fill('Pager hook');
    await chooseOption(dialog, 'Type', 'Webhook');
    await textField(dialog, 'URL').fill(`${receiver.peer.url}/hooks/secrets`);
    await chooseOption(dialog, 'Signing secret', secret.name);
    await dialog.getByRole('button', { name: 'Create Channel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await sendTest(page, 'Pager hook');
    expect(receiver.badSignatures).toEqual([]);
    expect(receiver.accepted).toHaveLength(1);
    expect(await page.content()).not.toContain(key);
  });

  test('Add a Slack channel whose URL is a secret and send a test', async () => {
    const { page, server, admin } = suite;
    const receiver = await startChannelReceiver();
    receivers.push(receiver);
    const url = `${receiver.peer.url}/services/T0/B0/${uniqueValue('slack')}`;
    const secret = await createSecret(server, admin, {
      kind: 'WEBHOOK',
      name: uniqueSecretName('slack_url'),
      value: url,
    });
    await openNotifications(page);
    await page.getByRole('button', { name: 'Add Channel', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Channel' });
    await textField(dialog, 'Name').fill('Team Slack');
    await chooseOption(dialog, 'Type', 'Slack');
    await chooseOption(dialog, 'Slack webhook secret', secret.name);
    await dialog.getByRole('button', { name: 'Create Channel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await sendTest(page, 'Team Slack');
    expect(receiver.accepted.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { text: expect.stringContaining('Team Slack') as unknown },
    ]);
    expect(await page.content()).not.toContain(url);
  });
});
