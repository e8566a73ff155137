#!/usr/bin/env node
// The one entry point: `npm run report -- [--data DIR] [--month YYYY-MM] [--out DIR] [--skip-unknown] [--allow-empty LIST] [--accept-rejected] [--pdf] [--no-email] [--debug]`.
// The only place that prints a failure and exits.
// first: sets DuckDB's allocator up for --memory-limit before anything loads DuckDB
import './allocator.ts';
import { lstatSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimist } from 'zx';
import { parseAllowEmpty } from './empty-inputs.ts';
import { csvReadFailure } from './csv-failure.ts';
import { EXIT, machineFailure, outOfMemory, ReportError, secondaryFailures, settingRefused, usageError } from './errors.ts';
import { bold, consoleLogger, dim, red, type Logger } from './log.ts';
import { deliverDigest } from './mail.ts';
import { refuseOverlappingOutput } from './output-guard.ts';
import { runLog, type RunLog } from './run-log.ts';
import { relativeToCwd, runReport } from './report.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const userCwd = process.env.INIT_CWD ?? process.cwd();

const HELP = `Builds the social media ROI report.

Usage: npm run report -- [options]

  --data DIR        input data folder (default: data/sample)
  --month YYYY-MM   month to report (default: the latest complete month in the data:
                    orders and at least one paid platform reach its last day); a month
                    that is not complete is published marked incomplete and is not
                    kept as the month's published figures
  --out DIR         where the static site goes (default: dist)
  --queries DIR     SQL folder (default: queries)
  --warehouse FILE  DuckDB warehouse file (default: .cache/warehouse.duckdb); it is kept
                    between runs, and only input files that changed are read again
  --memory-limit SIZE
                    DuckDB's memory limit, e.g. 3GB (default: half the machine's
                    memory, or of the container's limit); beyond it DuckDB spills
                    to <warehouse>.tmp/ on disk
  --skip-unknown    leave out (with a warning) export files no format recognises,
                    instead of stopping; the manifest lists them as skipped
  --allow-empty LIST
                    orders, exports or orders,exports: build the report even though
                    orders.csv has no order or exports/ no paid platform data (else
                    exit 3); every month is then marked incomplete
  --accept-rejected publish although rows of orders.csv, costs.csv, fx.csv or
                    campaigns.csv were rejected (else exit 3, naming file, line
                    and column); every page then says what is missing and how
                    much money the rejected rows held
  --pdf             also print the month's report as a PDF, <out>/YYYY-MM/YYYY-MM.pdf
                    (as "pdf": true in report.json does), with the system's Chromium:
                    report.json's chromium_path or REPORT_CHROMIUM_PATH, default
                    /usr/bin/chromium (Debian/Ubuntu: apt-get install chromium)
  --no-email        do not send the month's digest this run (report.json's email
                    settings send it after publishing; the password is read from
                    the environment variable they name, REPORT_SMTP_PASSWORD by default)
  --debug           show stack traces and the full build log
  --help            show this help

Exit codes: 0 done, 1 unexpected error (a bug: run with --debug), 2 wrong usage,
3 bad or missing input data, 4 SQL error, 5 a data test failed, 6 site build failed,
7 another run is writing the same output folder, 8 DuckDB ran out of memory
(raise --memory-limit), 9 the machine refused a file operation (disk full, no
permission, read-only file system, too many open files; the message names the path),
10 the PDF could not be printed (the report itself was published without it),
11 the report was published but its e-mail digest was not delivered (when both the
PDF and the digest fail, 11: the readers received nothing).

Each run appends a JSON-lines log (start, steps with counts and seconds, warnings,
end with the exit code) to <out>.log.jsonl beside the output.`;

const KNOWN = new Set(['data', 'month', 'out', 'queries', 'warehouse', 'memory-limit', 'allow-empty', 'debug', 'help', 'skip-unknown', 'accept-rejected', 'pdf', 'email', '_', '--']);

