// A catalogue text (from the SQL's `[<locale>]` header lines) may name code: a column,
// a dataset, a setting, in backticks. On the page such a name is set as <code>, never
// shown with its backticks, and the words around it stay the locale's.

export interface TextPart {
  text: string;
  code: boolean;
}

/** The text split at its backticks: `a \`b\` c` -> a, b (code), c; an unpaired backtick stays as it is. */
export function codeParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), code: false });
    parts.push({ text: m[1]!, code: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** The text without its backticks, for a place that cannot set code (a CSV cell, a title). */
export function plainText(text: string): string {
  return codeParts(text).map((p) => p.text).join('');
}
