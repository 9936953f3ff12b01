// The browser-test harness: Debian's chromium driven by playwright-core against a real server
// (startTestServer, a fresh database per file) that serves the built SPA.
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../support/server';
import { ensureSpaBuilt } from './build';

/** Debian's chromium; BROWSER_TESTS_CHROMIUM names another build of it. */
export const CHROMIUM = process.env.BROWSER_TESTS_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, '../screenshots');
/** How long one action or wait may take; the SPA is local, so this is generous. */
const ACTION_TIMEOUT_MS = 10_000;
/** Per test: a whole manual procedure, perhaps with a second browser and its login. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `describe` for browser tests. Without chromium it fails under CI and otherwise skips with
 * a loud warning, so that `pnpm test` still works on a machine with only Node.js.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const message = `${CHROMIUM} is missing: install it with \`apt-get install chromium\` (Debian).`;
  if (process.env.CI) {
    describe(name, () => {
      test('chromium is installed', () => {
        throw new Error(`${message} The browser tests cannot run without it.`);
      });
    });
    return;
  }
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPING BROWSER TESTS "${name}": ${message}\n${'!'.repeat(78)}\n`,
  );
  describe.skip(name, body);
}

/** One chromium with its own profile, and every console error and page error it reported. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors, in order, from every page of the context. */
  errors: string[];
  /** Every WebSocket message the pages sent, as text (graphql-ws subscribe messages). */
  webSocketMessages: string[];
  close(): Promise<void>;
}

/** Starts chromium; `baseUrl` is where relative `page.goto` paths lead (the test server). */
export async function launchBrowser(baseUrl: string): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'secrets-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    baseURL: baseUrl,
    executablePath: CHROMIUM,
    args: LAUNCH_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const errors: string[] = [];
  const webSocketMessages: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        errors.push(`console.error: ${message.text()} (${url}:${lineNumber})`);
      }
    });
    page.on('pageerror', (error) =>
      errors.push(
        `page error: ${error.stack || error.message || error.name || JSON.stringify(error)}`,
      ),
    );
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => webSocketMessages.push(payload.toString())),
    );
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    errors,
    webSocketMessages,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page, starting at the server's root. */
export async function loginAs(page: Page, email: string, password: string) {
  await page.goto('/');
  await textField(page, 'Email').fill(email);
  await textField(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

export type SecretsTab = 'Integration Secrets' | 'Webhook Secrets';

/** The left sidebar's link to a page under "Integrations", after clicking Settings. */
export async function openIntegrationsPage(
  page: Page,
  item: 'Secrets' | 'Connections' | 'Workflows',
): Promise<void> {
  // "In the left sidebar, click Settings."
  const sidebar = page.getByRole('navigation', { name: 'Left sidebar' });
  await sidebar.getByRole('link', { name: 'Settings', exact: true }).click();
  // "Under Integrations, select <item>"
  await sidebar
    .getByRole('list', { name: 'Integrations' })
    .getByRole('link', { name: item, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: item, exact: true }).waitFor();
}

/**
 * "In the left sidebar, click Settings. Under Integrations, select Secrets, then open the
 * <tab> tab." Returns the tab's table, once loaded.
 */
export async function openSecretsTab(page: Page, tab: SecretsTab): Promise<Locator> {
  await openIntegrationsPage(page, 'Secrets');
  await page.getByRole('tab', { name: tab, exact: true }).click();
  const table = page.getByRole('table', { name: tab, exact: true });
  await table.waitFor();
  return table;
}

/**
 * The text field labelled exactly `label` (an MUI required field's ` *` is aria-hidden, so
 * its accessible name is the label); an Autocomplete's input counts, being a combobox.
 */
export const textField = (scope: Page | Locator, label: string): Locator =>
  scope
    .getByRole('textbox', { name: label, exact: true })
    .or(scope.getByRole('combobox', { name: label, exact: true }));

/** The table row whose name button is `name`. */
export const secretRow = (table: Locator, name: string): Locator =>
  table.getByRole('row').filter({ has: table.page().getByRole('button', { name, exact: true }) });

/**
 * Fills an MUI X date field (labelled `label`) the way a person does: clicks its first section
 * and types the digits of `date`, in the order the field shows its sections.
 */
export async function fillDateField(scope: Page | Locator, label: string, date: Date) {
  const field = scope.getByRole('group', { name: label, exact: true });
  const sections = field.getByRole('spinbutton');
  await sections.first().waitFor();
  const names = await sections.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('aria-label') ?? ''),
  );
  const digits: Record<string, string> = {
    Month: String(date.getMonth() + 1).padStart(2, '0'),
    Day: String(date.getDate()).padStart(2, '0'),
    Year: String(date.getFullYear()),
  };
  const typed = names.map((name) => {
    const value = digits[name];
    if (value === undefined) throw new Error(`Unexpected date section "${name}" in "${label}".`);
    return value;
  });
  await sections.first().click();
  await sections.first().page().keyboard.type(typed.join(''));
}

