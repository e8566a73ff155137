// The benchmark's input folder: the seeded generator's output at a scale, kept in
// .cache/bench/scale-<N>/ (with --as-of, scale-<N>-as-of-<YYYY-MM>/) and reused while the generator's code and arguments are
// unchanged (a stamp beside the folder records both). Generation runs in a child
// process, so its memory never counts towards the pipeline's.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readdir, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { processMemory } from './memory.ts';

export interface BenchData {
  dir: string;
  /** Whether this run generated the folder (false: reused). */
  generated: boolean;
  /** Seconds the generator took (this run, or the run that made the folder). */
  seconds: number;
  /** Peak resident memory of the generator process, bytes (0 when not known). */
  peakBytes: number;
  stamp: Stamp;
}

interface Stamp {
  generator: string;
  seed: number;
  scale: number;
  /** the generator's --as-of month, absent for the whole range */
  asOf?: string;
  seconds: number;
  peakBytes: number;
}

/** A hash of every file of the generator, so a changed generator makes new data. */
export async function generatorHash(projectRoot: string): Promise<string> {
  const dir = join(projectRoot, 'data', 'generator');
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(await readFile(join(dir, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function readStamp(path: string): Promise<Stamp | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

/** Runs a command; resolves with its exit code, output and peak resident memory (VmHWM, polled from /proc). */
export function runChild(command: string, args: string[], options: { cwd: string; quiet?: boolean; env?: NodeJS.ProcessEnv }): Promise<{ code: number; output: string; peakBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let peakBytes = 0;
    const poll = setInterval(() => {
      if (child.pid !== undefined) peakBytes = Math.max(peakBytes, processMemory(child.pid)?.peak ?? 0);
    }, 100);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (!options.quiet) process.stderr.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
      process.stderr.write(d);
    });
    child.on('error', (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code: code ?? 1, output, peakBytes });
    });
  });
}

export async function benchData(options: { projectRoot: string; cacheDir: string; scale: number; seed: number; asOf?: string; log: (line: string) => void }): Promise<BenchData> {
  const { projectRoot, cacheDir, scale, seed, asOf, log } = options;
  await mkdir(cacheDir, { recursive: true });
  const dir = join(cacheDir, asOf ? `scale-${scale}-as-of-${asOf}` : `scale-${scale}`);
  const stampPath = `${dir}.stamp.json`;
  const generator = await generatorHash(projectRoot);
  const previous = await readStamp(stampPath);
  if (previous && previous.generator === generator && previous.seed === seed && previous.scale === scale && previous.asOf === asOf) {
    log(`data      reusing ${dir} (generator ${generator}, seed ${seed}, scale ${scale}${asOf ? `, as of ${asOf}` : ''})`);
    return { dir, generated: false, seconds: previous.seconds, peakBytes: previous.peakBytes, stamp: previous };
  }
  log(`data      generating scale ${scale}${asOf ? ` as of ${asOf}` : ''} into ${dir} …`);
  await rm(stampPath, { force: true });
  await rm(dir, { recursive: true, force: true });
  const work = `${dir}.tmp`;
  await rm(work, { recursive: true, force: true });
  const started = performance.now();
  const { code, output, peakBytes } = await runChild(
    process.execPath,
    [join(projectRoot, 'data', 'generator', 'generate.ts'), '--out', work, '--scale', String(scale), '--seed', String(seed), ...(asOf ? ['--as-of', asOf] : [])],
    { cwd: projectRoot, quiet: true },
  );
  if (code !== 0) throw new Error(`the generator failed (exit ${code}):\n${output}`);
  const seconds = (performance.now() - started) / 1000;
  await rename(work, dir);
  const stamp: Stamp = { generator, seed, scale, ...(asOf ? { asOf } : {}), seconds, peakBytes };
  await writeFile(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
  const summary = output.split('\n').filter((l) => /^(total|generated)\b/.test(l));
  for (const line of summary) log(`data      ${line}`);
  return { dir, generated: true, seconds, peakBytes, stamp };
}
