/**
 * Builds the web client into client/dist, which the server serves (server/http/clientFiles.ts).
 * `npm run build` passes this file with --config from the repository root, so the root is
 * set here, from this file's place, not from the working directory.
 * `npm run dev:client` serves it with hot reload and sends /api and /socket.io to a server
 * on SPARRING_DEV_SERVER (default http://localhost:3000).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const devServer = process.env.SPARRING_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root: clientDir,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': devServer,
      '/socket.io': { target: devServer, ws: true },
    },
  },
});
