import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelKeys } from '../pipeline/catalog.ts';
import { DEFAULT_SETTINGS, normalizeSettings } from '../pipeline/config.ts';
import type { QueryFile } from '../pipeline/queries.ts';

// the models the attribution SQL describes (its `-- model` lines): the values attribution_model may take
const SHARES = 'queries/intermediate/int_attribution_shares.sql';
const MODELS = modelKeys([{ sql: readFileSync(new URL(`../${SHARES}`, import.meta.url), 'utf8'), display: SHARES } as QueryFile]);

describe('report.json', () => {
  it('fills every missing field with its default', () => {
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ locale: 'en', gross_margin: 0.55 })).toMatchObject({ locale: 'en', gross_margin: 0.55, currency: 'EUR' });
  });

  it('names the field, what it must be and what it found', () => {
    expect(() => normalizeSettings({ gross_margin: 40 })).toThrow('report.json: gross_margin must be a number above 0 and at most 1 (0.4 = 40 %): 40');
    expect(() => normalizeSettings({ currency: 'euro' })).toThrow('report.json: currency must be a three-letter ISO currency code such as "EUR": "euro"');
    expect(() => normalizeSettings({ timezone: 'Mars/Olympus' })).toThrow('report.json: timezone must be an IANA time zone name such as "Europe/Berlin" or "Asia/Kolkata", not a UTC offset: "Mars/Olympus"');
    expect(MODELS).toEqual(['last_touch', 'first_touch', 'linear', 'position_based', 'time_decay', 'data_driven']);
    expect(() => normalizeSettings({ attribution_model: 'last_click' }, 'report.json', MODELS)).toThrow(
      'report.json: attribution_model must be one of last_touch, first_touch, linear, position_based, time_decay, data_driven: "last_click"',
    );
    expect(() => normalizeSettings({ lookback: 30 })).toThrow('report.json: every field must be one of');
    expect(() => normalizeSettings([])).toThrow('report.json: the file must be a JSON object: []');
  });

  it('takes position-based weights that leave the middle a share of 0 or more, and a whole data-driven window', () => {
    expect(normalizeSettings({ position_based_first: 0.3, position_based_last: 0.3 })).toMatchObject({ position_based_first: 0.3, position_based_last: 0.3 });
    expect(normalizeSettings({ position_based_first: 0.5, position_based_last: 0.5 })).toMatchObject({ position_based_first: 0.5 });
    expect(() => normalizeSettings({ position_based_first: 0.6, position_based_last: 0.5 })).toThrow(
      'report.json: position_based_first + position_based_last must be at most 1 (the touches between share the rest): 1.1',
    );
    expect(() => normalizeSettings({ position_based_first: 0, position_based_last: 0 })).toThrow('must be above 0');
    expect(() => normalizeSettings({ position_based_last: 40 })).toThrow('report.json: position_based_last must be a share from 0 to 1 (0.4 = 40 %): 40');
    expect(normalizeSettings({ data_driven_window_months: 3 })).toMatchObject({ data_driven_window_months: 3 });
    expect(() => normalizeSettings({ data_driven_window_months: 1.5 })).toThrow('report.json: data_driven_window_months must be a whole number of months from 1 to 120: 1.5');
    expect(normalizeSettings({ pdf: true, chromium_path: '/snap/bin/chromium' })).toMatchObject({ pdf: true, chromium_path: '/snap/bin/chromium' });
    expect(() => normalizeSettings({ pdf: 'yes' })).toThrow('report.json: pdf must be true or false: "yes"');
    expect(() => normalizeSettings({ chromium_path: 'chromium' })).toThrow('report.json: chromium_path must be the absolute path of the Chromium program, such as "/usr/bin/chromium": "chromium"');
  });
});
