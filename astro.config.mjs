// The report site. The pipeline's build step runs `astro build` with
// REPORT_DATA_DIR (the exported Arrow datasets and manifest.json) and
// REPORT_SITE_OUT (a temporary folder it moves into place when every step succeeded).
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.REPORT_SITE_OUT ?? './dist',
  cacheDir: './.cache/astro',
  // Relative asset paths and no external stylesheets: the report opens from any
  // folder of a static file server and prints without fetching anything.
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
});
