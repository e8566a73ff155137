// Page weight with many campaigns: 500 campaign pages (and 15 months of every month
// page) are built, and the overview stays under 150 KB because it shows the best and
// worst campaigns, not all of them. How fast: `npm run bench -- --scale 100`.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../pipeline/build.ts';
import { writeSiteFixture } from './fixtures/site/make-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'site-scale-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a report with 500 campaigns', () => {
  it('builds a page per campaign and a light overview', async () => {
    writeSiteFixture(join(work, 'data'), { campaigns: 500 });
    const { pages } = await buildSite({ projectRoot: ROOT, dataDir: join(work, 'data'), outDir: join(work, 'out'), verbose: false });
    expect(readdirSync(join(work, 'out', 'campaigns'))).toHaveLength(500);
    expect(pages).toBe(500 + 15 * 7 + 3);
    expect(statSync(join(work, 'out', 'index.html')).size).toBeLessThan(150 * 1024);
  });
});
