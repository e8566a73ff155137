// Damaged platform exports: every row is accounted for. A row with too many or
// too few fields, a file cut mid-row, a stray `\r`, an LF line in a CRLF file,
// an unmatched quote and a row too long to be real each become a rejected row
// with its line; a file mostly damaged stops the run (exit 3); negative spend
// is rejected; a workbook that unpacks too far is refused; hidden files, lock
// files and links are listed, never skipped unsaid.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../data/generator/xlsx.ts';
import { extractFile, recogniseFile } from '../pipeline/ingest/export-file.ts';
import { listFiles, listingWarnings } from '../pipeline/ingest/files.ts';
import { MAX_RECORD_CHARS } from '../pipeline/ingest/csv.ts';
import { checkUnpackedSize, MAX_XLSX_UNPACKED_BYTES, zipEntries } from '../pipeline/ingest/xlsx.ts';
import { reportFailure } from './helpers/failure.ts';

const HEADER = 'Day,Campaign name,Amount spent (EUR),Impressions';

async function extract(text: string, file = 'meta.csv') {
  return extractFile(await recogniseFile(file, new Uint8Array(Buffer.from(text))), { currency: 'EUR' });
}

/** [line, reason] of each rejected row. */
function rejections(extracted: Awaited<ReturnType<typeof extract>>): [number, string][] {
  return extracted.rows.raw_rejected_rows.map((r) => [r[1] as number, r[3] as string]);
}

function loadedLines(extracted: Awaited<ReturnType<typeof extract>>): number[] {
  return extracted.rows.raw_ad_daily.map((r) => r[1] as number);
}

