// A rejected row of a file that holds money (orders, costs, exchange rates, the
// campaign map) is money the report would leave out: total cost 14.126 € became
// 7.037 € and ROI 7,4 % became 115,6 % when German Excel's costs.csv was rejected
// row by row and the report published anyway. So such a row stops the run
// (exit 3, with file, line, column and what was found), unless the user says to
// publish without it (`--accept-rejected`); then every page of the report says
// what is missing and how much money it held (site/layouts/Report.astro).
import { inputError } from './errors.ts';
import type { InputFile } from './ingest/index.ts';
import type { RejectedMoney } from './ingest/own-csv.ts';
import type { Logger } from './log.ts';
import type { Warehouse } from './warehouse.ts';

/**
 * The input kinds whose rejected rows stop the run: our money files, and paid
 * platform exports (each of their rows is a day or period of spend). Touchpoints
 * hold no money (a lost touchpoint shifts credit; it is a warning), nor do
 * organic exports.
 */
export const MONEY_KINDS: readonly string[] = ['orders', 'costs', 'fx', 'campaigns', 'export'];

/**
 * Input kinds that hold no money but whose rejected rows stop the run all the same:
 * an experiment left out would leave a channel's attribution unchecked without a word
 * (the attribution page, not every page, says so under --accept-rejected).
 */
export const REFUSED_KINDS: readonly string[] = [...MONEY_KINDS, 'experiments'];

/** True when the file's rejected rows hold money the report leaves out (so its pages say so). */
export function leavesMoneyOut(file: { kind: string; rejected: number }): boolean {
  return MONEY_KINDS.includes(file.kind) && file.rejected > 0;
}

const SHOWN_PER_FILE = 5;

/** `2500 EUR and 12.5 USD (1 amount unreadable)`: what rejected rows held, in words for messages. */
export function describeRejectedMoney(money: readonly RejectedMoney[] | undefined): string | null {
  if (!money?.length) return null;
  const sums = money.filter((m) => m.amount !== null).map((m) => `${m.amount}${m.currency ? ` ${m.currency}` : ''}`);
  const unreadable = money.reduce((n, m) => n + m.unreadable, 0);
  const parts = [...(sums.length ? [sums.join(' and ')] : []), ...(unreadable ? [`${unreadable} amount${unreadable === 1 ? '' : 's'} unreadable`] : [])];
  return parts.length ? parts.join(', ') : null;
}

/** Stops the run on rejected rows of a money file, unless accepted; an accepted one is a warning. */
export async function refuseRejectedRows(
  warehouse: Warehouse,
  files: readonly InputFile[],
  accept: boolean,
  warnings: string[],
  logger: Logger,
): Promise<void> {
  const rejected = files.filter((f) => REFUSED_KINDS.includes(f.kind) && f.rejected > 0);
  if (rejected.length === 0) return;
  const summary = (f: InputFile) => {
    const money = describeRejectedMoney(f.rejected_money);
    return `${f.path}: ${f.rejected} row${f.rejected === 1 ? '' : 's'} rejected${money ? ` (holding ${money})` : ''}`;
  };
  if (accept) {
    for (const f of rejected) {
      const message = `${summary(f)}, left out of the report by --accept-rejected; ${leavesMoneyOut(f) ? 'every page says so' : 'the attribution pages say so'}`;
      warnings.push(message);
      logger.warn(message);
    }
    return;
  }
  const details: string[] = [];
  for (const f of rejected) {
    const rows = await warehouse.rows<{ source_line: number | null; column_name: string | null; reason: string }>(
      `select source_line, column_name, reason from raw_rejected_rows where source_file = $file order by source_line limit ${SHOWN_PER_FILE}`,
      { file: f.path },
    );
    for (const r of rows) details.push(`  ${f.path} line ${r.source_line ?? '?'}${r.column_name ? `, column ${r.column_name}` : ''}: ${r.reason}`);
    if (f.rejected > rows.length) details.push(`  ${f.path}: … and ${f.rejected - rows.length} more (all in the warehouse's raw_rejected_rows)`);
  }
  throw inputError(
    `${rejected.map(summary).join('; ')}: the report would leave ${rejected.every(leavesMoneyOut) ? 'their money' : 'them'} out. ` +
      'Correct the rows and run again, or run with --accept-rejected to publish without them ' +
      (rejected.some(leavesMoneyOut) ? '(every page of the report then says what is missing)' : '(the attribution pages then say what is missing)'),
    details,
  );
}
