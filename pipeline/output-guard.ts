// Where a report may be written. Publishing replaces the whole output folder,
// so an output folder that is, holds or lies inside the data folder, the SQL
// or the warehouse's folder would delete them (or publish into them) on a
// successful run. The run refuses such a folder before it writes anything,
// the run log included. Paths are compared after symbolic links are resolved,
// so a link to the data folder is caught too.
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { usageError } from './errors.ts';

export interface GuardedFolder {
  /** What the user calls it: `the data folder (--data)`. */
  name: string;
  path: string;
  /** `contains`: the output may lie inside this folder (the project's own dist/), but not be or hold it. */
  only?: 'contains';
}

/** The real path of a path that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  for (let current = absolute; ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      if (dirname(current) === current) return absolute;
      missing.push(basename(current));
    }
  }
}

/** True when `inner` is `outer` or lies below it. */
function within(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** Throws a usage error (exit 2) when the output folder would overlap one of the guarded folders. */
export function refuseOverlappingOutput(outDir: string, guarded: readonly GuardedFolder[]): void {
  const out = realPathOf(outDir);
  for (const folder of guarded) {
    const other = realPathOf(folder.path);
    const how = out === other ? 'is' : within(other, out) ? 'contains' : !folder.only && within(out, other) ? 'lies inside' : null;
    if (how) {
      throw usageError(
        `--out ${outDir} ${how} ${folder.name} (${folder.path}); publishing replaces the whole output folder, so choose a folder of its own, e.g. --out dist`,
      );
    }
  }
}
