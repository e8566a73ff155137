// Publishing: the output path always names a whole report, and what crashed
// runs leave behind is cleaned up by the next one.
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanLeftovers, createWorkFolder, publish } from '../pipeline/publish.ts';
import { tempDir } from './helpers/cli.ts';

/** A built report in a work folder, as the build step leaves it. */
async function built(out: string, text: string) {
  const work = await createWorkFolder(out);
  await mkdir(work.site, { recursive: true });
  await mkdir(work.data, { recursive: true });
  await writeFile(join(work.site, 'index.html'), text);
  await writeFile(join(work.data, 'manifest.json'), JSON.stringify({ text }));
  return work;
}

const releasesOf = async (dir: string) => (await readdir(join(dir, '.report.releases'))).sort();

describe('publishing', () => {
  it('makes the output a link to a release, replaced in one rename; keeps the release before', async () => {
    const dir = await tempDir('publish');
    const out = join(dir, 'report');
    for (const n of [1, 2, 3]) await publish(await built(out, `report ${n}`), out);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readlink(out)).toMatch(/^\.report\.releases\/\d{8}T\d{9}Z-\d{4}-\d+$/);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('report 3');
    expect(JSON.parse(await readFile(join(out, 'data', 'manifest.json'), 'utf8'))).toEqual({ text: 'report 3' });
    // nothing of the runs is left beside it but the releases; the next run keeps two of three
    expect((await readdir(dir)).sort()).toEqual(['.report.releases', 'report']);
    expect(await releasesOf(dir)).toHaveLength(3);
    expect(await cleanLeftovers(out)).toEqual([]);
    expect(await releasesOf(dir)).toHaveLength(2);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('report 3');
  });

  it('never lets a reader find the output missing or half written while reports are published', async () => {
    const dir = await tempDir('publish');
    const out = join(dir, 'report');
    await publish(await built(out, 'report 0'), out);
    let reading = true;
    const seen = new Set<string>();
    const reader = (async () => {
      while (reading) seen.add(await readFile(join(out, 'index.html'), 'utf8'));
    })();
    for (let n = 1; n <= 20; n++) await publish(await built(out, `report ${n}`), out);
    reading = false;
    await reader;
    // every read found a whole report (a missing file would have thrown)
    for (const text of seen) expect(text).toMatch(/^report \d+$/);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('takes over an output folder made by an earlier version, a plain folder, keeping it as the release before', async () => {
    const dir = await tempDir('publish');
    const out = join(dir, 'report');
    await mkdir(out);
    await writeFile(join(out, 'index.html'), 'old layout');
    await publish(await built(out, 'new'), out);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('new');
    const releases = await releasesOf(dir);
    expect(releases).toHaveLength(2);
    expect(releases[0]).toMatch(/-earlier$/);
    expect(await readFile(join(dir, '.report.releases', releases[0]!, 'index.html'), 'utf8')).toBe('old layout');
  });

  it('cleans up what killed runs left behind, and restores a missing output path from the newest release', async () => {
    const dir = await tempDir('publish');
    const out = join(dir, 'report');
    await publish(await built(out, 'published'), out);
    // a run killed while building, one killed between making its link and renaming it, one of the old two-rename layout
    await mkdir(join(dir, '.report.work-123-456', 'site'), { recursive: true });
    await symlink('.report.releases', join(dir, '.report.link-123-456'));
    await mkdir(join(dir, '.report.previous-123-456'));
    // and the output path gone, as after a crash between the two renames of the first publication
    await (await import('node:fs/promises')).rm(out);
    const done = await cleanLeftovers(out);
    expect(done).toHaveLength(4);
    expect(done.at(-1)).toBe(`${out} was missing (a run stopped while publishing); it names the newest report again`);
    expect((await readdir(dir)).sort()).toEqual(['.report.releases', 'report']);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('published');
  });

  it('leaves other folders beside the output alone', async () => {
    const dir = await tempDir('publish');
    const out = join(dir, 'report');
    await mkdir(join(dir, 'report-archive'));
    await mkdir(join(dir, '.other.work-1-2'));
    await publish(await built(out, 'x'), out);
    expect(await cleanLeftovers(out)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['.other.work-1-2', '.report.releases', 'report', 'report-archive']);
  });
});
