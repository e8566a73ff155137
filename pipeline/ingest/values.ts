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
  if (raw === undefined) return true;
  // Most cells are longer than any marker and not padded: no need to trim and fold them.
  if (raw.length > 5 && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32) return false;
  return NULL_MARKERS.has(raw.trim().toLowerCase());
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function cleanText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = PLAIN_ASCII.test(raw) ? raw.trim() : raw.normalize('NFKC').replace(/[\u00a0\u202f]/g, ' ').trim();
  return isNullMarker(text) ? null : text;
}

/**
 * An identifier as platforms and spreadsheets wrap it: Microsoft Advertising's
 * `[436534626]`, Excel's text-forcing `'614000111` and `="614000111"`.
 */
export function cleanId(raw: string | undefined): string | null {
  const text = cleanText(raw);
  if (text === null) return null;
  const unwrapped = /^\[(.*)\]$/.exec(text)?.[1] ?? /^="(.*)"$/.exec(text)?.[1] ?? /^'(\d.*)$/.exec(text)?.[1] ?? text;
  return cleanText(unwrapped);
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
  if (cell.indexOf(',') < 0 && cell.indexOf('.') < 0) return 0;
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

const PLAIN_POINT = /^-?\d+(?:\.\d+)?$/;
const PLAIN_COMMA = /^-?\d+(?:,\d+)?$/;
const LAYOUT_PATTERNS = {
  '.': {
    grouped: /^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$/,
    plain: /^\d+(?:\.\d*)?$|^\.\d+$/,
  },
  ',': {
    grouped: /^\d{1,3}(?:[. ]\d{3})+(?:,\d+)?$/,
    plain: /^\d+(?:,\d*)?$|^,\d+$/,
  },
} as const;

/** Parses a number written with the file's decimal separator; null when the cell is not such a number. */
export function parseNumber(raw: string, decimal: DecimalSeparator): ParsedNumber | null {
  // The common case first: plain digits with the file's separator, nothing else.
  if ((decimal === '.' ? PLAIN_POINT : PLAIN_COMMA).test(raw)) {
    let text = decimal === ',' ? raw.replace(',', '.') : raw;
    if (/^-?0\d/.test(text)) text = text.replace(/^(-?)0+(?=\d)/, '$1');
    if (text.startsWith('-') && !/[1-9]/.test(text)) text = text.slice(1);
    return { text, percent: false };
  }
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
  // Excel and R write small fractions as 7.57E-3: read exactly, by moving the point.
  const scientific = /^(\d+)(?:([.,])(\d+))?[eE]([+-]?\d{1,3})$/.exec(s);
  if (scientific && (!scientific[2] || scientific[2] === decimal)) {
    const text = shiftDecimal(`${scientific[1]}${scientific[3] ? `.${scientific[3]}` : ''}`, Number(scientific[4]));
    return { text: negative && /[1-9]/.test(text) ? `-${text}` : text, percent };
  }
  const thousands = decimal === '.' ? ',' : '.';
  const { grouped, plain } = LAYOUT_PATTERNS[decimal];
  if (!plain.test(s) && !grouped.test(s)) return null;
  let digits = s.replace(/ /g, '').split(thousands).join('');
  if (decimal === ',') digits = digits.replace(',', '.');
  if (digits.startsWith('.')) digits = `0${digits}`;
  if (digits.endsWith('.')) digits = digits.slice(0, -1);
  digits = digits.replace(/^0+(?=\d)/, '');
  return { text: negative && /[1-9]/.test(digits) ? `-${digits}` : digits, percent };
}

/** Moves the decimal point of an exact decimal text: `shiftDecimal('12345678', -6)` → `12.345678`. */
export function shiftDecimal(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  let result = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '').replace(/\.?0*$/, '');
  if (result === '') result = '0';
  return negative && /[1-9]/.test(result) ? `-${result}` : result;
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

export type DateLayout = 'iso' | 'dmy' | 'mdy' | 'ymd_compact' | 'excel_serial' | 'long';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
/**
 * `October 1, 2026`, `Oct 1, 2026`, `1 Oct 2026`, `1. Oktober 2026`, French
 * `1 septembre 2026`, Spanish and Portuguese `1 de julio de 2025` (the period
 * line of a Google Ads download is written in the UI language).
 */
const LONG_MDY = /^(\p{L}+)\.? (\d{1,2}),? (\d{4})$/u;
const LONG_DMY = /^(\d{1,2})\.?(?: de)? (\p{L}+)\.?,?(?: de)? (\d{4})$/u;
const MONTH_NAMES: Record<string, number> = {};
[
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'janeiro'],
  ['february', 'feb', 'februar', 'février', 'févr', 'fevr', 'febrero', 'fevereiro', 'fev'],
  ['march', 'mar', 'märz', 'mär', 'maerz', 'mars', 'marzo', 'março', 'marco'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo', 'maio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'junho'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'set'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'out'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'déc', 'diciembre', 'dic', 'dezembro'],
].forEach((names, index) => names.forEach((name) => (MONTH_NAMES[name] = index + 1)));

