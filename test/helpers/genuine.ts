// The genuine downloads in ../shared/exports/samples/genuine/ (files users
// downloaded from the platforms' web interfaces, with hand-counted totals in
// that folder's README). They are read from there and never copied into the
// repository. Where the folder is absent (a clone without ../shared), each
// suite says so in the test output: its one test is reported as skipped with
// the reason in its name, and a line is printed, so nothing passes silently.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'vitest';
import { projectRoot } from './cli.ts';

export const GENUINE_ROOT = join(projectRoot, '../shared/exports/samples/genuine');

/** The path of a genuine file, relative to the genuine folder. */
export function genuine(relative: string): string {
  return join(GENUINE_ROOT, relative);
}

/**
 * A describe block that runs when the genuine folder (and every file it
 * names) is there; otherwise one skipped test names what is missing.
 */
export function describeGenuine(title: string, files: readonly string[], body: () => void): void {
  describeWhenPresent(title, GENUINE_ROOT, files.map(genuine), body);
}

/** The same for files anywhere: `folder` is named in the reason when it is missing as a whole. */
export function describeWhenPresent(title: string, folder: string, paths: readonly string[], body: () => void): void {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = existsSync(folder) ? `missing ${missing.map((p) => relative(folder, p)).join(', ')}` : `${folder} is absent`;
  console.warn(`[shared samples] ${title}: not run (${reason})`);
  describe(title, () => {
    it.skip(`not run: ${reason}`, () => {});
  });
}