describe('damaged rows of a platform export', () => {
  it('rejects a row with too few fields, naming its line', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,100', '2026-10-02,B,5.00', '2026-10-03,C,1.00,1'].join('\r\n'));
    expect(loadedLines(x)).toEqual([2, 4]);
    expect(rejections(x)).toEqual([[3, 'the row has 3 fields and the header 4: cut short or a broken line']]);
    expect(x.rows.raw_rejected_rows[0]?.[4]).toBe('2026-10-02,B,5.00');
  });

  it('rejects a row with too many fields (a German amount written unquoted)', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,100', '2026-10-02,B,5,00,50', '2026-10-03,C,1.00,1'].join('\r\n'));
    expect(loadedLines(x)).toEqual([2, 4]);
    expect(rejections(x)).toEqual([[3, 'the row has 5 fields and the header 4: an unquoted delimiter or two rows run together']]);
  });

  it('keeps a row whose extra fields are empty (a trailing delimiter)', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,100,', '2026-10-02,B,5.00,50,,'].join('\n'));
    expect(x).toMatchObject({ loaded: 2, rejected: 0 });
  });

  it('rejects a Meta export cut mid-row: the last line, short', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,100', '2026-10-02,B,5.00,50', '2026-10-03,C,1.0'].join('\r\n'));
    expect(loadedLines(x)).toEqual([2, 3]);
    expect(rejections(x)).toEqual([[4, 'the row has 3 fields and the header 4: cut short or a broken line']]);
  });

  it('rejects a Meta export cut inside a quoted field, and reads nothing twice', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,100', '2026-10-02,B,5.00,50', '2026-10-03,"C | Reels'].join('\r\n'));
    expect(loadedLines(x)).toEqual([2, 3]);
    expect(rejections(x)).toEqual([[4, 'a quote opened on line 4 is never closed (the file is cut short, or a stray ")']]);
  });

  it('rejects the line of an unmatched quote and reads the lines after it', async () => {
    const x = await extract([HEADER, '2026-10-01,"A,10.00,100', '2026-10-02,B,5.00,50', '2026-10-03,C,1.00,1', '2026-10-04,D,1.00,1'].join('\n'));
    expect(loadedLines(x)).toEqual([3, 4, 5]);
    expect(rejections(x)).toEqual([[2, 'a quote opened on line 2 is never closed (the file is cut short, or a stray ")']]);
  });

  it('rejects a stray quote that a later quote closes: the first line, then reads on', async () => {
    const x = await extract([HEADER, '2026-10-01,"A,10.00,100', '2026-10-02,B,5.00,50', '2026-10-03,"C",1.00,1', '2026-10-04,D,1.00,1'].join('\n'));
    expect(loadedLines(x)).toEqual([3, 4, 5]);
    expect(rejections(x)).toEqual([[2, 'a quote opens a field that runs over the line break and closes mid-field (a stray ")']]);
  });

  it('rejects a stray quote whose run-on field does not line up: the first line, then reads on', async () => {
    const x = await extract([HEADER, '2026-10-01,"A,10.00,100', '2026-10-02,B,5.00,50', '2026-10-03,C,1.00,"1"', '2026-10-04,D,1.00,1'].join('\n'));
    expect(loadedLines(x)).toEqual([3, 4, 5]);
    expect(rejections(x)).toEqual([[2, 'the row has 2 fields and the header 4: a quote spans the line break']]);
  });

  it('keeps a quoted field that spans lines (a post text) when the row lines up', async () => {
    const x = await extract([HEADER, '2026-10-01,"A', 'second line",10.00,100', '2026-10-02,B,5.00,50'].join('\r\n'));
    expect(x).toMatchObject({ loaded: 2, rejected: 0 });
    expect(x.rows.raw_ad_daily[0]?.[8]).toBe('A\r\nsecond line');
  });

  it('rejects the two halves of a row broken by a stray \\r, and warns that line endings are mixed', async () => {
    const x = await extract(`${HEADER}\r\n2026-10-01,A,10.00,100\r\n2026-10-02,B\r,5.00,50\r\n2026-10-03,C,1.00,1\r\n2026-10-04,D,1.00,1\r\n`);
    expect(loadedLines(x)).toEqual([2, 5, 6]);
    expect(rejections(x)).toEqual([
      [3, 'the row has 2 fields and the header 4: cut short or a broken line'],
      [4, 'the row has 3 fields and the header 4: cut short or a broken line'],
    ]);
    expect(x.notes.map((n) => n.message)).toContain(
      'meta.csv: the file mixes line endings, \\r\\n (first on line 2), \\r (first on line 3): it was edited or joined by hand; rows that do not line up with the header are rejected',
    );
  });

  it('loads a whole row that ends in LF inside a CRLF file, and warns that line endings are mixed', async () => {
    const x = await extract(`${HEADER}\r\n2026-10-01,A,10.00,100\n2026-10-02,B,5.00,50\r\n2026-10-03,C,1.00,1\r\n`);
    expect(loadedLines(x)).toEqual([2, 3, 4]);
    expect(x.rejected).toBe(0);
    expect(x.notes.find((n) => n.message.includes('mixes line endings'))?.severity).toBe('warning');
  });

  it('rejects a row longer than the limit (a 50 MB field) without keeping it', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const x = await extract([HEADER, '2026-10-01,A,10.00,100', `2026-10-02,"${big}",5.00,50`, '2026-10-03,C,1.00,1', '2026-10-04,D,1.00,1'].join('\n'));
    expect(loadedLines(x)).toEqual([2, 4, 5]);
    expect(rejections(x)).toEqual([[3, `the row is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters (the limit for one row)`]]);
    expect(String(x.rows.raw_rejected_rows[0]?.[4]).length).toBeLessThanOrEqual(121);
  });

  it('does not count a totals row or "No data available." as damage', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,100', 'Total,,10.00'].join('\n'));
    expect(x).toMatchObject({ loaded: 1, rejected: 0, totalsDropped: 1 });
  });

  it('stops the run (exit 3) when more than half of the rows are damaged, naming the file and the first damaged lines', async () => {
    const error = await reportFailure(() => extract([HEADER, '2026-10-01,A,10.00', '2026-10-02,B,5.00', '2026-10-03,C,1.00,1'].join('\n')));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('meta.csv: 2 of its 3 data rows are damaged, more than half; the file is cut short or not a clean export: download it again');
    expect(error.details).toEqual([
      'First damaged lines: line 2: the row has 3 fields and the header 4: cut short or a broken line ("2026-10-01,A,10.00"); line 3: the row has 3 fields and the header 4: cut short or a broken line ("2026-10-02,B,5.00")',
    ]);
  });

  it('loads a file with half its rows damaged, rejecting those (the threshold is more than half)', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00', '2026-10-02,B,5.00,1'].join('\n'));
    expect(x).toMatchObject({ loaded: 1, rejected: 1 });
  });
});

