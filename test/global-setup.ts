// Once per `vitest run`: a folder where test files share the bundled sample's reports
// (test/helpers/sample-report.ts builds each locale at most once), removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'roi-shared-sample-'));
  project.provide('sampleReports', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
