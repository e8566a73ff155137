// The order test files start in. With two files at a time, a suite ends when its slowest
// file does: started last, a file that runs the whole pipeline many times keeps one worker
// busy for minutes after the other has finished. Vitest orders by the durations of its
// previous run, which a clean clone (CI) does not have, and then falls back to file size,
// which says little here. So each file is weighed by what makes a test file slow in this
// project, counted in its source: a run of the pipeline (runCli), a site build of the
// 15-month site fixture (buildSite), a crawl of every page in the browser, an asynchronous
// property test (fc.asyncProperty: random worlds through DuckDB); heavier files start first,
// and files of equal weight keep vitest's order.
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const COSTS: [RegExp, number][] = [
  [/\brunCli\(/g, 1],
  [/\bbuildSite\(/g, 3],
  [/\bcrawl\(/g, 3],
  [/\bfc\.asyncProperty\(/g, 6],
  [/\blaunchBrowser\(/g, 1],
];

/** How slow a test file's source says it is, in pipeline runs. */
export function weight(source: string): number {
  return COSTS.reduce((sum, [call, cost]) => sum + (source.match(call) ?? []).length * cost, 0);
}

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const weights = new Map(files.map((spec) => [spec.moduleId, weight(readFileSync(spec.moduleId, 'utf8'))]));
    return [...ordered].sort((a, b) => weights.get(b.moduleId)! - weights.get(a.moduleId)!);
  }
}
