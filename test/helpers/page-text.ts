// What a reader sees of a built HTML page, as text, and the checks that it speaks
// one language: the text outside <script>, <style> and tags, entities decoded;
// <code> (file names, dataset and column names, where the name is the point) and
// the machine-readable datetime of <time> are set apart, not part of the prose.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export interface PageText {
  /** The prose a reader sees: every text node outside <code>, soft hyphens removed, whitespace folded. */
  prose: string;
  /** The texts inside <code> elements. */
  code: string[];
  /** The visible texts of attributes a reader meets: title, aria-label, alt (tooltips, screen readers). */
  attributes: string[];
}

/** The visible text of an HTML page, its <code> texts apart. */
export function pageText(html: string): PageText {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<head\b[\s\S]*?<\/head>/i, (head) => (/<title>([\s\S]*?)<\/title>/i.exec(head)?.[0] ?? ''));
  const code: string[] = [];
  const withoutCode = body.replace(/<code\b[^>]*>([\s\S]*?)<\/code>/gi, (_whole, inner: string) => {
    code.push(fold(decode(inner.replace(/<[^>]+>/g, ''))));
    return ' ';
  });
  const attributes: string[] = [];
  for (const m of withoutCode.matchAll(/\s(?:title|aria-label|alt)="([^"]*)"/gi)) attributes.push(fold(decode(m[1]!)));
  // a cell, an item, a paragraph, an SVG text each stand alone: "Influencer" and "ROI" in two
  // cells are not the text "Influencer ROI"; inline elements (a, strong, span) join their words
  const prose = fold(decode(withoutCode.replace(BLOCK_TAG, '\n').replace(/<[^>]+>/g, ' ')));
  return { prose, code, attributes };
}

const BLOCK_TAG = /<\/?(?:p|div|section|header|footer|main|nav|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|th|td|caption|h[1-6]|figure|figcaption|details|summary|text|title|option|select|label|br)\b[^>]*>/gi;

function fold(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/** A catalogue as the leaves a reader may see: each string, and each function's fixed words between its arguments. */
export function catalogueLeaves(messages: unknown, path = ''): Map<string, string[]> {
  const leaves = new Map<string, string[]>();
  const SENTINEL = '\u0001';
  const argument: unknown = new Proxy(() => SENTINEL, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => SENTINEL : key === 'length' ? 1 : argument),
    apply: () => SENTINEL,
  });
  const walk = (value: unknown, at: string) => {
    if (typeof value === 'string') leaves.set(at, [value]);
    else if (typeof value === 'function') {
      let text: unknown;
      try {
        text = (value as (...a: unknown[]) => unknown)(...Array.from({ length: Math.max(1, value.length) }, () => argument));
      } catch {
        return;
      }
      if (typeof text === 'string') leaves.set(at, text.split(SENTINEL).map((s) => s.replace(/undefined/g, SENTINEL)).flatMap((s) => s.split(SENTINEL)));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, at ? `${at}.${key}` : key);
    }
  };
  walk(messages, path);
  return leaves;
}

/** A fragment long enough that finding it in a page is no coincidence: two words or more, or 12 characters. */
export function distinctive(fragment: string): boolean {
  const text = fragment.replace(/\u00ad/g, '').trim().replace(/^[\s(),.:;–—-]+|[\s(),.:;–—-]+$/g, '');
  return text.length >= 12 || (text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= 2 && text.length >= 6);
}

/**
 * The English fragments a page in another locale must not contain: each leaf of the English
 * catalogue that differs from the same leaf of the page's locale, split at its arguments,
 * the distinctive fragments that are not also words of the page's own catalogue.
 */
export function foreignFragments(english: Map<string, string[]>, own: Map<string, string[]>): { path: string; fragment: string }[] {
  const ownTexts = [...own.values()].flat().map((s) => s.replace(/\u00ad/g, ''));
  const result: { path: string; fragment: string }[] = [];
  for (const [path, fragments] of english) {
    const mine = own.get(path);
    if (mine && mine.join('\u0001') === fragments.join('\u0001')) continue;
    for (const raw of fragments) {
      const fragment = raw.replace(/\u00ad/g, '').trim();
      if (!distinctive(fragment)) continue;
      if (ownTexts.some((t) => t.includes(fragment))) continue;
      result.push({ path, fragment });
    }
  }
  return result;
}

/** Raw keys shown as words: snake_case identifiers, backticks, SQL file paths. */
export function rawKeys(text: string): string[] {
  const found = [
    ...text.matchAll(/(?<![\p{L}\p{N}_./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\p{L}\p{N}_])/gu),
    ...text.matchAll(/`[^`]*`?/g),
    ...text.matchAll(/\b(?:queries|staging|intermediate|marts|tests)\/[\w/.-]+\.sql\b/g),
  ].map((m) => m[0]);
  return [...new Set(found)];
}

/** ISO dates (2026-10-31) in prose: a date a reader sees goes through format.ts in the locale. */
export function isoDates(text: string): string[] {
  return [...new Set([...text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]))];
}
