import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Built by `npm run build` into dist/console, which the api serves at `/` (apps/api/src/setup/console.ts).
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@reorg/api-client': here('../../libs/api-client/src') } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Libraries change less often than the screens: separate chunks stay cached across releases.
        // The OpenID Connect client is loaded only in AUTH_MODE=jwt.
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'charts'
            : id.includes('node_modules/oidc-client-ts') || id.includes('node_modules/jwt-decode')
              ? 'oidc'
              : id.includes('node_modules')
                ? 'vendor'
                : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
