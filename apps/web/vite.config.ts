import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const root = dirname(fileURLToPath(import.meta.url));
const api = process.env.CBM_API_ORIGIN ?? 'http://localhost:3000';

// Run from the repository root: `vite build --config apps/web/vite.config.ts`.
export default defineConfig({
  root,
  base: '/',
  // Every text asset also as .br and .gz beside it: the API serves them precompressed
  // (@fastify/static preCompressed), at brotli's best ratio, without compressing per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
  publicDir: resolve(root, 'public'),
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
