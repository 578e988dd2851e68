// Vite config of the web app only (`vite build --config web/vite.config.ts`, run from the repo root).
// The root vite.config.ts stays test-only so other engineers' tests do not load the Svelte plugin.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: { fs: { allow: ['..'] } },
});
