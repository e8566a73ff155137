// Once per `vitest run`:
// - one scratch folder for the whole run, made the temporary folder (TMPDIR) of every test
//   process and of the pipelines, browsers and builds they start, and removed at the end:
//   the suite makes a few hundred data folders, warehouses and sites (tens of MB each),
//   which would otherwise stay behind in /tmp after every run;
// - in it, a folder where test files share the bundled sample's reports
//   (test/helpers/sample-report.ts builds each locale at most once).
// The test processes are started after this runs, so they inherit TMPDIR.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const scratch = mkdtempSync(join(tmpdir(), 'roi-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  const shared = join(scratch, 'shared-sample');
  mkdirSync(shared);
  project.provide('sampleReports', shared);
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  };
}
