// The attribution models are defined once: a CTE of shares in the SQL and its
// `-- model` lines, whose words the report shows with the settings filled in.
// The last test changes position-based to 30/40/30 in a copy of queries/ and the
// settings, builds the whole report, and finds 30/40/30 in the words and the numbers.
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModelsDescribed, fillCatalog, metricDefinitions, modelCatalog, settingText } from '../pipeline/catalog.ts';
import { DEFAULT_SETTINGS } from '../pipeline/config.ts';
import type { QueryFile } from '../pipeline/queries.ts';
import { readDataset } from './helpers/arrow.ts';
import { copyFixture, projectRoot, runCli, tempDir, type CliResult } from './helpers/cli.ts';
import { csv, filledWarehouse } from './helpers/warehouse.ts';

const SHARES = 'queries/intermediate/int_attribution_shares.sql';
const sharesFile = (): QueryFile => ({ sql: readFileSync(join(projectRoot, SHARES), 'utf8'), display: SHARES }) as QueryFile;

describe('the model catalogue', () => {
  it('lists the models the `-- model` lines of the shares describe, with words in every locale', () => {
    const models = modelCatalog([sharesFile()]);
    expect(models.map((m) => m.key)).toEqual(['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'data_driven']);
    for (const m of models) {
      expect(Object.keys(m.label).sort(), m.key).toEqual(['de', 'en', 'fr']);
      expect(Object.keys(m.description).sort(), m.key).toEqual(['de', 'en', 'fr']);
    }
    const position = models.find((m) => m.key === 'position_based')!;
    expect(position.label).toEqual({ en: 'Position-based', de: 'Positionsbasiert', fr: 'Selon la position' });
    expect(Object.keys(position.parameters)).toEqual(['position_based_first', 'position_based_last']);
  });

  it('fills the settings into model and metric texts, shares as percentages in the locale', () => {
    const settings = { ...DEFAULT_SETTINGS, position_based_first: 0.3, position_based_last: 0.3, locale: 'de' as const };
    const catalog = fillCatalog({ marts: [], tests: [], metrics: metricDefinitions([sharesFile()]), models: modelCatalog([sharesFile()]) }, settings);
    const position = catalog.models.find((m) => m.key === 'position_based')!;
    expect(position.description.en).toBe(
      'the first touch gets 30 %, the last 30 %, the touches between share the rest equally; one touch gets all, two split in the ratio 30 % : 30 %.',
    );
    expect(position.description.de).toContain('Der erste Kontakt erhält 30 %, der letzte 30 %');
    expect(position.parameters).toEqual({ position_based_first: 0.3, position_based_last: 0.3 });
    expect(catalog.models.find((m) => m.key === 'time_decay')!.description.en).toContain('halves every 7 days');
    expect(catalog.metrics.find((m) => m.key === 'model_position_based')!.definition.en).toMatch(/^30 % to the first touch, 30 % to the last/);
    expect(catalog.metrics.find((m) => m.key === 'model_position_based')!.definition.fr).toMatch(/^30 % au premier contact, 30 % au dernier/);
    expect(JSON.stringify(catalog)).not.toMatch(/\{[a-z_]+\}/);
    expect(settingText('position_based_first', 1 / 3, 'de')).toBe('33,33 %');
    expect(settingText('position_based_first', 1 / 3, 'en')).toBe('33.33 %');
    expect(settingText('time_decay_half_life_days', 10.5, 'de')).toBe('10,5');
  });

  it('stops at a placeholder that names no setting, naming the file', () => {
    const file = { sql: '-- model u_shaped [en] U-shaped: {u_first} to the first touch\nselect 1', display: 'queries/intermediate/x.sql' } as QueryFile;
    expect(() => fillCatalog({ marts: [], tests: [], metrics: [], models: modelCatalog([file]) }, DEFAULT_SETTINGS)).toThrow(
      'queries/intermediate/x.sql: {u_first} names no setting of report.json',
    );
  });

  it('fails when the credits hold a model no line describes, or a line describes a model the credits lack', () => {
    expect(() => checkModelsDescribed(['a', 'b'], ['a', 'b'])).not.toThrow();
    expect(() => checkModelsDescribed(['a', 'b'], ['a', 'b', 'u_shaped'])).toThrow(
      'queries/intermediate/int_attribution_shares.sql: the credits hold u_shaped, which no "-- model <key> [<locale>] <label>: <description>" line describes (described: a, b; computed: a, b, u_shaped)',
    );
    expect(() => checkModelsDescribed(['a', 'b'], ['a'])).toThrow('a "-- model" line describes b, which the credits do not hold');
  });
});

describe('report.json attribution_model', () => {
  it('must be a model the SQL computes: the run stops at ingest (exit 3) naming report.json, the field, the models and the value found', async () => {
    const files = {
      'report.json': JSON.stringify({ attribution_model: 'last_click' }),
      'campaigns.csv': csv('campaign,name,channel,funnel_stage,influencer,coupon_code,match', [['a', 'A', 'Meta', 'conversion', null, null, 'camp_a']]),
      'orders.csv': csv('order_id,ordered_at,customer_id,revenue,currency,status', [['o1', '2026-10-15T12:00:00Z', 'k1', '10.00', 'EUR', 'paid']]),
      'touchpoints.csv': csv('customer_id,occurred_at,utm_source,utm_medium,utm_campaign,interaction', [['k1', '2026-10-14T12:00:00Z', 'facebook', 'paid_social', 'camp_a', 'click']]),
    };
    const error = await filledWarehouse(files).then(
      () => null,
      (e: unknown) => e as Error & { details?: string[] },
    );
    expect(error?.message).toMatch(/^report\.json: attribution_model must be one of (\w+, ){5}\w+: "last_click"$/);
    for (const model of ['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'data_driven']) expect(error?.message).toContain(model);
    expect((error as { exitCode?: number } | null)?.exitCode).toBe(3);
  });
});

describe('position-based at 30/40/30, in a copy of queries/ and the settings', () => {
  let dir: string;
  let out: string;
  let run: CliResult;
  beforeAll(async () => {
    dir = await tempDir('model-catalog');
    const data = await copyFixture('tiny');
    await cp(join(projectRoot, 'queries'), join(dir, 'queries'), { recursive: true });
    const settings = JSON.parse(await readFile(join(data, 'report.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(data, 'report.json'), JSON.stringify({ ...settings, position_based_first: 0.3, position_based_last: 0.3 }));
    // One order in August, alone in its month, after three touches of three campaigns:
    // meta_sale first (30 %), li_b2b between (40 %), yt_brand last (30 %). 99.99 gives exact
    // cents 2999.7, 3999.6 and 2999.7: floors 9997, two cents left, to the two fractions of .7.
    await appendFile(join(data, 'orders.csv'), 'A1,2026-08-20T10:00:00Z,tiny-cust-aug,,,99.99,EUR,paid,,,,,,\n');
    await appendFile(
      join(data, 'touchpoints.csv'),
      [
        'tiny-cust-aug,2026-08-01T08:00:00Z,facebook,paid_social,meta_sale_aug,,click',
        'tiny-cust-aug,2026-08-10T08:00:00Z,linkedin,paid_social,li_b2b_aug,,click',
        'tiny-cust-aug,2026-08-19T08:00:00Z,youtube,paid_video,yt_brand_aug,,click',
        '',
      ].join('\n'),
    );
    out = join(dir, 'dist');
    run = await runCli(['--data', data, '--queries', join(dir, 'queries'), '--out', out, '--warehouse', join(dir, 'warehouse.duckdb'), '--accept-rejected']);
  }, 300_000);

  it('builds', () => {
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
  });

  it('says 30 % and 30 % on the methodology page', async () => {
    const html = (await readFile(join(out, 'methodology', 'index.html'), 'utf8')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toContain('Position-based');
    expect(html).toMatch(/the first touch gets 30\s%, the last 30\s%, the touches between share the rest equally/);
    expect(html).toMatch(/30\s% to the first touch, 30\s% to the last/);
    expect(html).not.toMatch(/gets 40\s%|40\s% to the/);
  });

  it('credits the August order 30/40/30 under position-based, to the cent', () => {
    const rows = readDataset(out, 'attribution').rows.filter((r) => r.month === '2026-08' && r.model === 'position_based');
    expect(Object.fromEntries(rows.map((r) => [r.campaign, r.revenue]))).toEqual({ meta_sale: 30, li_b2b: 39.99, yt_brand: 30 });
    const linear = readDataset(out, 'attribution').rows.filter((r) => r.month === '2026-08' && r.model === 'linear');
    expect(Object.fromEntries(linear.map((r) => [r.campaign, r.revenue]))).toEqual({ meta_sale: 33.33, li_b2b: 33.33, yt_brand: 33.33 });
  });
});
