// How much memory DuckDB may take when the user does not say (--memory-limit).
//
// DuckDB's own default is 80% of the machine's memory. Its limit bounds its buffer
// manager, not every allocation (list and string aggregates, the hash tables' overhead,
// Node's heap and the Astro build beside it are outside it), so a run at that limit can
// pass the machine's memory: at scale 100 on a 24 GiB machine the kernel killed the
// transform (SIGKILL, no message, the whole machine short of memory while it ran). Half
// of the memory this process may use leaves room for what the limit does not count;
// beyond the limit DuckDB spills to `<warehouse>.tmp/` and the run is slower, not
// broken. Measured figures: docs/performance.md, "The default memory limit".
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

/** The share of the usable memory DuckDB gets by default. */
export const DEFAULT_MEMORY_SHARE = 0.5;

/** Control-group limits (v2, then v1), in bytes; a container's is smaller than the machine's. */
const CGROUP_LIMIT_FILES = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'];

/** A cgroup limit file's value in bytes, or null for "max", an unset (huge) value or anything unreadable. */
export function parseCgroupLimit(text: string, machineBytes: number): number | null {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return null;
  const bytes = Number(value);
  // v1 writes "no limit" as a number near 2^63; anything above the machine's memory limits nothing
  return bytes > 0 && bytes < machineBytes ? bytes : null;
}

/** The memory this process may use: the machine's, or its control group's limit when lower. */
export function usableMemoryBytes(machineBytes = totalmem(), readLimit: (path: string) => string | null = readQuietly): number {
  let usable = machineBytes;
  for (const file of CGROUP_LIMIT_FILES) {
    const text = readLimit(file);
    const limit = text === null ? null : parseCgroupLimit(text, machineBytes);
    if (limit !== null) usable = Math.min(usable, limit);
  }
  return usable;
}

function readQuietly(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** DuckDB's memory_limit when none is given: half the usable memory, in whole MiB (at least 256 MiB). */
export function defaultMemoryLimit(usableBytes = usableMemoryBytes()): string {
  const mib = Math.max(256, Math.floor((usableBytes * DEFAULT_MEMORY_SHARE) / 2 ** 20));
  return `${mib}MiB`;
}
