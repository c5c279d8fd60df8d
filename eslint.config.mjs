import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** Only the model cache's index is public: pages and components never reach into its internals. */
const engineInternals = {
  group: ['@/lib/recsys/engine/*', '!@/lib/recsys/engine/testing'],
  message:
    'Import the model cache through its index, @/lib/recsys/engine (tests: @/lib/recsys/engine/testing).',
};

const config = [
  ...nextVitals,
  ...nextTs,
  // Config files such as jest.config.js are CommonJS, which Node loads with require().
  { files: ['*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // No import cycles anywhere (type-only ones included: they are how the middle used to tangle).
  { files: ['**/*.{ts,tsx,mjs}'], rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] } },
  // (Scripts, which run outside Next, construct an Engine themselves: the index is server-only.)
  {
    files: ['app/**', 'components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineInternals] }] },
  },
  // lib/recsys is pure numeric code: the database, the data layer and React stay out (its engine/ folder excepted).
  {
    files: ['lib/recsys/**'],
    ignores: ['lib/recsys/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db/*', '@/lib/data/*', 'react', 'next', 'next/*', 'kysely', 'pg'],
              message: 'lib/recsys stays pure.',
            },
            engineInternals,
          ],
        },
      ],
    },
  },
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'coverage/**',
      'next-env.d.ts',
      '.data/**',
      '.tmp/**',
    ],
  },
];

export default config;
