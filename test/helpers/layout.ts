// The layout checks of test/browser-layout.test.ts, as one function that runs in
// the page (page.evaluate(inspectLayout, narrow)): what overflows, which table
// columns are cut, how many rows the navigation takes, which words are broken
// inside, and which raw keys show. It opens every <details> of the page's main part
// first. It may use only what a page has (it is sent to the browser as its text).

export interface LayoutReport {
  documentWidth: number;
  clipped: string[];
  uncued: string[];
  keyColumn: string[];
  navRows: number;
  navUncued: boolean;
  brokenWords: string[];
  /** Each raw key with a few words around it, and the whole text it stands in. */
  rawKeys: { token: string; context: string; text: string }[];
}

/** Runs in the page: every check above, after opening every <details> of the page's main part. */
export function inspectLayout(narrow: boolean): LayoutReport {
  for (const details of document.querySelectorAll('main details')) (details as HTMLDetailsElement).open = true;
  const where = (cell: Element) => {
    const table = cell.closest('table');
    const row = cell.closest('tr');
    const index = row ? [...row.children].indexOf(cell) : -1;
    const header = table?.querySelectorAll('thead th')[index]?.textContent?.trim() ?? '';
    return `${table?.id || 'table'} column ${index + 1} "${header}" row "${row?.firstElementChild?.textContent?.trim().slice(0, 40) ?? ''}"`;
  };
  const visible = (e: Element) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const frame = (e: Element): Element | null => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return p;
    }
    return null;
  };
  const cued = (e: Element) => e.classList.contains('scroll-cue') && getComputedStyle(e).backgroundImage.includes('radial-gradient');

  const clipped: string[] = [];
  const uncued = new Set<string>();
  const keyColumn = new Set<string>();
  for (const cell of document.querySelectorAll('main table th, main table td')) {
    if (!visible(cell)) continue;
    const box = frame(cell);
    if (!box) continue;
    const right = cell.getBoundingClientRect().right;
    const edge = box.getBoundingClientRect().right;
    if (right <= edge + 1) continue;
    const overflow = getComputedStyle(box).overflowX;
    if (overflow === 'hidden' || overflow === 'clip') {
      clipped.push(`${where(cell)}: ends at ${Math.round(right)} px, its frame at ${Math.round(edge)} px (overflow ${overflow})`);
    } else if (!cued(box)) {
      uncued.add(`${cell.closest('table')?.id || 'table'}: scrolls sideways without the scroll cue`);
    }
    if (narrow) {
      const first = cell.closest('tr')?.firstElementChild;
      if (first && getComputedStyle(first).position !== 'sticky') keyColumn.add(`${cell.closest('table')?.id || 'table'}: scrolls, its first column is not kept in view`);
    }
  }

  const links = [...document.querySelectorAll('nav.site-nav a')].filter(visible);
  const navRows = new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size;
  const list = document.querySelector('nav.site-nav ul');
  const navUncued = list !== null && list.scrollWidth > list.clientWidth + 1 && !cued(list);

  const top = (node: Node, at: number) => {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    // the last rectangle: the first one of a letter after a soft hyphen is the drawn hyphen
    const rect = [...range.getClientRects()].filter((r) => r.width > 0).at(-1);
    return rect ? Math.round(rect.top) : null;
  };
  const splitInside = (node: Node, start: number, length: number) => {
    for (let i = start; i < start + length - 1; i++) {
      const a = top(node, i);
      const b = top(node, i + 1);
      if (a !== null && b !== null && Math.abs(a - b) > 2) return true;
    }
    return false;
  };

  // Words on two lines, and raw keys, in the text a reader sees (not in code, scripts or charts).
  const brokenWords: string[] = [];
  const rawKeys: { token: string; context: string; text: string }[] = [];
  const german = document.documentElement.lang === 'de';
  // (a TreeWalker without a filter: a filter is a callback, and the page runs no script)
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!text.trim() || !node.parentElement || node.parentElement.closest('code, pre, script, style, svg, title, .visually-hidden') || !visible(node.parentElement)) continue;
    for (const m of text.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
      // a word of a path, a file name, an identifier or an address (`exports/meta_2026.csv`) is no word
      const tokenStart = text.slice(0, m.index).search(/\S*$/);
      const token = (text.slice(tokenStart).match(/^\S*/)?.[0] ?? '').replace(/[^\p{L}\p{N}]+$/u, '');
      if (/[\p{L}\p{N}][_/\\.@:][\p{L}\p{N}]/u.test(token)) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      // on two lines: then two neighbouring letters of it are on two lines (the whole word's
      // rectangles can include the hyphen a soft hyphen before it drew at the line's end)
      if (tops.size > 1 && splitInside(node, m.index, m[0].length)) brokenWords.push(`"${m[0]}" in ${node.parentElement.tagName.toLowerCase()}${node.parentElement.className ? `.${String(node.parentElement.className).split(' ')[0]}` : ''}`);
    }
    const context = (i: number) => text.slice(Math.max(0, i - 30), i + 40).replace(/\s+/g, ' ').trim();
    const whole = text.replace(/\s+/g, ' ').trim();
    // (a file name, `channel_roi.arrow`, is a name the reader downloads, not a raw key)
    for (const m of text.matchAll(/(?<![\p{L}\p{N}_./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\p{L}\p{N}_]|\.[a-z])/gu)) rawKeys.push({ token: m[0], context: context(m.index), text: whole });
    for (const m of text.matchAll(/`/g)) rawKeys.push({ token: '`', context: context(m.index), text: whole });
    if (german) for (const m of text.matchAll(/(?<![\p{L}\p{N}_])(unmapped|unattributed)(?![\p{L}\p{N}_]|\.[a-z])/gu)) rawKeys.push({ token: m[0], context: context(m.index), text: whole });
  }

  return {
    documentWidth: document.documentElement.scrollWidth,
    clipped,
    uncued: [...uncued],
    keyColumn: [...keyColumn],
    navRows,
    navUncued,
    brokenWords: [...new Set(brokenWords)],
    rawKeys,
  };
}

