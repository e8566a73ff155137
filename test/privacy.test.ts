// No personal data from the orders (emails, names) may reach
// anything under the output folder. The bundled sample report is built and
// every output file is searched for every such value in data/sample.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli, tempDir } from './helpers/cli.ts';

const sample = join(projectRoot, 'data/sample');
let out: string;

beforeAll(async () => {
  const dir = await tempDir('privacy');
  out = join(dir, 'report');
  const run = await runCli(['--data', sample, '--out', out, '--warehouse', join(dir, 'warehouse.duckdb')]);
  if (run.code !== 0) throw new Error(run.stderr);
});

/** Every run of text between delimiters, and every pair of neighbouring words (for full names). */
function tokens(text: string): Set<string> {
  const set = new Set<string>();
  const words = text.split(/[\s"'<>,;:()[\]{}|=\\/\x00-\x1f]+/).filter(Boolean);
  words.forEach((word, i) => {
    set.add(word);
    if (i > 0) set.add(`${words[i - 1]} ${word}`);
  });
  return set;
}

describe('privacy', () => {
  it('keeps every email and name of the sample orders and touchpoints out of the built report', () => {
    // orders.csv is a Shopify export: e-mail addresses and billing names; touchpoints.csv keys
    // the same customers, and visitors who never bought, by their e-mail address
    const orders = parse(readFileSync(join(sample, 'orders.csv')), { columns: true }) as Record<string, string>[];
    const touchpoints = parse(readFileSync(join(sample, 'touchpoints.csv')), { columns: true }) as Record<string, string>[];
    const personal = new Set(
      [...orders.flatMap((o) => [o.Email, o['Billing Name']]), ...touchpoints.map((t) => t.customer_id)].filter((v): v is string => !!v),
    );
    expect(personal.size).toBeGreaterThan(10_000);
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const seen = tokens(readFileSync(join(file.parentPath, file.name)).toString('utf8'));
      for (const value of personal) if (seen.has(value)) found.push(`${value} in ${join(file.parentPath, file.name)}`);
    }
    expect(found).toEqual([]);
  });

  it('finds such a value where one is planted, so the search itself works', () => {
    const seen = tokens('<td>Anna Beispiel</td><td>anna.beispiel.7@example.de</td> "C000123",');
    expect(seen.has('Anna Beispiel') && seen.has('anna.beispiel.7@example.de') && seen.has('C000123')).toBe(true);
  });
});
