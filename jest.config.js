const { createDefaultPreset } = require('ts-jest');

/** @type {import('jest').Config} */
module.exports = {
  ...createDefaultPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Projects of their own, run by `npm run test:consumers` (the init template has a __tests__ folder);
  // Terraform's validate/plan run by `npm run test:terraform` (about 20 s of provider start-ups), and
  // the two-checkouts synth by `npm run test:clones` (two full synths in child processes): both in CI.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/consumers/',
    ...(process.env.TERRAFORM_TESTS ? [] : ['<rootDir>/test/terraform/']),
    ...(process.env.CLONE_TESTS ? [] : ['<rootDir>/test/clones/']),
  ],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/support/env.ts'],
  // Two workers on two cores: many tests wait on child processes (promtool, the CLI, tsx).
  maxWorkers: 2,
};
