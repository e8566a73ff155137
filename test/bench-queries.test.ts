// The bench sums the time of the attribution chain and of the bootstrap from lists of
// file names (bench/results.ts). A file added to the chain and missing from the lists
// would silently leave its seconds out of both lines (as int_attribution_non_conversion_counts
// once did), so every attribution and bootstrap file of queries/ must be in one of them.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_QUERIES, BOOTSTRAP_QUERIES } from '../bench/results.ts';

async function queryNames(): Promise<string[]> {
  const names: string[] = [];
  for (const layer of ['staging', 'intermediate', 'marts']) {
    for (const file of await readdir(new URL(`../queries/${layer}/`, import.meta.url))) {
      if (file.endsWith('.sql')) names.push(file.slice(0, -'.sql'.length));
    }
  }
  return names;
}

describe("the bench's lists of attribution and bootstrap files", () => {
  it('name every int_attribution_ and int_bootstrap_ file of queries/, and only files that exist', async () => {
    const names = await queryNames();
    const listed = new Set<string>([...ATTRIBUTION_QUERIES, ...BOOTSTRAP_QUERIES]);
    const chain = names.filter((n) => /^int_(attribution|bootstrap|roi)_/.test(n));
    expect(chain.filter((n) => !listed.has(n))).toEqual([]);
    expect([...listed].filter((n) => !names.includes(n))).toEqual([]);
  });
});
