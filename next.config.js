/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several builds can coexist on one machine (parallel e2e runs): NEXT_DIST_DIR picks the output folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite loads its WebAssembly and data files relative to its own module: bundling it breaks every request.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pg-copy-streams'],
  poweredByHeader: false,
  // Instances built on different machines must agree on the build id (pages and assets) as they must on
  // NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (server actions): NEXT_BUILD_ID sets it; unset, Next.js makes a random one.
  generateBuildId: async () => process.env.NEXT_BUILD_ID || null,
  reactStrictMode: true,
};

module.exports = nextConfig;
