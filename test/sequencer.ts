// The order test files start in: the longest first, so that no long file starts last and
// runs alone while the other workers have nothing left (on a clean clone vitest knows no
// durations and starts the largest files first; site-scale.test.ts, a small file whose
// one test takes about 100 s, then started last and ran alone).
//
// A file's duration is vitest's own from the last run on this checkout when it has one,
// else the one recorded in test/durations.json (seconds, from one run of the whole suite
// on the project's 2-core machine), else 0: a new file starts last, as short files do.
//
// To record the durations again after a run of the whole suite:
//   npx node test/sequencer.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RECORDED = join(ROOT, 'test', 'durations.json');

/** Seconds per test file (project-relative path), as recorded. */
function recordedDurations(): Map<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(RECORDED, 'utf8')) as Record<string, number>));
  } catch {
    return new Map();
  }
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const recorded = recordedDurations();
    const seconds = (spec: TestSpecification) => {
      const cached = this.ctx.cache.getTestSpecificationResult(spec)?.duration;
      if (cached !== undefined) return cached / 1000;
      return recorded.get(relative(ROOT, spec.moduleId).split('\\').join('/')) ?? 0;
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}

/** Writes test/durations.json from the durations vitest cached in its last run of this checkout. */
function record(): void {
  const cacheRoot = join(ROOT, 'node_modules', '.vite', 'vitest');
  const durations: Record<string, number> = {};
  for (const entry of readdirSync(cacheRoot)) {
    let cache: { projects?: Record<string, { files?: Record<string, { duration?: number }> }> };
    try {
      cache = JSON.parse(readFileSync(join(cacheRoot, entry, 'results.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const project of Object.values(cache.projects ?? {})) {
      for (const [file, result] of Object.entries(project.files ?? {})) {
        if (result.duration !== undefined) durations[file] = Math.round(result.duration / 1000);
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(RECORDED, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`${Object.keys(sorted).length} test files' durations written to ${relative(process.cwd(), RECORDED)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) record();
