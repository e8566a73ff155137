// Output is written to a work folder beside the target and published only when
// every step succeeded, so a failed run leaves the last good report.
//
// Publishing is one atomic step. The output path (`dist`) is a symbolic link
// to a release folder beside it (`.dist.releases/<time>-<pid>`): a new report
// becomes a release folder first, then a new link replaces the old one with
// one rename(2), which POSIX makes atomic. At every instant the path names a
// whole report, the old one or the new one, and a web server that follows it
// never sees half of either. The release before the current one is kept, so
// a reader that opened the old report finishes reading it; older ones, work
// folders of runs that crashed and links that never got renamed are removed by
// the next run (which holds the output's lock, so none of them is in use).
//
// An output folder made by an earlier version of this job is a plain folder.
// A link cannot replace a folder in one step, so the first publication moves
// it into the releases first: the one moment the path is missing, once per
// output folder. A run that finds the path missing and a release beside it
// (a crash in that moment) points the path at the newest release again.
import { lstat, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';

export interface WorkFolder {
  root: string;
  data: string;
  site: string;
}

/** Names of the folders and links kept beside one output path. */
function siblings(outDir: string) {
  const parent = dirname(outDir);
  const name = basename(outDir);
  return {
    parent,
    releases: join(parent, `.${name}.releases`),
    /** Prefixes of what a run leaves behind when it is killed. */
    leftovers: [`.${name}.work-`, `.${name}.link-`, `.${name}.previous-`],
  };
}

let published = 0;

/** A unique name that sorts by time (and by call within one millisecond): releases are ordered by it. */
function stamp(): string {
  published++;
  return `${new Date().toISOString().replace(/[-:.]/g, '')}-${String(published).padStart(4, '0')}-${process.pid}`;
}

export async function createWorkFolder(outDir: string): Promise<WorkFolder> {
  const root = join(dirname(outDir), `.${basename(outDir)}.work-${process.pid}-${Date.now()}`);
  await mkdir(root, { recursive: true });
  return { root, data: join(root, 'data'), site: join(root, 'site') };
}

/** The release folder the output path names now, or null (no report yet, or a plain folder). */
async function currentRelease(outDir: string): Promise<string | null> {
  try {
    return resolve(dirname(outDir), await readlink(outDir));
  } catch {
    return null;
  }
}

/** Makes the built site (with its data folder inside) the report at `outDir`, in one atomic rename. */
export async function publish(work: WorkFolder, outDir: string): Promise<void> {
  const { parent, releases } = siblings(outDir);
  await rename(work.data, join(work.site, 'data'));
  await mkdir(releases, { recursive: true });
  // named first, so that a plain folder of the earlier layout sorts before the new release
  const earlier = join(releases, `${stamp()}-earlier`);
  const release = join(releases, stamp());
  await rename(work.site, release);
  const link = join(parent, `.${basename(outDir)}.link-${process.pid}-${Date.now()}`);
  // relative, so the whole folder can be moved or mounted elsewhere
  await symlink(relative(parent, release), link);
  const existing = await lstat(outDir).catch(() => null);
  if (existing && !existing.isSymbolicLink()) await rename(outDir, earlier);
  await rename(link, outDir);
  await rm(work.root, { recursive: true, force: true });
}

export async function discardWorkFolder(work: WorkFolder): Promise<void> {
  await rm(work.root, { recursive: true, force: true });
}

/**
 * Removes what earlier runs left beside the output (work folders and links of
 * runs that were killed, releases older than the one before the current), and
 * points a missing output path at the newest release. Call it holding the
 * output's lock. Returns what it did, for a warning.
 */
export async function cleanLeftovers(outDir: string): Promise<string[]> {
  const { parent, releases, leftovers } = siblings(outDir);
  const done: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return done;
  }
  for (const entry of entries) {
    if (!leftovers.some((prefix) => entry.startsWith(prefix))) continue;
    await rm(join(parent, entry), { recursive: true, force: true });
    done.push(`removed ${entry}, left by a run that did not finish`);
  }
  const kept = (await readdir(releases).catch(() => [] as string[])).sort();
  if (kept.length === 0) return done;
  let current = await currentRelease(outDir);
  if (current === null && !(await lstat(outDir).catch(() => null))) {
    const newest = join(releases, kept.at(-1)!);
    await symlink(relative(parent, newest), outDir);
    current = newest;
    done.push(`${outDir} was missing (a run stopped while publishing); it names the newest report again`);
  }
  // the current release and the one before it (a reader may still be reading it) stay
  const index = current === null ? kept.length : kept.indexOf(basename(current));
  for (const old of kept.filter((_, i) => i < index - 1)) await rm(join(releases, old), { recursive: true, force: true });
  return done;
}
