// The build step: Astro renders the site from the exported data folder alone.
// It runs as its own process (zx), so a site error cannot take the pipeline
// with it and the warehouse is closed before it starts.
import { readdir } from 'node:fs/promises';
import { $ } from 'zx';
import { EXIT, ReportError } from './errors.ts';

export interface BuildResult {
  pages: number;
  log: string;
}

/** The line of Astro's output that says what went wrong, without its decoration. */
export function buildFailureReason(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').trim());
  const ours = lines.find((l) => /dataset |manifest\.json|REPORT_DATA_DIR/.test(l) && !l.startsWith('at '));
  const error = ours ?? lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) ?? lines.filter(Boolean).at(-1) ?? 'unknown error';
  return error.replace(/^(\[[^\]]+\]\s*)+/, '').replace(/^\d\d:\d\d:\d\d\s*/, '').replace(/^\[?[A-Za-z]*Error\]?:?\s*/, '');
}

export async function buildSite(options: { projectRoot: string; dataDir: string; outDir: string; verbose: boolean }): Promise<BuildResult> {
  $.preferLocal = true;
  const result = await $({
    cwd: options.projectRoot,
    env: {
      ...process.env,
      REPORT_DATA_DIR: options.dataDir,
      REPORT_SITE_OUT: options.outDir,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
    quiet: !options.verbose,
    nothrow: true,
  })`astro build`;
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
