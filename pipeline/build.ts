// The build step: Astro renders the site from the exported data folder alone.
// It runs as its own process (zx), so a site error cannot take the pipeline
// with it and the warehouse is closed before it starts.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { $ } from 'zx';
import { EXIT, ReportError } from './errors.ts';
import { isRunning } from './lock.ts';

export interface BuildResult {
  pages: number;
  log: string;
}

/** The line of Astro's output that says what went wrong, without its decoration. */
export function buildFailureReason(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').trim());
  const ours = lines.find((l) => /dataset |chart spec |manifest\.json|REPORT_DATA_DIR/.test(l) && !l.startsWith('at '));
  // the machine's words (`ENOSPC: no space left on device, write`), which errors.ts turns into exit 9
  const machine = lines.find((l) => /\bE[A-Z]{3,}: [^,]+, [a-z]+/.test(l) && !l.startsWith('at '));
  const error = ours ?? machine ?? lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) ?? lines.filter(Boolean).at(-1) ?? 'unknown error';
  return error
    .replace(/^\d\d:\d\d:\d\d\s*/, '')
    .replace(/^(\[[^\]]+\]\s*)+/, '')
    .replace(/^[A-Za-z]*Error:\s*/, '');
}

/**
 * Removes the scratch folders of builds whose process is gone (a run killed
 * mid-build leaves one: its `finally` never ran). A folder's name carries its
 * process id; builds of other runs that are still going keep theirs.
 */
export async function removeStaleScratch(cache: string): Promise<void> {
  for (const entry of await readdir(cache).catch(() => [] as string[])) {
    const pid = /^build-(\d+)-/.exec(entry)?.[1];
    // folders of the earlier naming (`build-XXXXXX`) carry no process id: a day old, they are no build's any more
    const stale = pid ? !isRunning(Number(pid)) : /^build-[A-Za-z0-9]{6}$/.test(entry) && Date.now() - (await stat(join(cache, entry))).mtimeMs > 86_400_000;
    if (stale) await rm(join(cache, entry), { recursive: true, force: true });
  }
}

/** `pdf`: the month's PDF is printed beside the site, and the overview links to it (site/lib/print.ts). */
export async function buildSite(options: { projectRoot: string; dataDir: string; outDir: string; verbose: boolean; pdf?: boolean }): Promise<BuildResult> {
  const astro = join(options.projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  // Astro keeps its intermediate server chunks under the working folder when
  // the output is outside it; they must sit inside the project to find its
  // node_modules, and a folder of their own keeps concurrent builds apart.
  const cache = join(options.projectRoot, '.cache');
  await mkdir(cache, { recursive: true });
  await removeStaleScratch(cache);
  const scratch = await mkdtemp(join(cache, `build-${process.pid}-`));
  const result = await $({
    cwd: scratch,
    env: {
      ...process.env,
      REPORT_DATA_DIR: options.dataDir,
      REPORT_SITE_OUT: options.outDir,
      REPORT_PDF: options.pdf ? '1' : '0',
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
    quiet: !options.verbose,
    nothrow: true,
  })`${process.execPath} ${astro} build --root ${options.projectRoot}`.finally(() => rm(scratch, { recursive: true, force: true }));
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.exitCode !== 0) {
    throw new ReportError(`build failed: ${buildFailureReason(log)}`, {
      exitCode: EXIT.build,
      details: options.verbose ? [] : ['(run with --debug to see the whole build log)'],
    });
  }
  const pages = (await readdir(options.outDir, { recursive: true })).filter((f) => f.endsWith('.html')).length;
  return { pages, log };
}
