/** One jest run for the whole repository: server unit and integration tests, end-to-end tests. */
const transform = { '^.+\\.(t|j)sx?$': require('./swc.jest.js') };
// Workspace packages are read from their TypeScript sources (their "source" export).
const node = { customExportConditions: ['source', 'node', 'node-addons'] };

module.exports = {
  // Always run tests in worker processes started after globalSetup: Node reads the test CA
  // from NODE_EXTRA_CA_CERTS only at process start, and jest would otherwise run a lone
  // test file in its own, older process.
  workerIdleMemoryLimit: '1GB',
  // Servers start per test file, and a 2-core CI machine runs two files at once: hooks and
  // tests get 30 s before they count as hung.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    {
      displayName: 'server',
      rootDir: '<rootDir>/apps/server',
      testEnvironment: 'node',
      testEnvironmentOptions: node,
      transform,
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'web',
      rootDir: '<rootDir>/apps/web',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { customExportConditions: ['source', 'browser'] },
      transform,
      testMatch: ['<rootDir>/src/**/*.test.tsx'],
      setupFiles: ['<rootDir>/jest.setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.setup-after-env.ts'],
    },
    {
      displayName: 'e2e',
      rootDir: '<rootDir>/test',
      testEnvironment: 'node',
      testEnvironmentOptions: node,
      transform,
      testMatch: ['<rootDir>/**/*.test.ts'],
    },
    {
      displayName: 'rules',
      rootDir: '<rootDir>/packages/rules',
      testEnvironment: 'node',
      testEnvironmentOptions: node,
      transform,
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'bench',
      rootDir: '<rootDir>/bench',
      testEnvironment: 'node',
      testEnvironmentOptions: node,
      transform,
    },
  ],
};