describe('sign rules of platform exports', () => {
  it('rejects negative spend with line, column and reason', async () => {
    const x = await extract([HEADER, '2026-10-01,A,-10.00,100', '2026-10-02,B,5.00,50'].join('\n'));
    expect(loadedLines(x)).toEqual([3]);
    expect(x.rows.raw_rejected_rows).toEqual([
      ['meta.csv', 2, 'Amount spent (EUR)', 'expected spend of zero or more, found "-10.00": platform exports hold no credit or refund rows (docs/formats.md)', '-10.00', null],
    ]);
  });

  it('rejects a negative count (impressions)', async () => {
    const x = await extract([HEADER, '2026-10-01,A,10.00,-100'].join('\n'));
    expect(rejections(x)).toEqual([[2, 'expected a count of zero or more, found "-100": platform exports hold no credit or refund rows (docs/formats.md)']]);
  });

  it('accepts zero spend', async () => {
    const x = await extract([HEADER, '2026-10-01,A,0.00,0'].join('\n'));
    expect(x).toMatchObject({ loaded: 1, rejected: 0 });
  });
});

describe('xlsx size limit', () => {
  const small = writeXlsx([{ name: 'S', rows: [['Day', 'Campaign name', 'Amount spent (EUR)', 'Impressions'], ['2026-10-01', 'A', 1.5, 100]] }]);

  it('reads the central directory of a workbook', () => {
    expect(zipEntries(small)?.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a workbook whose entries unpack beyond the limit, with the limit and the largest entry', async () => {
    const error = await reportFailure(() => checkUnpackedSize(small, 'big.xlsx', 1000));
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/^big\.xlsx: the workbook unpacks to more than 0\.0 MB \(at least 0\.0 MB; .+ alone 0\.0 MB\), the limit for an xlsx export$/);
    expect(error.details[0]).toContain('export this report as CSV');
  });

  it('refuses a workbook whose central directory understates its sizes, by inflating it', async () => {
    const lying = new Uint8Array(small);
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 46 < lying.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1, true);
    }
    expect(zipEntries(lying)?.every((e) => e.size === 1)).toBe(true);
    const error = await reportFailure(() => checkUnpackedSize(lying, 'lying.xlsx', 2000));
    expect(error.message).toMatch(/^lying\.xlsx: the workbook unpacks to more than/);
  });

  it(`refuses, through recogniseFile, a small download that unpacks beyond ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB`, async () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(MAX_XLSX_UNPACKED_BYTES + 1024) }, { level: 1 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await reportFailure(() => recogniseFile('bomb.xlsx', bomb));
    expect(error.message).toMatch(/^bomb\.xlsx: the workbook unpacks to more than 100 MB \(at least 100 MB; xl\/worksheets\/sheet1\.xml alone 100 MB\)/);
  });

  it('reads a workbook within the limit', async () => {
    const file = await recogniseFile('ok.xlsx', small);
    expect(file.tables).toHaveLength(1);
  });
});

describe('hidden files, lock files and links in the exports folder', () => {
  it('reads a link to a file as the file, says when it points outside the data folder, and lists what it skips with the reason', async () => {
    const root = await mkdtemp(join(tmpdir(), 'exports-links-'));
    const data = join(root, 'data');
    const exports = join(data, 'exports');
    await mkdir(join(exports, 'meta'), { recursive: true });
    await mkdir(join(exports, '.old'), { recursive: true });
    await mkdir(join(root, 'elsewhere'), { recursive: true });
    await writeFile(join(exports, 'meta', 'a.csv'), HEADER);
    await writeFile(join(exports, '.hidden.csv'), HEADER);
    await writeFile(join(exports, '~$Campaigns.xlsx'), 'lock');
    await writeFile(join(exports, '.old', 'b.csv'), HEADER);
    await writeFile(join(root, 'elsewhere', 'c.csv'), HEADER);
    await symlink(join(exports, 'meta', 'a.csv'), join(exports, 'link-inside.csv'));
    await symlink(join(root, 'elsewhere', 'c.csv'), join(exports, 'link-outside.csv'));
    await symlink(join(root, 'elsewhere'), join(exports, 'folder-link'));
    await symlink(join(root, 'nothing.csv'), join(exports, 'broken.csv'));

    const listing = await listFiles(exports, data);
    expect(listing.files).toEqual(['exports/link-inside.csv', 'exports/link-outside.csv', 'exports/meta/a.csv']);
    expect(listingWarnings(listing)).toEqual([
      'exports/.hidden.csv: not read, a hidden file (its name starts with ".")',
      'exports/.old/: not read, a hidden folder (its name starts with "."); nothing in it is read',
      'exports/broken.csv: not read, a link whose target does not exist',
      'exports/folder-link: not read, a link to a folder, which is not followed (copy or move the files into the folder)',
      "exports/~$Campaigns.xlsx: not read, Excel's lock file of a workbook that is open (close it in Excel)",
      `exports/link-outside.csv: a link to ${join(root, 'elsewhere', 'c.csv')}, outside the data folder; read as that file`,
    ]);
  });
});
