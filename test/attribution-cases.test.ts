// The given/expect attribution cases of test/attribution-cases/ (how to read and
// add one: its README.md). Each case's input files are run through the real SQL
// up to int_attribution_credits, and its credits must be exactly expect.csv's;
// the reference implementation (test/reference/attribution.ts) must give
// exactly the same, so a case, the SQL and the reference agree three ways.
import { readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLines, expectCsv, fromReference, fromSql, readCase } from './helpers/attribution-cases.ts';
import { attributionProject, WorldRunner } from './helpers/attribution-world.ts';
import { projectRoot, tempDir } from './helpers/cli.ts';
import { referenceAttribution } from './reference/attribution.ts';

const casesDir = join(projectRoot, 'test/attribution-cases');
const caseNames = readdirSync(casesDir).filter((name) => statSync(join(casesDir, name)).isDirectory()).sort();

describe('attribution cases (given/expect)', () => {
  let runner: WorldRunner;
  beforeAll(async () => {
    runner = await WorldRunner.open(await attributionProject());
  });
  afterAll(() => runner?.close());

  it('has cases', () => {
    expect(caseNames.length).toBeGreaterThan(5);
  });

  for (const name of caseNames) {
    describe(name, () => {
      const attributionCase = readCase(join(casesDir, name));
      const expected = creditLines(attributionCase.expected);

      it('the SQL credits exactly expect.csv', async () => {
        const sql = fromSql(await runner.credits(attributionCase.files));
        const actual = creditLines(sql);
        if (actual.join('\n') !== expected.join('\n')) {
          // written beside nothing in the project: a reviewer compares it with expect.csv
          const path = join(await tempDir('attribution-case'), `${name}.actual.csv`);
          await writeFile(path, expectCsv(sql));
          console.error(`${name}: the SQL's credits are in ${path}`);
        }
        expect(actual.join('\n')).toBe(expected.join('\n'));
      });

      it('the reference implementation credits exactly expect.csv', () => {
        expect(creditLines(fromReference(referenceAttribution(attributionCase.world).credits)).join('\n')).toBe(expected.join('\n'));
      });
    });
  }
});
