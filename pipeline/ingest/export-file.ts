// One export file, from bytes to the rows of the raw tables, without touching
// the warehouse: recognise (a CSV text, or each sheet of a workbook), then
// parse every table and turn each row into what it is, or a rejection.
// index.ts loads what this returns; the tests compare it with golden files.
import type { ReportSettings } from '../config.ts';
import { inputError } from '../errors.ts';
import { plural } from '../log.ts';
import type { Cell } from '../warehouse.ts';
import { csvViews, parseExport, recogniseTable, recogniseTitleOnly, sheetView, unrecognisedExport, type HeaderMatch, type Rejection } from './platform-export.ts';
import { LINKEDIN_IGNORED_SHEETS } from './platforms/index.ts';
import { accountSummaryRow, completeAdRow, completeDailyRow, completePostRow, isRejection, periodFromPreamble, totalDifferences, unreadPeriodLine } from './records.ts';
import { decodeBytes, isZipArchive } from './text.ts';
import { isLegacyExcel, readWorkbook } from './xlsx.ts';

export interface RecognisedFile {
  path: string;
  /** `utf-8 (BOM)`, `utf-16le (BOM)`, `xlsx`, … */
  encoding: string;
  tables: HeaderMatch[];
  /** Sheets of a workbook that are known and not loaded, or that no format knows. */
  ignored: { sheet: string; rows: number; why: string }[];
  /** Set when no format knows the file. */
  unknown?: Error;
}

export interface Note {
  severity: 'warning' | 'note';
  message: string;
}

/** The rows of the raw tables one file gives, in their column order (source_file first). */
export interface ExtractedRows {
  raw_ad_daily: Cell[][];
  raw_ad_periods: Cell[][];
  raw_organic_posts: Cell[][];
  raw_organic_daily: Cell[][];
  raw_rejected_rows: Cell[][];
}

export interface Extracted {
  rows: ExtractedRows;
  /** Input rows loaded (daily and period ad rows, posts, days of a series). */
  loaded: number;
  periodRows: number;
  rejected: number;
  totalsDropped: number;
  notes: Note[];
  formats: string[];
  platforms: string[];
}

/**
 * More than half of a file's data records are not rows (wrong field count,
 * an unclosed quote, a line too long): the file is cut short or not the
 * export it looks like, and its few good rows would be a wrong month.
 */
export function mostlyDamaged(where: string, damaged: readonly Rejection[], records: number): Error {
  const first = damaged.slice(0, 5).map((d) => `line ${d.line}: ${d.reason}${d.value ? ` (${JSON.stringify(d.value.length > 60 ? `${d.value.slice(0, 60)}…` : d.value)})` : ''}`);
  return inputError(`${where}: ${damaged.length} of its ${plural(records, 'data row')} ${damaged.length === 1 ? 'is' : 'are'} damaged, more than half; the file is cut short or not a clean export: download it again`, [
    `First damaged lines: ${first.join('; ')}`,
  ]);
}

/** Recognises every table of a file by its header; `unknown` says why none was. */
export async function recogniseFile(path: string, bytes: Uint8Array): Promise<RecognisedFile> {
  if (isLegacyExcel(bytes)) {
    throw inputError(`${path}: this is an Excel 97–2003 workbook (.xls); open it and save it as .xlsx or CSV`);
  }
  if (isZipArchive(bytes)) {
    const sheets = await readWorkbook(bytes, path);
    const tables: HeaderMatch[] = [];
    const ignored: RecognisedFile['ignored'] = [];
    const unknownSheets: { sheet: string; rows: number }[] = [];
    for (const sheet of sheets) {
      if (sheet.rows.length === 0) continue;
      const match = recogniseTable([sheetView(sheet.name, sheet.rows)], path);
      if (match) {
        tables.push(match);
        continue;
      }
      const known = LINKEDIN_IGNORED_SHEETS.find((s) => s.sheet.test(sheet.name.trim()));
      // the header row and the note row above it are not data
      if (known) ignored.push({ sheet: sheet.name, rows: Math.max(0, sheet.rows.length - 2), why: known.why });
      else unknownSheets.push({ sheet: sheet.name, rows: sheet.rows.length });
    }
    if (tables.length === 0 && ignored.length === 0) {
      const first = sheets.find((s) => s.rows.length > 0);
      const head = (first?.rows ?? []).slice(0, 15);
      return { path, encoding: 'xlsx', tables, ignored, unknown: unrecognisedExport(`${path}${first ? ` [sheet "${first.name}"]` : ''}`, head) };
    }
    for (const sheet of unknownSheets) ignored.push({ ...sheet, why: 'no recognised header; not loaded' });
    return { path, encoding: 'xlsx', tables, ignored };
  }
  const decoded = decodeBytes(bytes);
  const encoding = `${decoded.encoding}${decoded.hadBom ? ' (BOM)' : ''}`;
  const match = recogniseTable(csvViews(decoded, path), path) ?? recogniseTitleOnly(decoded);
  if (!match) return { path, encoding, tables: [], ignored: [], unknown: unrecognisedExport(path, decoded) };
  return { path, encoding, tables: [match], ignored: [] };
}

