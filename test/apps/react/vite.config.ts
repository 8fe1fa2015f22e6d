import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages: the app, and the callback page the provider redirects the popup to.
export default defineConfig({
  plugins: [react()],
  build: { rollupOptions: { input: ['index.html', 'callback.html'] } },
});
