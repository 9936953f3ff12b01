import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  // Workspace packages (@secrets/rules) are read from their TypeScript sources.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/graphql': {
        target: api,
        ws: true,
        changeOrigin: false,
        // The server opens WebSockets only for pages of PUBLIC_ORIGIN, by default its own
        // origin. A page Vite served itself (Origin names the host it asked) is presented
        // as the API's origin, so `pnpm dev` needs no PUBLIC_ORIGIN; any other Origin passes
        // unchanged and is refused, unlike Vite's `rewriteWsOrigin`, which rewrites them all.
        configure(proxy) {
          proxy.on('proxyReqWs', (proxyRequest, request) => {
            const { origin, host } = request.headers;
            if (origin && host && URL.canParse(origin) && new URL(origin).host === host) {
              proxyRequest.setHeader('origin', new URL(api).origin);
            }
          });
        },
      },
    },
  },
});
