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
    // ECharts is one large, rarely-changing chunk; keep it apart from app code.
    chunkSizeWarningLimit: 1200,
  },
  server: { strictPort: true, port: 5173 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
