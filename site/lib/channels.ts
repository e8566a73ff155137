// One colour per channel, the same in every chart and table of the report.
// Known channel names have a fixed colour; any other name gets a colour from the
// same palette by a stable hash of its name, moved on to the next free colour when
// two channels of the report would otherwise share one.

export const UNMAPPED = 'unmapped';
export const UNATTRIBUTED = 'unattributed';

/** Colours with at least 3:1 contrast against white (WCAG non-text contrast). */
export const PALETTE = [
  '#2f6db5', // blue
  '#d0620f', // orange
  '#1b8756', // green
  '#c0392b', // red
  '#7a4fb0', // purple
  '#0e7f8f', // teal
  '#b83f86', // magenta
  '#8a6d12', // ochre
  '#5a6b85', // slate
  '#9a4f2d', // brown
] as const;

/** Spend and revenue that belong to no campaign: grey, set apart from real channels. */
export const SPECIAL_COLORS: Record<string, string> = {
  [UNMAPPED]: '#767f8b',
  [UNATTRIBUTED]: '#8a929e',
};

const KNOWN: Record<string, number> = {
  meta: 0,
  facebook: 0,
  instagram: 0,
  influencer: 4,
  influencers: 4,
  linkedin: 5,
  youtube: 3,
  'google ads': 3,
  tiktok: 8,
  x: 9,
  twitter: 9,
  pinterest: 6,
  snapchat: 7,
  xing: 2,
  organic: 1,
  organisch: 1,
};

/** The two keys that stand for no campaign and no channel: `unmapped` and `unattributed`. */
export function isSpecialKey(channel: string): boolean {
  return channel === UNMAPPED || channel === UNATTRIBUTED;
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * Colours for every channel of the report. Pass all channels that appear anywhere
 * in the data, so the assignment is the same on every page and in every chart.
 */
export function channelColors(channels: Iterable<string>): Map<string, string> {
  const colors = new Map<string, string>();
  const used = new Set<number>();
  const names = [...new Set(channels)].sort((a, b) => a.localeCompare(b, 'en'));
  const regular = names.filter((name) => !isSpecialKey(name));
  // Known names first, so they keep their colour whatever else is in the data;
  // a taken colour moves on to the next free one.
  const known = regular.filter((name) => KNOWN[name.toLowerCase()] !== undefined);
  const unknown = regular.filter((name) => KNOWN[name.toLowerCase()] === undefined);
  const assign = (name: string, preferred: number) => {
    let slot = preferred;
    for (let step = 0; step < PALETTE.length && used.has(slot); step++) slot = (slot + 1) % PALETTE.length;
    colors.set(name, PALETTE[slot] ?? PALETTE[0]);
    used.add(slot);
  };
  for (const name of known) assign(name, KNOWN[name.toLowerCase()] ?? 0);
  for (const name of unknown) assign(name, hash(name.toLowerCase()) % PALETTE.length);
  for (const name of names) {
    const special = SPECIAL_COLORS[name];
    if (special) colors.set(name, special);
  }
  return colors;
}

/** The colour of one channel, given the report's assignment. */
export function channelColor(colors: ReadonlyMap<string, string>, channel: string): string {
  return colors.get(channel) ?? SPECIAL_COLORS[UNMAPPED] ?? '#767f8b';
}
