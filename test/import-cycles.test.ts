// No module imports itself through others, type-only imports included: a cycle
// makes the order modules load in matter, and hides which module owns a type
// (site/lib/datasets.ts, chart-specs.ts and table.ts once formed one through
// types alone). The imports are read from the source text, so this needs no build.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['pipeline', 'site/lib', 'site/components', 'site/layouts', 'site/pages', 'bench', 'test/helpers', 'test/reference', 'data/generator'];

/** `import … from './x.ts'`, `export … from './x.ts'`, `import type …`, and `await import('./x.ts')`. */
const STATIC_IMPORT = /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(ROOT, folder), { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.filter((f) => /\.(ts|astro)$/.test(f)).map((f) => normalize(join(folder, f)));
}

function importGraph(): Map<string, string[]> {
  const files = new Set(FOLDERS.flatMap(sourceFiles));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(STATIC_IMPORT), ...text.matchAll(DYNAMIC_IMPORT)]
      .map((m) => normalize(join(dirname(file), m[1]!)))
      .filter((target) => files.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the modules in import order, back to the first. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string) => {
    path.push(file);
    onPath.add(file);
    for (const next of graph.get(file) ?? []) {
      if (onPath.has(next)) found.push([...path.slice(path.indexOf(next)), next]);
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('reads the imports of the modules (a sanity check of the reader)', () => {
    const graph = importGraph();
    expect(graph.get(normalize('site/lib/data/load.ts'))).toContain(normalize('site/lib/data/schemas.ts'));
    expect(graph.get(normalize('pipeline/dev-runner.ts'))).toContain(normalize('site/lib/data/load.ts'));
  });

  it('has no cycle, type-only imports included', () => {
    const found = cycles(importGraph()).map((cycle) => cycle.map((f) => relative('.', f)).join(' → '));
    expect(found).toEqual([]);
  });

  it('finds a cycle (the walk itself, on a made-up graph)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
