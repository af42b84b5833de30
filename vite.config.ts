import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/; `npm run build` writes web/dist, which the server serves.
// `npm run dev:web` serves it with hot reload and sends /api to `npm run dev` on port 3000.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0, // CSP: no data: scripts or styles, every asset a file
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
