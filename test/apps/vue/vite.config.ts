import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // <oauth-connect> is a custom element, not a Vue component.
    vue({
      template: {
        compilerOptions: { isCustomElement: (tag) => tag === 'oauth-connect' },
      },
    }),
  ],
  // Two pages: the app, and the callback page the provider redirects the popup to.
  build: { rollupOptions: { input: ['index.html', 'callback.html'] } },
});