async function main(argv: string[]): Promise<number> {
  const args = minimist(argv, { string: ['data', 'month', 'out', 'queries', 'warehouse', 'memory-limit', 'allow-empty'], boolean: ['debug', 'help', 'skip-unknown', 'accept-rejected', 'pdf', 'email'], default: { email: true } });
  let logger: Logger = consoleLogger();
  let log: RunLog | null = null;
  let code: number;
  let dataDir: string | null = null;
  const places: { out?: string; warehouse?: string } = {};
  try {
    const unknown = Object.keys(args).find((k) => !KNOWN.has(k));
    if (unknown) throw usageError(`unknown option --${unknown} (see --help)`);
    if (args._.length) throw usageError(`unexpected argument ${JSON.stringify(args._[0])} (see --help)`);
    if (args.help) {
      process.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const allowEmpty = args['allow-empty'] === undefined ? [] : parseAllowEmpty(String(args['allow-empty']));
    const fromUser = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? resolve(userCwd, value) : resolve(projectRoot, fallback));
    const outDir = fromUser(args.out, 'dist');
    places.out = outDir;
    dataDir = fromUser(args.data, 'data/sample');
    const queriesDir = fromUser(args.queries, 'queries');
    const warehousePath = fromUser(args.warehouse, '.cache/warehouse.duckdb');
    places.warehouse = warehousePath;
    refuseOverlappingOutput(outDir, [
      { name: 'the project folder', path: projectRoot, only: 'contains' },
      { name: 'the data folder (--data)', path: dataDir },
      { name: 'the queries folder (--queries)', path: queriesDir },
      // beside the warehouse is fine (a job's folder with dist/ and warehouse.duckdb); over it is not
      { name: "the warehouse's folder (--warehouse)", path: dirname(warehousePath), only: 'contains' },
    ]);
    refuseWrongKind(outDir, warehousePath);
    log = runLog(`${outDir}.log.jsonl`, logger);
    logger = log;
    log.start({ argv, data: dataDir, out: outDir, month: args.month ?? null, pid: process.pid });
    const summary = await runReport(
      {
        projectRoot,
        dataDir,
        outDir,
        queriesDir,
        warehousePath,
        month: typeof args.month === 'string' ? args.month : null,
        debug: Boolean(args.debug),
        skipUnknown: Boolean(args['skip-unknown']),
        memoryLimit: typeof args['memory-limit'] === 'string' ? args['memory-limit'] : undefined,
        allowEmpty,
        acceptRejected: Boolean(args['accept-rejected']),
        pdf: Boolean(args.pdf),
      },
      logger,
    );
    const shown = relativeToCwd(outDir, userCwd);
    logger.info(`${bold('report')}    ${summary.month} ready: ${shown}/index.html${summary.pdf ? `, ${shown}/${summary.pdf}` : ''} ${dim('(serve the folder with any static file server)')}`);
    code = EXIT.ok;
    if (summary.pdfFailure) {
      // exit 10 whatever the cause (a full disk too): the report is published, only the PDF is missing
      logger.error(`error: ${summary.pdfFailure.message}`, summary.pdfFailure.details);
      if (args.debug && summary.pdfFailure.cause instanceof Error) process.stderr.write(`${summary.pdfFailure.cause.stack}\n`);
      code = EXIT.pdf;
    }
    // after publishing (and the PDF, when the run prints one): a digest that is not delivered leaves the report as published
    if (summary.settings.email && args.email !== false && !(await deliverDigest(outDir, summary.settings.email, logger, process.env, Boolean(args.debug)))) code = EXIT.mail;
  } catch (error) {
    code = await explainFailure(error, logger, Boolean(args.debug), dataDir, places);
  }
  log?.end(code);
  return code;
}

/**
 * Publishing replaces `--out` (a file there would be moved aside and removed with old
 * releases) and the warehouse is a file DuckDB opens; a path of the other kind is a
 * mistake in the command, found before anything is written.
 */
function refuseWrongKind(outDir: string, warehousePath: string): void {
  const kind = (path: string) => {
    try {
      return lstatSync(path);
    } catch {
      return null;
    }
  };
  const out = kind(outDir);
  if (out && !out.isDirectory() && !out.isSymbolicLink()) throw usageError(`--out ${outDir} is a file, not a folder: the report is a folder of pages; choose another path`);
  if (kind(warehousePath)?.isDirectory()) throw usageError(`--warehouse ${warehousePath} is a folder: the warehouse is one DuckDB file; give a file path such as ${warehousePath}/warehouse.duckdb`);
}

/**
 * The one place a failure is put into words: an expected one in a line, a bug with a hint.
 * Failures of the machine (exit 9) and DuckDB's CSV errors on input files (exit 3) are
 * recognised in whatever step they happen, so they never read as a bug.
 */
async function explainFailure(error: unknown, logger: Logger, debug: boolean, dataDir: string | null, places: { out?: string; warehouse?: string }): Promise<number> {
  const also = secondaryFailures(error);
  const known = outOfMemory(error) ?? machineFailure(error, places) ?? settingRefused(error) ?? (dataDir ? await csvReadFailure(error, dataDir) : null);
  if (known) error = known;
  if (error instanceof ReportError) {
    const details = error.details;
    logger.error(`error: ${error.message}`, [...details, ...also.filter((a) => !details.includes(a))]);
    if (debug) process.stderr.write(`${error.cause instanceof Error ? error.cause.stack : error.stack}\n`);
    return error.exitCode;
  }
  // DuckDB quotes an input line it could not read; it may hold a customer's name and e-mail.
  const message = (error instanceof Error ? error.message : String(error)).replace(/^Original Line: .*$/gm, 'Original Line: (left out: it may hold personal data)');
  logger.error(`Unexpected error: ${message}`, also);
  if (debug) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  else process.stderr.write(red('This is a bug in the pipeline; run again with --debug for the stack trace and report it.\n'));
  return EXIT.unexpected;
}

process.exitCode = await main(process.argv.slice(2));
