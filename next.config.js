/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files relative to its own module: bundling it breaks every request.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pg-copy-streams'],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
