// Text widths for Vega's layout at build time. Without a canvas, Vega guesses
// 0.8 × font size per character, which is far too wide for proportional fonts:
// axis labels get cut ("Nicht zugeord…") and charts get wide empty margins. These
// are Helvetica/Arial advance widths (1/1000 em), widened by an eighth so that the
// system fonts the page uses (Segoe UI, Roboto, DejaVu Sans) still fit.

// Printable ASCII from space (32) to tilde (126).
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
  278, 278, 584, 584, 584, 556, 1015, // : to @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
  278, 278, 278, 469, 556, 333, // [ to `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
  334, 260, 334, 584, // { to ~
];

const OTHER: Record<string, number> = {
  '\u00a0': 278, // no-break space
  '\u202f': 200, // narrow no-break space
  '€': 556,
  '£': 556,
  '–': 556,
  '—': 1000,
  '−': 584,
  '…': 1000,
  '’': 222,
  '“': 333,
  '”': 333,
  '„': 333,
  ä: 556,
  ö: 556,
  ü: 556,
  ß: 611,
  Ä: 667,
  Ö: 778,
  Ü: 722,
};

const DEFAULT_WIDTH = 600;
const WIDEN = 1.12;
const BOLD = 1.07;

/** Estimated width in pixels of one line of text. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += (code >= 32 && code <= 126 ? ASCII[code - 32] : OTHER[ch]) ?? DEFAULT_WIDTH;
  }
  return (units / 1000) * fontSize * WIDEN * (bold ? BOLD : 1);
}

interface TextItem {
  text?: unknown;
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  limit?: number | null;
}

/** Vega's text width hook: `textMetrics.width(item, text)`, capped at the item's label limit. */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const value = text ?? item.text;
  const line = value == null ? '' : String(Array.isArray(value) ? (value[0] ?? '') : value).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' ? weight >= 600 : Number(weight) >= 600);
  const width = textWidth(line, size, bold);
  const limit = Number(item.limit) || 0;
  return limit > 0 ? Math.min(width, limit) : width;
}
