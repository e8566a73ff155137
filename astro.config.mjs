// The report site. The pipeline's build step runs `astro build` with
// REPORT_DATA_DIR (the exported Arrow datasets and manifest.json) and
// REPORT_SITE_OUT (a temporary folder it moves into place when every step succeeded).
// `npm run dev` (pipeline/dev.ts) runs `astro dev` on an export it renews as the SQL
// or the data change; the plugin below reloads the open pages when it does.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

// Charts analysts declare without TypeScript (queries/README.md, site/charts/README.md).
// site/lib/datasets.ts reads them from REPORT_CHARTS_DIR; a test points it elsewhere.
process.env.REPORT_CHARTS_DIR ||= fileURLToPath(new URL('./site/charts/', import.meta.url));
// The workbook writer's thread (site/lib/xlsx.ts): a file of its own, which the bundled pages cannot find by themselves.
process.env.REPORT_XLSX_WORKER ||= fileURLToPath(new URL('./site/lib/xlsx-worker.ts', import.meta.url));

/** Path and modification time of the export's manifest: another value means new data. */
function dataVersion(dir) {
  try {
    const real = realpathSync(dir);
    return `${real}@${statSync(join(real, 'manifest.json')).mtimeMs}`;
  } catch {
    return 'none';
  }
}

/**
 * Dev only: when the export behind REPORT_DATA_DIR changes (pipeline/dev.ts links the
 * folder to a new export; `npm run report` republishes dist/data) or a chart spec
 * does, every open page reloads. The page itself reads the data again because
 * datasets.ts keys its cache by the same version; Astro is told to forget its
 * getStaticPaths results, as it does when content collections change, so a month
 * that the new data adds or drops is found or gone.
 */
function reloadOnNewData() {
  return {
    name: 'report:reload-on-new-data',
    apply: 'serve',
    configureServer(server) {
      const dataDir = process.env.REPORT_DATA_DIR;
      const chartsDir = process.env.REPORT_CHARTS_DIR ? resolve(process.env.REPORT_CHARTS_DIR) : null;
      let timer;
      const reload = (why) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          for (const [name, environment] of Object.entries(server.environments)) {
            if (name !== 'client') environment.hot.send('astro:content-changed', {});
          }
          server.environments.client.hot.send({ type: 'full-reload', path: '*' });
          server.config.logger.info(`page reload: ${why}`, { timestamp: true });
        }, 50);
      };
      if (dataDir) {
        // Polled rather than watched: the folder is a link that is swapped, or a
        // folder that is replaced, and a watcher would stay on the old one.
        let version = dataVersion(dataDir);
        const poll = setInterval(() => {
          const next = dataVersion(dataDir);
          if (next !== version && next !== 'none') {
            version = next;
            reload('new data');
          }
        }, 200);
        poll.unref();
        server.httpServer?.on('close', () => clearInterval(poll));
      }
      if (chartsDir) {
        server.watcher.add(chartsDir);
        server.watcher.on('all', (_event, path) => {
          if (path.startsWith(chartsDir + sep) && path.endsWith('.vl.json')) reload(`chart spec ${path.slice(chartsDir.length + 1)}`);
        });
        // A folder that did not exist yet when the server started is watched once it does.
        try {
          readdirSync(chartsDir);
        } catch {
          server.watcher.add(join(chartsDir, '..'));
        }
      }
    },
  };
}

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.REPORT_SITE_OUT ?? './dist',
  // `npm run dev` keeps its own (its dependency cache is not shared with other servers).
  cacheDir: process.env.REPORT_ASTRO_CACHE_DIR ?? './.cache/astro',
  // Relative asset paths and no external stylesheets: the report opens from any
  // folder of a static file server and prints without fetching anything.
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  vite: {
    plugins: [reloadOnNewData()],
    // Exports, warehouses and builds under .cache and dist are no source files.
    server: { watch: { ignored: ['.cache', 'dist'].map((dir) => `${fileURLToPath(new URL(`./${dir}/`, import.meta.url))}**`) } },
  },
});
