/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app is served from the root of its origin (Tauri's custom protocol or the
// web-mode server), so the default absolute `/` base is what we want.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Tree-shaken ECharts still makes the bundle ~640 kB; it is loaded from disk
    // (Tauri) or loopback (web mode), never over the internet.
    chunkSizeWarningLimit: 1200,
  },
  // `npm run dev` with GALLERIST_API=http://127.0.0.1:PORT (a running `gallerist serve`)
  // sends the commands to that core; changeOrigin keeps its loopback Host check happy.
  server: {
    strictPort: true,
    port: 5173,
    proxy: process.env.GALLERIST_API
      ? { '/api': { target: process.env.GALLERIST_API, changeOrigin: true } }
      : undefined,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
