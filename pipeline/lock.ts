// One run at a time per output folder and per warehouse: a lock file beside
// each names the process that holds it, for the whole run (the run closes and
// reopens the warehouse between ingest and transform; the lock spans that, and
// `npm run sql` checks it instead of opening the file under the run's feet).
// A lock left by a process that no longer runs is taken over.
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EXIT, ReportError } from './errors.ts';

export interface Lock {
  path: string;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  host: string;
  started_at: string;
}

/** True while a process of this machine with that id runs (one of another user's answers EPERM). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<Partial<Holder>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Holder;
  } catch {
    // An unreadable or missing lock file is as good as a stale one.
    return {};
  }
}

/** A lock of a process on another machine (a shared folder) counts as held: its liveness cannot be checked from here. */
function isHeld(other: Partial<Holder>): other is Holder {
  return other.pid !== undefined && (other.host !== hostname() || isRunning(other.pid));
}

/** Who holds the lock of `target` (a folder or the warehouse file), or null when nobody does. */
export async function lockHolder(target: string): Promise<Holder | null> {
  const other = await readHolder(`${target}.lock`);
  return isHeld(other) ? other : null;
}

export async function acquireLock(outDir: string, onStale: (message: string) => void): Promise<Lock> {
  const path = `${outDir}.lock`;
  const holder: Holder = { pid: process.pid, host: hostname(), started_at: new Date().toISOString() };
  // --out may name a folder whose parent does not exist yet; the lock sits beside it
  await mkdir(dirname(outDir), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${JSON.stringify(holder)}\n`);
      await handle.close();
      return { path, release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const other = await readHolder(path);
    if (isHeld(other)) {
      throw new ReportError(
        `another report run is writing ${outDir} (process ${other.pid} on ${other.host}, started ${other.started_at}); wait for it to finish, or remove ${path} if that run is gone`,
        { exitCode: EXIT.busy },
      );
    }
    onStale(`${path} was left by a run that no longer runs (process ${other.pid ?? '?'}); taking it over`);
    await rm(path, { force: true });
  }
  throw new ReportError(`could not take the lock ${path}`, { exitCode: EXIT.busy });
}
