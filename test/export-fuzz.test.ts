// Malformed CSV thrown at the platform-export reader (fast-check draws it; a
// failure prints the smallest text). Whatever the damage, the reader never
// crashes and never loses a line unsaid: every line below the header is part
// of a loaded row, a rejected row (with its line), a totals row or empty; a
// file mostly damaged stops the run with exit 3 naming its damaged lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../pipeline/errors.ts';
import { readCsvTable } from '../pipeline/ingest/csv.ts';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';

const HEADER = ['Day', 'Campaign name', 'Amount spent (EUR)', 'Impressions'];
const BREAK = /\r\n|\n|\r/;

/** A whole row, as Meta writes it (campaign names quoted when they hold a delimiter). */
const goodRow = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    campaign: fc.constantFrom('A', 'NL | Reels', 'Brand, Q4', 'Sale "Nov"', 'Ümlaut'),
    spend: fc.integer({ min: -500, max: 100_000 }),
    impressions: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ day, campaign, spend, impressions }) => {
    const name = /[,"]/.test(campaign) ? `"${campaign.replace(/"/g, '""')}"` : campaign;
    return `2026-10-${String(day).padStart(2, '0')},${name},${(spend / 100).toFixed(2)},${impressions}`;
  });

/** What happens to a line: kept, cut, run into the next, broken by a stray `\r`, blank, a totals row. */
type Damage = 'none' | 'cut' | 'extra' | 'stray-cr' | 'blank' | 'totals' | 'drop-field';
const damage = fc.constantFrom<Damage>('none', 'none', 'none', 'none', 'cut', 'extra', 'stray-cr', 'blank', 'totals', 'drop-field');

function damaged(row: string, kind: Damage, at: number): string {
  const cut = Math.max(1, Math.floor(at * row.length));
  switch (kind) {
    case 'cut':
      return row.slice(0, cut);
    case 'extra':
      return `${row},9,x`;
    case 'stray-cr': {
      // never inside the quoted campaign name: there a CR is part of the field (RFC 4180) and the
      // record spans two lines, which the count below does not allow; it goes after the name then
      const quoted = (row.slice(0, cut).match(/"/g) ?? []).length % 2 === 1;
      const at = quoted ? row.lastIndexOf(',', row.lastIndexOf(',') - 1) : cut;
      return `${row.slice(0, at)}\r${row.slice(at)}`;
    }
    case 'blank':
      return '';
    case 'totals':
      return 'Total,,123.00,4';
    case 'drop-field':
      return row.replace(/,[^,]*$/, '');
    default:
      return row;
  }
}

const exportText = fc
  .record({
    rows: fc.array(fc.tuple(goodRow, damage, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 30 }),
    endings: fc.array(fc.constantFrom('\r\n', '\r\n', '\n'), { minLength: 31, maxLength: 31 }),
    // The download cut off inside its last quoted field, or after it.
    truncateQuoted: fc.boolean(),
    finalBreak: fc.boolean(),
  })
  .map(({ rows, endings, truncateQuoted, finalBreak }) => {
    let text = HEADER.join(',') + '\r\n';
    rows.forEach(([row, kind, at], i) => {
      text += damaged(row, kind, at) + (i < rows.length - 1 || finalBreak ? endings[i] : '');
    });
    if (truncateQuoted) text += (finalBreak ? '' : '\r\n') + '2026-10-30,"Cut off mid';
    return text;
  });

function physicalLines(text: string): string[] {
  return text.split(BREAK);
}

describe('platform export reader, fuzzed', () => {
  it('loads, rejects (with its line) or counts as totals every non-empty line; or stops with exit 3 naming the damaged lines', async () => {
    await fc.assert(
      fc.asyncProperty(exportText, async (text) => {
        const lines = physicalLines(text);
        const nonEmpty = lines.map((l, i) => [i + 1, l] as const).filter(([n, l]) => n > 1 && l.trim() !== '').map(([n]) => n);
        let extracted;
        try {
          extracted = extractFile(await recogniseFile('meta.csv', new Uint8Array(Buffer.from(text))), { currency: 'EUR' });
        } catch (error) {
          expect(error).toBeInstanceOf(ReportError);
          const e = error as ReportError;
          expect(e.exitCode).toBe(3);
          expect(e.message).toMatch(/^meta\.csv: \d+ of its \d+ data rows? (are|is) damaged, more than half/);
          expect(e.details[0]).toMatch(/^First damaged lines: line \d+: /);
          return;
        }
        const loaded = [...extracted.rows.raw_ad_daily, ...extracted.rows.raw_ad_periods].map((r) => r[1] as number);
        const rejected = extracted.rows.raw_rejected_rows.map((r) => r[1] as number);
        // No quote spans a line break here, so each line is one record: loaded, rejected, or a totals row.
        const accounted = [...loaded, ...rejected].sort((a, b) => a - b);
        expect(new Set(accounted).size).toBe(accounted.length);
        expect(accounted.length + extracted.totalsDropped).toBe(nonEmpty.length);
        for (const line of accounted) expect(nonEmpty).toContain(line);
        for (const r of extracted.rows.raw_rejected_rows) expect(typeof r[3]).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('tiles every line with records, damaged records and empty lines, whatever the quotes and line breaks', () => {
    const piece = fc.constantFrom('a', 'b1', ',', ',', ',', '"', '""', '\r', '\n', '\r\n', ' ', '2026-10-01', '12.50', ';', '"post\ntext"', '"x\r\ny, z"');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 6 }), (pieces, width) => {
        const text = pieces.join('');
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const table = readCsvTable(text, { delimiter: ',', file: 'x.csv', header });
        const lines = physicalLines(text);
        const covered = new Map<number, string>();
        const cover = (from: number, to: number, what: string) => {
          expect(to).toBeGreaterThanOrEqual(from);
          for (let n = from; n <= to; n++) {
            expect(covered.has(n), `line ${n} read twice (${covered.get(n)}, ${what})`).toBe(false);
            covered.set(n, what);
          }
        };
        for (const r of table.records) cover(r.firstLine ?? r.line, r.line, 'record');
        for (const d of table.damaged) cover(d.line, d.lastLine, 'damaged');
        lines.forEach((line, i) => {
          if (!covered.has(i + 1)) expect(line, `line ${i + 1} is neither read nor empty`).toMatch(/^[\s"]*$/);
        });
        for (const n of covered.keys()) expect(n).toBeLessThanOrEqual(lines.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('never crashes on garbage below a recognised header: it loads, rejects, or stops with exit 3', async () => {
    const piece = fc.constantFrom('2026-10-01', 'A', '10.00', '-1', '100', ',', ',', ',', '"', '\r', '\n', '\r\n', 'Total', '"a\nb"', '\t', ';', '\u0000', 'x'.repeat(300));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), async (pieces) => {
        const text = `${HEADER.join(',')}\r\n${pieces.join('')}`;
        try {
          const x = extractFile(await recogniseFile('meta.csv', new Uint8Array(Buffer.from(text))), { currency: 'EUR' });
          const table = readCsvTable(text, { delimiter: ',', fromLine: 2, file: 'meta.csv', header: HEADER });
          // Each record and each damaged record is one loaded, rejected or totals row (or a blank one, left out).
          const blank = table.records.filter((r) => r.cells.every((c) => c.trim() === '')).length;
          expect(x.loaded + x.rejected + x.totalsDropped).toBe(table.records.length - blank + table.damaged.length);
          for (const r of x.rows.raw_rejected_rows) expect(r[1]).toBeGreaterThan(1);
        } catch (error) {
          expect(error).toBeInstanceOf(ReportError);
          expect((error as ReportError).exitCode).toBe(3);
        }
      }),
      { numRuns: 500 },
    );
  });
});
