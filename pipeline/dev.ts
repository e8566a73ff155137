#!/usr/bin/env node
// `npm run dev -- [--data DIR] [--month YYYY-MM] [--port N] [--host HOST] [...]`: the
// report on a local server that follows the SQL and the data as they change. Saving
// a file in queries/ or in the data folder runs ingest, transform (what the change
// touches), check and export again (dev-runner.ts); the open pages reload when the
// new export is in place (the plugin in astro.config.mjs). A failing run prints what
// `npm run report` prints and the server keeps the last good data.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import { DevRunner, watchSources } from './dev-runner.ts';
import { EXIT, ReportError, usageError } from './errors.ts';
import { bold, consoleLogger, dim } from './log.ts';
import { relativeToCwd } from './report.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const userCwd = process.env.INIT_CWD ?? process.cwd();

const HELP = `Serves the report locally and rebuilds it as queries/ and the data change.

Usage: npm run dev -- [options]

  --data DIR        input data folder, watched (default: data/sample)
  --month YYYY-MM   month to show (default: the latest complete month in the data)
  --queries DIR     SQL folder, watched (default: queries)
  --port N          port of the server (default: 4321, or the next free one)
  --host HOST       address to listen on (default: localhost)
  --warehouse FILE  DuckDB warehouse file (default: .cache/warehouse.duckdb, the one
                    \`npm run report\` and \`npm run sql\` use)
  --out DIR         the published report whose month snapshots the restatements
                    compare against; read only (default: dist)
  --cache DIR       where the exports go (default: .cache/dev)
  --skip-unknown    leave out export files no format recognises, with a warning
  --debug           show the whole log of the dev server
  --help            show this help`;

const KNOWN = new Set(['data', 'month', 'queries', 'port', 'host', 'warehouse', 'out', 'cache', 'skip-unknown', 'debug', 'help', '_', '--']);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Lines of the dev server that only say it is working. */
const QUIET = [
  /^\s*$/,
  /\[\d{3}\]\s/, // request log
  /watching for file changes/,
  /\[vite\] connected/,
  /\[types\] Generated/,
  /Re-optimizing dependencies|Forced re-optimization|optimized dependencies/i,
  /astro\s+v\d/, // banner
  /┃\s*(Local|Network)/,
  /use --host to expose/,
  /page reload: /,
];

interface AstroServer {
  child: ChildProcess;
  /** The address the server listens on, once it does. */
  url: Promise<string>;
}

function startAstro(options: { dataLink: string; cacheDir: string; port: number | null; host: string | null; debug: boolean }): AstroServer {
  const astro = join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const args = [astro, 'dev', '--root', projectRoot];
  if (options.port !== null) args.push('--port', String(options.port));
  if (options.host !== null) args.push('--host', options.host);
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      REPORT_DATA_DIR: options.dataLink,
      REPORT_ASTRO_CACHE_DIR: join(options.cacheDir, 'astro'),
      ASTRO_TELEMETRY_DISABLED: '1',
      // A dev server, whatever the shell says (NODE_ENV=test turns off its page reloads).
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let found: (url: string) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const url = new Promise<string>((resolveUrl, reject) => {
    found = resolveUrl;
    failed = reject;
  });
  const output: string[] = [];
  const read = (stream: NodeJS.ReadableStream, error: boolean) => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
        output.push(line);
        if (output.length > 50) output.shift();
        const local = /Local\s+(https?:\/\/\S+)/.exec(line);
        if (local?.[1]) found(local[1]);
        if (options.debug || !QUIET.some((q) => q.test(line))) {
          if (error) process.stderr.write(`${dim('astro')}     ${line}\n`);
          else process.stdout.write(`${dim('astro')}     ${line}\n`);
        }
      }
    });
  };
  if (child.stdout) read(child.stdout, false);
  if (child.stderr) read(child.stderr, true);
  child.on('exit', (code) => failed(new Error(`the dev server stopped (exit code ${code}):\n${output.join('\n')}`)));
  return { child, url };
}

async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, {
    string: ['data', 'month', 'queries', 'port', 'host', 'warehouse', 'out', 'cache'],
    boolean: ['debug', 'help', 'skip-unknown'],
  });
  const logger = consoleLogger();
  const unknown = Object.keys(args).find((k) => !KNOWN.has(k));
  try {
    if (unknown) throw usageError(`unknown option --${unknown} (see --help)`);
    if (args._.length) throw usageError(`unexpected argument ${JSON.stringify(args._[0])} (see --help)`);
    if (args.help) {
      process.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const month = typeof args.month === 'string' && args.month !== '' ? args.month : null;
    if (month !== null && !MONTH.test(month)) throw usageError(`--month must be a month like 2026-10: ${month}`);
    const port = typeof args.port === 'string' && args.port !== '' ? Number(args.port) : null;
    if (port !== null && !(Number.isInteger(port) && port > 0 && port < 65536)) throw usageError(`--port must be a port number: ${args.port}`);
    const fromUser = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? resolve(userCwd, value) : resolve(projectRoot, fallback));
    const dataDir = fromUser(args.data, 'data/sample');
    const queriesDir = fromUser(args.queries, 'queries');
    const cacheDir = fromUser(args.cache, '.cache/dev');
    const chartsDir = process.env.REPORT_CHARTS_DIR || join(projectRoot, 'site', 'charts');

    const runner = new DevRunner(
      {
        dataDir,
        queriesDir,
        warehousePath: fromUser(args.warehouse, '.cache/warehouse.duckdb'),
        cacheDir,
        chartsDir,
        publishedDataDir: join(fromUser(args.out, 'dist'), 'data'),
        month,
        skipUnknown: Boolean(args['skip-unknown']),
      },
      logger,
    );
    const shown = (path: string) => relativeToCwd(path, userCwd);

    // The server starts beside the first run: it needs no data to start, and shows the last good data of an earlier session meanwhile.
    const server = startAstro({ dataLink: runner.dataLink, cacheDir, port, host: typeof args.host === 'string' && args.host !== '' ? args.host : null, debug: Boolean(args.debug) });
    const first = runner.run();
    const watchers = watchSources(runner, shown);

    const stopped = new Promise<number>((done) => {
      const stop = () => done(EXIT.ok);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      server.child.once('exit', () => done(EXIT.unexpected));
    });
    let url: string;
    try {
      url = await Promise.race([server.url, stopped.then(() => '')]);
    } catch (error) {
      logger.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      watchers.close();
      await runner.close();
      return EXIT.unexpected;
    }
    if (url !== '') {
      const result = await Promise.race([first, stopped.then(() => null)]);
      if (result !== null) {
        const what = result.ok ? `the ${result.month} report` : (await runner.hasData()) ? 'the last good data' : 'no data yet (fix the error above)';
        logger.info(`${bold('dev')}       ${url} ${dim(`serves ${what} of ${shown(dataDir)}; saving a file in ${shown(queriesDir)}/ or ${shown(dataDir)}/ updates it (Ctrl-C stops)`)}`);
      }
    }
    const code = await stopped;
    watchers.close();
    if (server.child.exitCode === null && server.child.pid !== undefined) server.child.kill('SIGTERM');
    await runner.close();
    if (code !== EXIT.ok) logger.error('error: the dev server stopped');
    return code;
  } catch (error) {
    if (error instanceof ReportError) {
      logger.error(`error: ${error.message}`, error.details);
      return error.exitCode;
    }
    logger.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (args.debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT.unexpected;
  }
}

process.exitCode = await main(process.argv.slice(2));
// Watchers, timers and the server's pipes are done with: leave now.
process.exit();
