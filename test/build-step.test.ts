// The build step's own chores: the line of Astro's log that says what failed,
// and the scratch folders that killed runs leave behind.
import { mkdir, readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFailureReason, removeStaleScratch } from '../pipeline/build.ts';
import { EXIT, ReportError, machineFailure } from '../pipeline/errors.ts';
import { tempDir } from './helpers/cli.ts';

describe('buildFailureReason', () => {
  it("quotes the machine's words when a write failed, so the failure is the machine's (exit 9), not the site's", () => {
    const log = [
      '12:00:01 [build] Building static entrypoints...',
      '12:00:03 [ERROR] [build] Could not render /2026-10/index.html',
      "  ENOSPC: no space left on device, write '/srv/roi/.dist.work-1-2/site/2026-10/index.html'",
      '    at async writeFile (node:internal/fs/promises:1207:3)',
    ].join('\n');
    const reason = buildFailureReason(log);
    expect(reason).toBe("ENOSPC: no space left on device, write '/srv/roi/.dist.work-1-2/site/2026-10/index.html'");
    // as the build step throws it
    const machine = machineFailure(new ReportError(`build failed: ${reason}`, { exitCode: EXIT.build }));
    expect(machine?.exitCode).toBe(9);
    expect(machine?.message).toContain('/srv/roi/.dist.work-1-2/site/2026-10/index.html');
  });

  it('still prefers our own words about a dataset', () => {
    expect(buildFailureReason('[ERROR] dataset monthly_trend: column x must be Float64\nENOSPC: no space left on device, write')).toBe(
      'dataset monthly_trend: column x must be Float64',
    );
  });
});

describe('removeStaleScratch', () => {
  it("removes the build folders of processes that are gone and old unnamed ones, and keeps running builds'", async () => {
    const cache = await tempDir('cache');
    const gone = 2 ** 22 + 4321;
    const names = [`build-${gone}-aB3dEf`, `build-${process.pid}-xY7zQw`, 'build-Qw3rTy', 'build-As4dFg', 'astro'];
    for (const name of names) await mkdir(join(cache, name));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(join(cache, 'build-Qw3rTy'), twoDaysAgo, twoDaysAgo);
    await removeStaleScratch(cache);
    expect((await readdir(cache)).sort()).toEqual(['astro', 'build-As4dFg', `build-${process.pid}-xY7zQw`].sort());
  });
});
