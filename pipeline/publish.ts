// Output is written to a work folder beside the target and moved into place
// only when every step succeeded, so a failed run leaves the last good report.
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WorkFolder {
  root: string;
  data: string;
  site: string;
}

export async function createWorkFolder(outDir: string): Promise<WorkFolder> {
  const root = join(dirname(outDir), `.${basename(outDir)}.work-${process.pid}-${Date.now()}`);
  await mkdir(root, { recursive: true });
  return { root, data: join(root, 'data'), site: join(root, 'site') };
}

/** Moves the built site (with its data folder inside) to `outDir`, replacing what was there. */
export async function publish(work: WorkFolder, outDir: string): Promise<void> {
  await rename(work.data, join(work.site, 'data'));
  const previous = join(dirname(outDir), `.${basename(outDir)}.previous-${process.pid}-${Date.now()}`);
  let moved = false;
  try {
    await rename(outDir, previous);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(work.site, outDir);
  } catch (error) {
    if (moved) await rename(previous, outDir);
    throw error;
  }
  if (moved) await rm(previous, { recursive: true, force: true });
  await rm(work.root, { recursive: true, force: true });
}

export async function discardWorkFolder(work: WorkFolder): Promise<void> {
  await rm(work.root, { recursive: true, force: true });
}
