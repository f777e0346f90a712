import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer is a static page. `base: './'` keeps every asset URL relative, so the same build
 * works from app://parley/index.html in Electron and from http://127.0.0.1:PORT in tests.
 * Paths are relative to the repository root, where npm runs its scripts.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Keep every asset a separate file served from 'self'.
    assetsInlineLimit: 0,
  },
});
