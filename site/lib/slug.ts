// Page slugs for campaign keys: safe in any URL and file system, whatever the
// key holds (markup, slashes, `..`, non-ASCII, thousands of characters), and
// unique even when two keys slug alike.

const MAX_LENGTH = 60;

/** Lower-case ASCII letters, digits and single hyphens; German umlauts and ß spelled out; at most 60 characters. */
export function slugify(text: string): string {
  return fullSlug(text).slice(0, MAX_LENGTH).replace(/-+$/, '');
}

function fullSlug(text: string): string {
  const spelled = text
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue');
  const ascii = spelled.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A short stable hash of a text (FNV-1a, base 36), to tell apart keys that slug alike. */
export function shortHash(text: string): string {
  let h = 2166136261;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 7);
}

/**
 * One slug per key. Keys that are already slugs keep themselves; the others are
 * taken in sorted order, so the result does not depend on the order of the rows.
 * A key whose slug is empty, or was taken by an earlier key, or was cut short,
 * gets a hash of the key appended.
 */
export function assignSlugs(keys: Iterable<string>): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  const sorted = [...new Set(keys)].sort();
  const exact = sorted.filter((key) => slugify(key) === key);
  for (const key of exact) {
    taken.add(key);
    slugs.set(key, key);
  }
  for (const key of sorted) {
    if (slugs.has(key)) continue;
    const base = slugify(key);
    const cut = fullSlug(key).length > base.length;
    let slug = base === '' || cut || taken.has(base) ? `${base || 'campaign'}-${shortHash(key)}` : base;
    for (let n = 2; taken.has(slug); n++) slug = `${base || 'campaign'}-${shortHash(key)}-${n}`;
    taken.add(slug);
    slugs.set(key, slug);
  }
  return slugs;
}
