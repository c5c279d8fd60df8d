/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several builds can coexist on one machine (parallel e2e runs): NEXT_DIST_DIR picks the output folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite loads its WebAssembly and data files relative to its own module: bundling it breaks every request.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pg-copy-streams'],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