/** Parses a recognised file into raw-table rows; `settings.currency` fills a currency the file does not name. */
export function extractFile(file: RecognisedFile, settings: Pick<ReportSettings, 'currency'>): Extracted {
  const path = file.path;
  const rows: ExtractedRows = { raw_ad_daily: [], raw_ad_periods: [], raw_organic_posts: [], raw_organic_daily: [], raw_rejected_rows: [] };
  const result: Extracted = { rows, loaded: 0, periodRows: 0, rejected: 0, totalsDropped: 0, notes: [], formats: [], platforms: [] };
  const formats = new Set<string>();
  const platforms = new Set<string>();
  for (const match of file.tables) {
    const parsed = parseExport(match, path);
    const where = match.sheet ? `${path} [sheet "${match.sheet}"]` : path;
    if (parsed.damaged.length * 2 > parsed.dataRecords) throw mostlyDamaged(where, parsed.damaged, parsed.dataRecords);
    for (const warning of parsed.warnings) result.notes.push({ severity: 'warning', message: warning });
    for (const note of parsed.notes) result.notes.push({ severity: 'note', message: note });
    const format = match.format;
    formats.add(format.format);
    const sheet = match.sheet;
    const rejected: Rejection[] = [...parsed.rejected];
    result.totalsDropped += parsed.totalsDropped;

    if (format.kind === 'ad') {
      const preamble = match.view.preamble(match.headerLine);
      const filePeriod = periodFromPreamble(preamble);
      let defaultedCurrency = 0;
      let withoutPeriod = 0;
      // an export of an empty selection still names its platform in the manifest
      if (format.platform) platforms.add(format.platform);
      const summary = accountSummaryRow(parsed.rows, match);
      if (summary >= 0) {
        result.totalsDropped++;
        result.notes.push({ severity: 'note', message: `${where} line ${parsed.rows[summary]!.line}: a row without campaign whose spend is the sum of all other rows is the account summary; dropped as a totals row` });
      }
      for (const [index, row] of parsed.rows.entries()) {
        if (index === summary) continue;
        const record = completeAdRow(row, match, filePeriod);
        if (isRejection(record)) {
          rejected.push(record);
          continue;
        }
        const v = record.values;
        if (!v.currency) defaultedCurrency++;
        platforms.add(record.platform);
        const metrics = [
          v.campaign_id, v.campaign_name, v.ad_set_id, v.ad_set_name, v.ad_id, v.ad_name,
          v.impressions, v.reach, v.clicks, v.link_clicks, v.engagements, v.video_views,
          v.spend, v.conversions, v.conversion_value, v.followers_gained,
          v.engagement_definition ?? format.engagementDefinition, v.placement, sheet,
          v.messaging_conversations, v.new_messaging_contacts, v.result_indicator, v.objective,
        ].map((cell) => cell ?? null);
        const head = [path, record.line, format.format, record.platform, v.account ?? null, v.currency ?? settings.currency];
        if (record.grain === 'daily') rows.raw_ad_daily.push([...head, v.date, ...metrics]);
        else {
          rows.raw_ad_periods.push([...head, v.period_start, v.period_end, ...metrics]);
          result.periodRows++;
          if (!v.period_start) withoutPeriod++;
        }
        result.loaded++;
      }
      if (defaultedCurrency > 0) {
        result.notes.push({ severity: 'warning', message: `${where}: no currency column and no currency in the spend header; amounts taken as ${settings.currency} (the report currency)` });
      }
      if (withoutPeriod > 0) {
        const named = unreadPeriodLine(preamble);
        result.notes.push({
          severity: 'warning',
          message: named
            ? `${where}: no date column, and the period the file names (${JSON.stringify(named)}) is not a date range; ${plural(withoutPeriod, 'row')} kept as period rows without a period and not used (download a date range, or with a day column)`
            : `${where}: no date column and no reporting period named in the file; its ${plural(withoutPeriod, 'row')} are kept as period rows without a period and not used (export with a day or date column)`,
        });
      }
    } else if (format.kind === 'organic_posts') {
      platforms.add(format.platform);
      for (const row of parsed.rows) {
        const record = completePostRow(row, match);
        if (isRejection(record)) {
          rejected.push(record);
          continue;
        }
        const v = record.values;
        rows.raw_organic_posts.push([
          path, record.line, format.format, format.platform, record.account, v.account_id, v.post_id, v.published_at,
          v.post_type, v.post_title, v.permalink, v.impressions, v.reach, v.engagements, v.likes, v.comments, v.shares,
          v.saves, v.video_views, v.clicks, v.link_clicks, v.followers_gained, format.engagementDefinition, sheet,
        ].map((cell) => cell ?? null));
        result.loaded++;
      }
    } else {
      // A series whose platform nothing in the file or its folder tells is not
      // filed under a guessed one (Business Suite names Facebook's and
      // Instagram's "Content interactions" alike); each row says how to place it.
      const platform = match.context.platform ?? format.platform;
      const unknown = platform ? null : (match.context.platform_unknown ?? 'the platform of this series is not known');
      if (match.context.platform_note) result.notes.push({ severity: 'warning', message: `${where}: ${match.context.platform_note}` });
      if (platform) platforms.add(platform);
      for (const row of parsed.rows) {
        const records = completeDailyRow(row, match);
        if (isRejection(records)) {
          rejected.push(records);
          continue;
        }
        if (unknown) {
          rejected.push({ line: row.line, column: null, reason: unknown, value: match.context.metric_title ?? null });
          continue;
        }
        for (const r of records) rows.raw_organic_daily.push([path, r.line, format.format, platform, r.account, r.date, r.metric, r.value, sheet, r.item]);
        result.loaded++;
      }
      // A checked totals row (YouTube Studio's `Total`) counts never: dropped when it
      // is the sum of the rows, else rejected with the difference (the rows count).
      for (const total of parsed.totalRows) {
        const differences = totalDifferences(total, parsed.rows, format.checkedMetrics ?? []);
        if (differences.length === 0) {
          result.totalsDropped++;
          result.notes.push({ severity: 'note', message: `${where} line ${total.line}: the total row is the sum of the ${plural(parsed.rows.length, 'row')}; dropped as a totals row` });
          continue;
        }
        const said = differences.map((d) => `${match.headers[match.metricColumns[d.metric] ?? -1] ?? d.metric} ${d.total}, the rows add up to ${d.sum}`).join('; ');
        rejected.push({ line: total.line, column: null, reason: `the total row is not the sum of the rows (${said}): the rows are loaded, the total is not`, value: said });
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    rows.raw_rejected_rows.push(...rejected.map((r) => [path, r.line, r.column, r.reason, r.value, sheet]));
    result.rejected += rejected.length;
  }
  for (const sheet of file.ignored) {
    result.notes.push({ severity: 'note', message: `sheet "${sheet.sheet}" (${plural(sheet.rows, 'row')}): ${sheet.why}` });
  }
  result.formats = [...formats];
  result.platforms = [...platforms].sort();
  return result;
}
