import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  // Config files such as jest.config.js are CommonJS, which Node loads with require().
  { files: ['*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**', 'next-env.d.ts', '.data/**', '.tmp/**'] },
];

export default config;
