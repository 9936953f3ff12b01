// "Integration secrets" in the user manual (manage-secrets.txt), each procedure in the browser.
import { describeBrowser, useBrowserSuite, BROWSER_TEST_TIMEOUT_MS } from './support/browser';
import { manualProcedures } from './support/manual';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeBrowser('Manual: integration secrets', () => {
  const suite = useBrowserSuite();
  manualProcedures(suite, 'Integration Secrets');
});
