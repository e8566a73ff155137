// Memory as Linux reports it in /proc: a process's resident set (VmRSS) and its
// peak (VmHWM, which a process can reset for itself through /proc/self/clear_refs),
// and a sampler that follows a process and all its descendants (the Astro build
// runs as a child of the pipeline).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface ProcessMemory {
  rss: number;
  peak: number;
}

/** VmRSS and VmHWM of a process in bytes, or null when it is gone. */
export function processMemory(pid: number | 'self'): ProcessMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Resets this process's peak (VmHWM) to its current resident set; false where Linux does not allow it. */
export function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The ids of every process below `root` (children, their children, …). */
export function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name is in parentheses and may hold spaces: the fields after it are fixed
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const children = parents.get(ppid) ?? [];
      children.push(Number(entry));
      parents.set(ppid, children);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [...(parents.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return found;
}

/**
 * Samples the resident memory of a process tree every `intervalMs`. `phase()` starts a
 * new phase; each phase keeps the peak of the tree's total and of the descendants alone.
 */
export class TreeSampler {
  private readonly root: number;
  private timer: NodeJS.Timeout | null = null;
  private current: string;
  readonly peaks = new Map<string, { tree: number; children: number }>();

  constructor(root: number, firstPhase = 'start') {
    this.root = root;
    this.current = firstPhase;
  }

  start(intervalMs = 100): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  phase(name: string): void {
    this.sample();
    this.current = name;
    this.sample();
  }

  sample(): void {
    const own = processMemory(this.root)?.rss ?? 0;
    let children = 0;
    for (const pid of descendants(this.root)) children += processMemory(pid)?.rss ?? 0;
    const peak = this.peaks.get(this.current) ?? { tree: 0, children: 0 };
    peak.tree = Math.max(peak.tree, own + children);
    peak.children = Math.max(peak.children, children);
    this.peaks.set(this.current, peak);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }
}
