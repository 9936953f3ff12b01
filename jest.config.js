/** One jest run for the whole repository: server unit and integration tests, end-to-end tests. */
const transform = { '^.+\\.(t|j)sx?$': require('./swc.jest.js') };

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  projects: [
    {
      displayName: 'server',
      rootDir: '<rootDir>/apps/server',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'e2e',
      rootDir: '<rootDir>/test',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/**/*.test.ts'],
    },
  ],
};
