// Settings shared by the unit (jest.config.js) and end-to-end (test/jest-e2e.json → test/jest-e2e.config.js) runs.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    target: 'es2023',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export const swcJestTransform = {
  '^.+\\.ts$': ['@swc/jest', swcOptions],
  // The React entry's components; `.ts` stays out of the TSX parser, which reads `<T>value` as JSX.
  '^.+\\.tsx$': [
    '@swc/jest',
    {
      ...swcOptions,
      jsc: {
        ...swcOptions.jsc,
        parser: { ...swcOptions.jsc.parser, tsx: true },
        transform: {
          ...swcOptions.jsc.transform,
          react: { runtime: 'automatic' },
        },
      },
    },
  ],
};

export const sharedJestConfig = {
  testEnvironment: 'node',
  // `pandium-embed-source` makes `import 'pandium-embed'` load the library's TypeScript sources, never a stale dist.
  testEnvironmentOptions: {
    customExportConditions: ['node', 'node-addons', 'pandium-embed-source'],
  },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  // nodenext imports carry `.js`; the sources on disk are `.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
