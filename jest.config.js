/** Tests are compiled by `tsc` first (see `npm test`), so decorator metadata is exactly what production runs. */
module.exports = {
  rootDir: 'dist',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
};