function monthNumber(name: string): number | null {
  return MONTH_NAMES[name.toLowerCase()] ?? null;
}

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
    case 'long': {
      const mdy = LONG_MDY.exec(s);
      if (mdy) {
        const month = monthNumber(mdy[1] ?? '');
        return month ? isoDate(Number(mdy[3]), month, Number(mdy[2])) : null;
      }
      const dmy = LONG_DMY.exec(s);
      if (dmy) {
        const month = monthNumber(dmy[2] ?? '');
        return month ? isoDate(Number(dmy[3]), month, Number(dmy[1])) : null;
      }
      return null;
    }
  }
}

const TIME = /(?:[T ]|, ?)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads a date with an optional time of day: `YYYY-MM-DD HH:MM:SS`, with the
 * offset appended (`+02:00`, `Z`) when the cell has one. Null when the date
 * part does not read in the layout.
 */
export function parseDateTime(raw: string, layout: DateLayout): string | null {
  const s = raw.trim();
  if (layout === 'excel_serial') {
    if (!SERIAL.test(s)) return null;
    const ms = Math.round((Number(s) - 25_569) * 86_400) * 1000;
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  }
  const date = parseDate(s, layout);
  if (!date) return null;
  const time = TIME.exec(s);
  if (!time || layout === 'ymd_compact') return `${date} 00:00:00`;
  let hour = Number(time[1]);
  const ampm = time[4]?.toLowerCase();
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  if (hour > 23) return null;
  const clock = `${String(hour).padStart(2, '0')}:${time[2]}:${time[3] ?? '00'}`;
  const offset = time[5] ? (time[5] === 'Z' ? '+00:00' : time[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
  return `${date} ${clock}${offset}`;
}

/** Whether a cell holds a time of exactly midnight (`2026-09-02 00:00:00`). */
export function isMidnight(raw: string): boolean {
  const time = TIME.exec(raw.trim());
  return time !== null && Number(time[1]) === 0 && Number(time[2]) === 0 && Number(time[3] ?? 0) === 0 && !time[4];
}

const RANGE_SEPARATOR = /\s+(?:-|–|—|to|bis)\s+/i;

/** `2026-10-01 - 2026-10-31`, `October 1, 2026 - October 31, 2026`: the two sides; one side for a single date. */
export function splitDateRange(raw: string): [string, string] | null {
  const parts = raw.trim().split(RANGE_SEPARATOR);
  if (parts.length === 1) return [parts[0]!, parts[0]!];
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  return null;
}

/** The day before an ISO date. */
export function previousDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Decides the date layout of a column from all its values. `D/M/Y` against
 * `M/D/Y` is decided by any value above 12; when none is, `slashOrder` (from
 * the header language) decides. Null when no single layout reads every value.
 */
export function decideDateLayout(values: string[], slashOrder: 'dmy' | 'mdy'): DateLayout | null {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return 'iso';
  const layouts: DateLayout[] = ['iso', slashOrder, slashOrder === 'dmy' ? 'mdy' : 'dmy', 'ymd_compact', 'excel_serial', 'long'];
  for (const layout of layouts) {
    if (present.every((v) => parseDate(v, layout) !== null)) return layout;
  }
  return null;
}

const LABEL = /^[^:]{1,40}:\s*/;

/** A reporting period named on a title line (`October 1, 2026 - October 31, 2026`, `Report Time: 9/1/2026 - 9/30/2026`). */
export function periodFromPreamble(lines: readonly string[]): { start: string; end: string } | null {
  for (const raw of lines) {
    const line = raw.replace(/^["']|["',;\t]+$/g, '').trim();
    for (const candidate of [line, line.replace(LABEL, '')]) {
      const sides = splitDateRange(candidate);
      if (!sides || sides[0] === sides[1]) continue;
      const layout = decideDateLayout([...sides], 'mdy');
      const start = layout ? parseDate(sides[0], layout) : null;
      const end = layout ? parseDate(sides[1], layout) : null;
      if (start && end) return { start, end };
    }
  }
  return null;
}