/** A date `days` from today, at local midnight, as a date picker produces. */
export function daysFromToday(days: number): Date {
  const date = new Date();
  date.setHours(0, 0, 0, 0);
  date.setDate(date.getDate() + days);
  return date;
}

/** Chooses `option` in an MUI Select or Autocomplete, or a native select, labelled `label`. */
export async function chooseOption(scope: Page | Locator, label: string, option: string) {
  const control = scope.getByRole('combobox', { name: label, exact: true });
  if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
    await control.selectOption({ label: option });
    return;
  }
  await control.click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Polls `read` until `accept` holds, or fails with the last value read. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = ACTION_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Waits until a page of `session` has sent a subscription to `field` over its WebSocket. */
export const subscribed = (session: BrowserSession, field: string) =>
  eventually(
    async () => session.webSocketMessages.some((message) => message.includes(field)),
    Boolean,
    `a subscription to ${field}`,
  );

const screenshotName = (testName: string, index: number) =>
  `${testName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '')}${index > 0 ? `-${index + 1}` : ''}.png`;

export interface BrowserSuiteOptions {
  /** Server environment on top of SERVE_WEB=true. */
  env?: Record<string, string>;
  /** Log the file's browser in as the first admin, once, before the tests (default true). */
  loginAsAdmin?: boolean;
}

export interface BrowserSuite {
  readonly server: TestServer;
  /** The first admin's session cookie, for server.request. */
  readonly admin: { cookie: string };
  /**
   * The file's chromium (one profile, so one login serves every test). Its first page is
   * for logging in; its errors and WebSocket messages are those of the current test.
   */
  readonly browser: BrowserSession;
  /** The current test's page: a new tab of `browser`, closed after the test. */
  readonly page: Page;
  /** Another chromium (own profile) for this test, closed, checked and shot with its page. */
  openBrowser(): Promise<BrowserSession>;
}

/**
 * Registers the hooks of a browser test file: one server and one chromium for the file, and
 * for each test a new tab, a full-page screenshot of its end state under
 * test/browser/screenshots/, and the check that no page logged an error.
 */
export function useBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let server: TestServer | undefined;
  let admin: { cookie: string } | undefined;
  let browser: BrowserSession | undefined;
  let page: Page | undefined;
  let others: BrowserSession[] = [];

  beforeAll(async () => {
    // The server serves the SPA only if dist/index.html exists when it starts; a build run
    // elsewhere in this checkout empties dist for a moment, so check and start again.
    for (let attempt = 1; ; attempt++) {
      await ensureSpaBuilt();
      server = await startTestServer({ env: { SERVE_WEB: 'true', ...options.env } });
      const root = await fetch(`${server.url}/`);
      await root.arrayBuffer();
      if (root.ok || attempt === 3) break;
      await server.stop();
    }
    admin = await server.login();
    browser = await launchBrowser(server.url);
    if (options.loginAsAdmin ?? true) {
      await loginAs(browser.page, ADMIN_EMAIL, ADMIN_PASSWORD);
      // Idle from now on: no live connection of its own while the tests run.
      await browser.page.goto('about:blank');
      expect(browser.errors).toEqual([]);
    }
  }, 360_000);

  afterAll(async () => {
    await Promise.all([...others, ...(browser ? [browser] : [])].map((each) => each.close()));
    await server?.stop();
  });

  beforeEach(async () => {
    const current = suite.browser;
    current.errors.length = 0;
    current.webSocketMessages.length = 0;
    page = await current.context.newPage();
    // Where a person starts: the app's root (the login page, or the app when logged in).
    await page.goto('/');
  });

  afterEach(async () => {
    const testName = expect.getState().currentTestName ?? 'unnamed';
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shots = [...(page ? [page] : []), ...others.map((other) => other.page)];
    for (const [index, shown] of shots.entries()) {
      await shown
        .screenshot({
          path: join(SCREENSHOTS, screenshotName(testName, index)),
          fullPage: true,
          // Shows where transitions (a dialog fading in) end, not a frame of them.
          animations: 'disabled',
        })
        .catch((error: unknown) =>
          console.warn(`No screenshot for "${testName}": ${String(error)}`),
        );
    }
    const errors = [...suite.browser.errors, ...others.flatMap((other) => other.errors)];
    const closing = others;
    others = [];
    await Promise.all([page?.close(), ...closing.map((other) => other.close())]);
    page = undefined;
    expect(errors).toEqual([]);
  }, BROWSER_TEST_TIMEOUT_MS);

  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('The server did not start (see beforeAll).');
      return server;
    },
    get admin() {
      if (!admin) throw new Error('The server did not start (see beforeAll).');
      return admin;
    },
    get browser() {
      if (!browser) throw new Error('The browser did not start (see beforeAll).');
      return browser;
    },
    get page() {
      if (!page) throw new Error('No page for this test (see beforeEach).');
      return page;
    },
    async openBrowser() {
      const other = await launchBrowser(suite.server.url);
      others.push(other);
      return other;
    },
  };
  return suite;
}
