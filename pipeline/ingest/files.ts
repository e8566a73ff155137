// Finding the input files of a data folder, and their content hashes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export interface FileListing {
  /** Files to read, sorted, relative to `root` with `/` separators (links to files included). */
  files: string[];
  /** What is not read, and why: hidden files, Excel's lock files, links to folders or to nothing. */
  skipped: { path: string; why: string }[];
  /** Files read through a link that points outside the data folder. */
  outside: { path: string; target: string }[];
}

/** Why a name is not read, or null: names a user does not see, or that are not exports. */
function skippedName(name: string): string | null {
  if (name.startsWith('~$')) return "Excel's lock file of a workbook that is open (close it in Excel)";
  if (name.startsWith('.')) return 'a hidden file (its name starts with ".")';
  return null;
}

/**
 * Files below `dir`. A link to a file is read as the file it points to
 * (pointing outside the data folder is allowed and listed in `outside`); a
 * hidden file, Excel's `~$` lock file, a hidden folder, a link to a folder or
 * to nothing is listed in `skipped` with the reason, never left out unsaid.
 */
export async function listFiles(dir: string, root: string): Promise<FileListing> {
  const listing: FileListing = { files: [], skipped: [], outside: [] };
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return listing;
  }
  const shown = (path: string) => relative(root, path).split(sep).join('/');
  const realRoot = await realpath(root).catch(() => root);
  const hiddenFolders = new Set<string>();
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const parts = relative(dir, path).split(sep);
    const hiddenFolder = parts.slice(0, -1).findIndex((part) => part.startsWith('.'));
    if (hiddenFolder >= 0) {
      const folder = join(dir, ...parts.slice(0, hiddenFolder + 1));
      if (!hiddenFolders.has(folder)) {
        hiddenFolders.add(folder);
        listing.skipped.push({ path: `${shown(folder)}/`, why: 'a hidden folder (its name starts with "."); nothing in it is read' });
      }
      continue;
    }
    if (entry.isDirectory()) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const why = skippedName(entry.name);
    if (why) {
      listing.skipped.push({ path: shown(path), why });
      continue;
    }
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (!target) {
        listing.skipped.push({ path: shown(path), why: 'a link whose target does not exist' });
        continue;
      }
      if (target.isDirectory()) {
        listing.skipped.push({ path: shown(path), why: 'a link to a folder, which is not followed (copy or move the files into the folder)' });
        continue;
      }
      if (!target.isFile()) continue;
      const real = await realpath(path);
      const inside = relative(realRoot, real);
      if (inside.startsWith('..') || isAbsolute(inside)) listing.outside.push({ path: shown(path), target: real });
    }
    listing.files.push(shown(path));
  }
  listing.files.sort();
  listing.skipped.sort((a, b) => (a.path < b.path ? -1 : 1));
  return listing;
}

/** The warnings a listing gives: one per skipped file, one per file read from outside the data folder. */
export function listingWarnings(listing: FileListing): string[] {
  return [
    ...listing.skipped.map((s) => `${s.path}: not read, ${s.why}`),
    ...listing.outside.map((o) => `${o.path}: a link to ${o.target}, outside the data folder; read as that file`),
  ];
}

export async function sha256File(path: string): Promise<string> {
  return (await sha256FileAndPrefix(path, null)).sha256;
}

/**
 * The sha256 of a file and, when `prefixBytes` is within it, of its first `prefixBytes`
 * bytes, in one pass: the hash's state is copied where the prefix ends (an appended-to
 * touchpoints.csv is checked against the bytes the last run read, ingest/index.ts,
 * without hashing them a second time: 1 s of the monthly run at scale 10).
 */
export async function sha256FileAndPrefix(path: string, prefixBytes: number | null): Promise<{ sha256: string; prefix: string | null }> {
  const hash = createHash('sha256');
  let prefix: string | null = prefixBytes === 0 ? hash.copy().digest('hex') : null;
  let read = 0;
  // Large reads: with the default 64 KB chunks, hashing a multi-gigabyte file takes three times as long.
  for await (const data of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = data as Buffer;
    if (prefixBytes !== null && prefix === null && read + chunk.length >= prefixBytes) {
      hash.update(chunk.subarray(0, prefixBytes - read));
      prefix = hash.copy().digest('hex');
      hash.update(chunk.subarray(prefixBytes - read));
    } else {
      hash.update(chunk);
    }
    read += chunk.length;
  }
  return { sha256: hash.digest('hex'), prefix };
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}
