// Cell values as platforms write them: headers in several languages and
// typographies, null markers, decimal commas, and half a dozen date layouts.
// Number and date layouts are decided once per column of a file, never per cell:
// `1,234` means 1234 in one file and 1.234 in another.

/** Header text reduced to what matters for matching: NFKC, plain quotes, dashes and spaces, lower case. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\u00a0\u2007\u202f\u2009\u200a]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[„“”«»"]/g, '')
    .replace(/[‚‘’`´']/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const CURRENCY_SUFFIX = /\(([A-Z]{3})\)\s*$/;

/** `Amount spent (EUR)` → `EUR`. */
export function currencyFromHeader(header: string): string | null {
  return CURRENCY_SUFFIX.exec(header.normalize('NFKC').trim())?.[1] ?? null;
}

/** Header key for matching: normalised, with a trailing `(EUR)` removed. */
export function headerKey(header: string): string {
  const key = normalizeHeader(header);
  return currencyFromHeader(header) ? key.replace(/\s*\([a-z]{3}\)$/, '') : key;
}

const NULL_MARKERS = new Set(['', '-', '--', 'n/a', 'na', 'null', '—', '–']);

export function isNullMarker(raw: string | undefined): boolean {
  return raw === undefined || NULL_MARKERS.has(raw.trim().toLowerCase());
}

export function cleanText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw.normalize('NFKC').replace(/[\u00a0\u202f]/g, ' ').trim();
  return NULL_MARKERS.has(text.toLowerCase()) ? null : text;
}

// ---------------------------------------------------------------- numbers

export type DecimalSeparator = '.' | ',';

function stripNumberDecoration(raw: string): string {
  return raw
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/[€$£¥%]|\b(?:EUR|USD|GBP|CHF)\b/g, '')
    .trim();
}

/** Votes of one cell for the decimal separator: +1 comma, -1 point, 0 undecided. */
function separatorVote(cell: string): number {
  const s = stripNumberDecoration(cell).replace(/ /g, '');
  const lastComma = s.lastIndexOf(',');
  const lastPoint = s.lastIndexOf('.');
  if (lastComma >= 0 && lastPoint >= 0) return lastComma > lastPoint ? 1 : -1;
  if (lastComma >= 0) {
    const decimals = s.length - lastComma - 1;
    const groups = s.split(',').length - 1;
    return decimals === 3 && groups >= 1 && /^-?\d{1,3}(,\d{3})+$/.test(s) ? 0 : 1;
  }
  if (lastPoint >= 0) {
    const decimals = s.length - lastPoint - 1;
    return decimals === 3 && /^-?\d{1,3}(\.\d{3})+$/.test(s) ? 0 : -1;
  }
  return 0;
}

/** Decides the decimal separator of a file from its numeric cells; a point when nothing tells. */
export function decideDecimalSeparator(cells: Iterable<string>, fallback: DecimalSeparator = '.'): DecimalSeparator {
  let comma = 0;
  let point = 0;
  for (const cell of cells) {
    const vote = separatorVote(cell);
    if (vote > 0) comma++;
    else if (vote < 0) point++;
  }
  if (comma === 0 && point === 0) return fallback;
  return comma > point ? ',' : '.';
}

export interface ParsedNumber {
  /** Plain decimal text (`-1234.56`), exact, for DECIMAL columns. */
  text: string;
  percent: boolean;
}

/** Parses a number written with the file's decimal separator; null when the cell is not such a number. */
export function parseNumber(raw: string, decimal: DecimalSeparator): ParsedNumber | null {
  const percent = raw.includes('%');
  let s = stripNumberDecoration(raw);
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  const thousands = decimal === '.' ? ',' : '.';
  const grouped = new RegExp(`^\\d{1,3}(?:[${thousands === '.' ? '\\.' : ','} ]\\d{3})+(?:${decimal === '.' ? '\\.' : ','}\\d+)?$`);
  const plain = new RegExp(`^\\d+(?:${decimal === '.' ? '\\.' : ','}\\d*)?$|^${decimal === '.' ? '\\.' : ','}\\d+$`);
  if (!plain.test(s) && !grouped.test(s)) return null;
  let digits = s.replace(/ /g, '').split(thousands).join('');
  if (decimal === ',') digits = digits.replace(',', '.');
  if (digits.startsWith('.')) digits = `0${digits}`;
  if (digits.endsWith('.')) digits = digits.slice(0, -1);
  digits = digits.replace(/^0+(?=\d)/, '');
  return { text: negative && /[1-9]/.test(digits) ? `-${digits}` : digits, percent };
}

/** A whole count: `1,204` → `1204`; `3.0` → `3`. Null when it has a real fraction. */
export function parseCount(raw: string, decimal: DecimalSeparator): string | null {
  const n = parseNumber(raw, decimal);
  if (!n || n.percent) return null;
  const [whole, fraction = ''] = n.text.split('.');
  if (/[1-9]/.test(fraction)) return null;
  return whole ?? null;
}

// ---------------------------------------------------------------- dates

export type DateLayout = 'iso' | 'dmy' | 'mdy' | 'ymd_compact' | 'excel_serial';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads one cell in one layout; returns `YYYY-MM-DD` or null. */
export function parseDate(raw: string, layout: DateLayout): string | null {
  const s = raw.trim();
  switch (layout) {
    case 'iso': {
      const m = ISO.exec(s);
      return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    }
    case 'dmy':
    case 'mdy': {
      const m = SLASHED.exec(s);
      if (!m) return null;
      const a = Number(m[1]);
      const b = Number(m[2]);
      return layout === 'dmy' ? isoDate(Number(m[3]), b, a) : isoDate(Number(m[3]), a, b);
    }
    case 'ymd_compact': {
      const m = COMPACT.exec(s);
      return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    }
    case 'excel_serial': {
      if (!SERIAL.test(s)) return null;
      const serial = Math.floor(Number(s));
      // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was.
      const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    }
  }
}

/**
 * Decides the date layout of a column from all its values. `D/M/Y` against
 * `M/D/Y` is decided by any value above 12; when none is, `slashOrder` (from
 * the header language) decides. Null when no single layout reads every value.
 */
export function decideDateLayout(values: string[], slashOrder: 'dmy' | 'mdy'): DateLayout | null {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return 'iso';
  const layouts: DateLayout[] = ['iso', slashOrder, slashOrder === 'dmy' ? 'mdy' : 'dmy', 'ymd_compact', 'excel_serial'];
  for (const layout of layouts) {
    if (present.every((v) => parseDate(v, layout) !== null)) return layout;
  }
  return null;
}
