import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads the schema file the server emits, never a running server (CONVENTIONS.md).
const config: CodegenConfig = {
  schema: 'packages/schema/schema.graphql',
  documents: [
    'apps/web/src/**/*.{ts,tsx}',
    'test/**/*.ts',
    '!**/generated/**',
    '!**/node_modules/**',
  ],
  ignoreNoDocuments: true,
  generates: {
    'packages/schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
    // Apollo Client's cache needs each union's members to match fragments on it.
    'packages/schema/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { useExplicitTyping: true },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
