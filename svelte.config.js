// SvelteKit config for the dashboard. The app lives in web/ but builds and runs from the repo root
// (one package.json): adapter-node keeps `dependencies` (DuckDB, jieba) external, never bundled.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'web/build', precompress: false }),
    outDir: 'web/.svelte-kit',
    files: { src: 'web/src', assets: 'web/static' },
    typescript: { config: (c) => c },
  },
};
