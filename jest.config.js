// Suites run in band: the integration suites share one PostgreSQL and one Kafka broker.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];

const moduleNameMapper = {
  '^@reorg/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@reorg/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // ESM-only dependencies (e.g. content-disposition 3 under @fastify/static) must be transformed.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // No test may depend on an idle machine (the suites run beside other work). Jest applies
  // testTimeout from the top level only; the integration project raises it in its setup file.
  testTimeout: 30_000,
  // A test that fails by timing out can leave its app, broker client or writers running; the run must
  // still end (CI reads jest's result), so jest exits once every suite has finished.
  forceExit: true,
  // test/fault suites (kill -9, database restarts, broker outages) run last; jest runs in band.
  testSequencer: '<rootDir>/test/fault/sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      // Finds (or starts) PostgreSQL and the Kafka broker once for the whole run.
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      // A generous default bound for every integration test and hook (see test/patience.setup.ts).
      setupFilesAfterEnv: ['<rootDir>/test/patience.setup.ts'],
      // A fresh DATA_DIR per test file (see test/data-dir.setup.ts).
      setupFiles: ['<rootDir>/test/data-dir.setup.ts'],
    },
  ],
};
