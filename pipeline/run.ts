#!/usr/bin/env node
// The one entry point: `npm run report -- [--data DIR] [--month YYYY-MM] [--out DIR] [--skip-unknown] [--debug]`.
// The only place that prints a failure and exits.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import { EXIT, ReportError, usageError } from './errors.ts';
import { bold, consoleLogger, dim, red } from './log.ts';
import { relativeToCwd, runReport } from './report.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const userCwd = process.env.INIT_CWD ?? process.cwd();

const HELP = `Builds the social media ROI report.

Usage: npm run report -- [options]

  --data DIR        input data folder (default: data/sample)
  --month YYYY-MM   month to report (default: the latest complete month in the data)
  --out DIR         where the static site goes (default: dist)
  --queries DIR     SQL folder (default: queries)
  --warehouse FILE  DuckDB warehouse file (default: .cache/warehouse.duckdb); it is kept
                    between runs, and only input files that changed are read again
  --skip-unknown    leave out (with a warning) export files no format recognises,
                    instead of stopping; the manifest lists them as skipped
  --debug           show stack traces and the full build log
  --help            show this help

Exit codes: 0 done, 1 unexpected error (a bug: run with --debug), 2 wrong usage,
3 bad or missing input data, 4 SQL error, 5 a data test failed, 6 site build failed.`;

const KNOWN = new Set(['data', 'month', 'out', 'queries', 'warehouse', 'debug', 'help', 'skip-unknown', '_', '--']);

async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { string: ['data', 'month', 'out', 'queries', 'warehouse'], boolean: ['debug', 'help', 'skip-unknown'] });
  const logger = consoleLogger();
  try {
    const unknown = Object.keys(args).find((k) => !KNOWN.has(k));
    if (unknown) throw usageError(`unknown option --${unknown} (see --help)`);
    if (args._.length) throw usageError(`unexpected argument ${JSON.stringify(args._[0])} (see --help)`);
    if (args.help) {
      process.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const fromUser = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? resolve(userCwd, value) : resolve(projectRoot, fallback));
    const outDir = fromUser(args.out, 'dist');
    const summary = await runReport(
      {
        projectRoot,
        dataDir: fromUser(args.data, 'data/sample'),
        outDir,
        queriesDir: fromUser(args.queries, 'queries'),
        warehousePath: fromUser(args.warehouse, '.cache/warehouse.duckdb'),
        month: typeof args.month === 'string' ? args.month : null,
        debug: Boolean(args.debug),
        skipUnknown: Boolean(args['skip-unknown']),
      },
      logger,
    );
    logger.info(`${bold('report')}    ${summary.month} ready: ${relativeToCwd(outDir, userCwd)}/index.html ${dim('(serve the folder with any static file server)')}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ReportError) {
      logger.error(`error: ${error.message}`, error.details);
      if (args.debug && error.cause instanceof Error) process.stderr.write(`${error.cause.stack}\n`);
      else if (args.debug) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`Unexpected error: ${message}`);
    if (args.debug) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    else process.stderr.write(red('This is a bug in the pipeline; run again with --debug for the stack trace and report it.\n'));
    return EXIT.unexpected;
  }
}

process.exitCode = await main(process.argv.slice(2));
