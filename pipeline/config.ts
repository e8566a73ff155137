// report.json, normalised: every field has its default beside it, and a bad
// value fails with `<field> must be …: <value>` naming the file.
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { inputError } from './errors.ts';

/**
 * An attribution model's key. The models are those the `-- model` lines of the attribution
 * SQL describe (catalog.ts modelKeys, queries/intermediate/int_attribution_shares.sql), not a
 * list kept here: checkAttributionModel holds report.json to them once the queries are read.
 */
export type AttributionModel = string;
const MODEL_KEY = /^[a-z][a-z0-9_]*$/;
export const LOCALES = ['de', 'en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const PATH_TRANSFORMS = ['none', 'collapse_repeats'] as const;
export type PathTransform = (typeof PATH_TRANSFORMS)[number];
/** `time`: at most lookback_days × 24 h before the order; `calendar_days`: 0 ≤ order date − touch date ≤ lookback_days (Fractribution). */
export const LOOKBACK_BASES = ['time', 'calendar_days'] as const;
export type LookbackBasis = (typeof LOOKBACK_BASES)[number];
/**
 * What becomes of a platform row whose period is not one calendar month (README, period rows):
 * `unused` lists it with the reason and the spend not placed in any month; `pro_rata`
 * spreads it over its days (an estimate, labelled so in the report).
 */
export const PERIOD_ROW_TREATMENTS = ['unused', 'pro_rata'] as const;
export type PeriodRowTreatment = (typeof PERIOD_ROW_TREATMENTS)[number];

export interface ReportSettings {
  title: string | null;
  currency: string;
  timezone: string;
  locale: Locale;
  gross_margin: number;
  attribution_model: AttributionModel;
  lookback_days: number;
  lookback_basis: LookbackBasis;
  time_decay_half_life_days: number;
  count_views: boolean;
  path_transform: PathTransform;
  period_rows: PeriodRowTreatment;
  /** position_based: the first touch's share and the last touch's; the touches between share the rest (1 − first − last). */
  position_based_first: number;
  position_based_last: number;
  /** data_driven: a month's model is fitted on the journeys that ended in this many months up to that month's end. */
  data_driven_window_months: number;
  /** Replicates of the seeded Poisson bootstrap over customers behind every interval (README, intervals); 0 switches intervals off. */
  bootstrap_replicates: number;
  /** The intervals' level, and the share of replicates a verdict needs (0.9: a 90 % interval, ROI above 0 in 90 % of replicates). */
  interval_level: number;
  /** Below this many attributed conversions in a month a campaign is marked "too few conversions to judge". */
  min_conversions: number;
  /** Print the month's report as a PDF beside the site (pipeline/pdf.ts); `--pdf` turns it on for one run. */
  pdf: boolean;
  /** The system's Chromium that prints it (Debian/Ubuntu: `apt-get install chromium`); REPORT_CHROMIUM_PATH overrides it. */
  chromium_path: string;
  /** The month's digest by e-mail after publishing (pipeline/mail.ts); null: none. Never in the manifest. */
  email: EmailSettings | null;
}

/** `starttls`: plain connection upgraded by STARTTLS, refused without it (port 587); `tls`: TLS from the start (465); `none`: no encryption (a relay on the same machine or network, port 25). */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
const SMTP_DEFAULT_PORT: Record<SmtpSecurity, number> = { starttls: 587, tls: 465, none: 25 };
/** The environment variable the SMTP password is read from when report.json names none. */
export const DEFAULT_PASSWORD_ENV = 'REPORT_SMTP_PASSWORD';

export interface EmailSettings {
  to: string[];
  cc: string[];
  /** The sender: `report@example.com` or `Marketing-Bericht <report@example.com>`. */
  from: string;
  /** The subject; `{month}` becomes the month in words. Null: "<title> – <month>". */
  subject: string | null;
  /** Where the published report is served; the month's page is linked below it (`<report_url>/2026-10/`). */
  report_url: string;
  smtp: {
    host: string;
    port: number;
    tls: SmtpSecurity;
    /** Null: no authentication. */
    user: string | null;
    /** The environment variable holding the password (never report.json itself). */
    password_env: string;
  };
}

export const DEFAULT_SETTINGS: ReportSettings = {
  title: null,
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  locale: 'de',
  gross_margin: 0.4,
  attribution_model: 'last_touch',
  lookback_days: 30,
  lookback_basis: 'time',
  time_decay_half_life_days: 7,
  count_views: false,
  path_transform: 'none',
  period_rows: 'unused',
  position_based_first: 0.4,
  position_based_last: 0.4,
  data_driven_window_months: 12,
  bootstrap_replicates: 200,
  interval_level: 0.9,
  min_conversions: 20,
  pdf: false,
  chromium_path: '/usr/bin/chromium',
  email: null,
};

type Spec = Record<string, unknown>;

function fail(file: string, field: string, expected: string, value: unknown): never {
  throw inputError(`${file}: ${field} must be ${expected}: ${JSON.stringify(value)}`);
}

function pick<T>(spec: Spec, field: keyof ReportSettings, fallback: T, check: (v: unknown) => v is T, expected: string, file: string): T {
  const value = spec[field];
  if (value === undefined || value === null) return fallback;
  if (!check(value)) fail(file, field, expected, value);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isShare = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 1;
const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/**
 * An IANA time zone name. Node's ICU also takes UTC offsets such as `+05:30`
 * (ECMA-402 since 2024), which DuckDB's `set TimeZone` refuses ("Unknown TimeZone"),
 * so a name that resolves to an offset is refused here, where the field is named.
 * Every name Node's ICU lists is also in DuckDB's pg_timezone_names() (checked with
 * DuckDB 1.5: 418 of 418), and both take names case-insensitively.
 */
function isTimeZone(name: string): boolean {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    return !/^[+-]/.test(resolved);
  } catch {
    return false;
  }
}

/**
 * The half-life's range. Below half a day the weight 2^(-days / half-life) of a touch
 * 365 days back (the longest lookback) underflows to 0 in a double (2^-1074 is the
 * smallest), and an order whose touches all weigh 0 has no share to divide by; beyond
 * ten years touches 365 days apart differ by less than 7 % in weight: linear attribution in all but name.
 */
export const MIN_HALF_LIFE_DAYS = 0.5;
export const MAX_HALF_LIFE_DAYS = 3650;

/**
 * report.json's attribution_model against the models the SQL computes (catalog.ts
 * modelKeys): `report.json: attribution_model must be one of last_touch, …: "last_click"`.
 */
export function checkAttributionModel(model: string, models: readonly string[], file = 'report.json'): void {
  if (!models.includes(model)) fail(file, 'attribution_model', `one of ${models.join(', ')}`, model);
}

/** report.json, normalised; with `models` (the keys the SQL describes) attribution_model is checked against them too. */
export function normalizeSettings(spec: unknown, file = 'report.json', models?: readonly string[]): ReportSettings {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) fail(file, 'the file', 'a JSON object', spec);
  const s = spec as Spec;
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  const unknown = Object.keys(s).filter((k) => !known.has(k));
  if (unknown.length) fail(file, 'every field', `one of ${[...known].join(', ')}`, unknown[0]);
  const d = DEFAULT_SETTINGS;
  const settings: ReportSettings = {
    title: pick(s, 'title', d.title, isString, 'a text', file),
    currency: pick(s, 'currency', d.currency, (v): v is string => isString(v) && /^[A-Z]{3}$/.test(v), 'a three-letter ISO currency code such as "EUR"', file),
    timezone: pick(s, 'timezone', d.timezone, (v): v is string => isString(v) && isTimeZone(v), 'an IANA time zone name such as "Europe/Berlin" or "Asia/Kolkata", not a UTC offset', file),
    locale: pick(s, 'locale', d.locale, oneOf(LOCALES), `one of ${LOCALES.join(', ')}`, file),
    gross_margin: pick(s, 'gross_margin', d.gross_margin, (v): v is number => isNumber(v) && v > 0 && v <= 1, 'a number above 0 and at most 1 (0.4 = 40 %)', file),
    attribution_model: pick(s, 'attribution_model', d.attribution_model, (v): v is string => isString(v) && MODEL_KEY.test(v), 'a model key such as "last_touch"', file),
    lookback_days: pick(s, 'lookback_days', d.lookback_days, (v): v is number => isNumber(v) && Number.isInteger(v) && v >= 0 && v <= 365, 'a whole number of days from 0 to 365', file),
    lookback_basis: pick(s, 'lookback_basis', d.lookback_basis, oneOf(LOOKBACK_BASES), `one of ${LOOKBACK_BASES.join(', ')}`, file),
    time_decay_half_life_days: pick(s, 'time_decay_half_life_days', d.time_decay_half_life_days, (v): v is number => isNumber(v) && v >= MIN_HALF_LIFE_DAYS && v <= MAX_HALF_LIFE_DAYS, `a number of days from ${MIN_HALF_LIFE_DAYS} to ${MAX_HALF_LIFE_DAYS}`, file),
    count_views: pick(s, 'count_views', d.count_views, isBoolean, 'true or false', file),
    path_transform: pick(s, 'path_transform', d.path_transform, oneOf(PATH_TRANSFORMS), `one of ${PATH_TRANSFORMS.join(', ')}`, file),
    period_rows: pick(s, 'period_rows', d.period_rows, oneOf(PERIOD_ROW_TREATMENTS), `one of ${PERIOD_ROW_TREATMENTS.join(', ')}`, file),
    position_based_first: pick(s, 'position_based_first', d.position_based_first, isShare, 'a share from 0 to 1 (0.4 = 40 %)', file),
    position_based_last: pick(s, 'position_based_last', d.position_based_last, isShare, 'a share from 0 to 1 (0.4 = 40 %)', file),
    data_driven_window_months: pick(s, 'data_driven_window_months', d.data_driven_window_months, (v): v is number => isNumber(v) && Number.isInteger(v) && v >= 1 && v <= 120, 'a whole number of months from 1 to 120', file),
    // at most 10,000: the replicates multiply the bootstrap's work (200 take about a fifth of the transform at scale 100)
    bootstrap_replicates: pick(s, 'bootstrap_replicates', d.bootstrap_replicates, (v): v is number => isNumber(v) && Number.isInteger(v) && v >= 0 && v <= 10000, 'a whole number from 0 (no intervals) to 10000', file),
    interval_level: pick(s, 'interval_level', d.interval_level, (v): v is number => isNumber(v) && v >= 0.5 && v < 1, 'a share from 0.5 to below 1 (0.9 = a 90 % interval)', file),
    min_conversions: pick(s, 'min_conversions', d.min_conversions, (v): v is number => isNumber(v) && v >= 0, 'a number of conversions, 0 or more', file),
    pdf: pick(s, 'pdf', d.pdf, isBoolean, 'true or false', file),
    chromium_path: pick(s, 'chromium_path', d.chromium_path, (v): v is string => isString(v) && isAbsolute(v), 'the absolute path of the Chromium program, such as "/usr/bin/chromium"', file),
    email: s.email === undefined || s.email === null ? d.email : normalizeEmail(s.email, file),
  };
  // both ends may take everything (first 0.5, last 0.5: the middle gets nothing), not more;
  // a path of two touches splits in the ratio first : last, so they cannot both be 0
  if (settings.position_based_first + settings.position_based_last > 1) {
    fail(file, 'position_based_first + position_based_last', 'at most 1 (the touches between share the rest)', settings.position_based_first + settings.position_based_last);
  }
  if (settings.position_based_first + settings.position_based_last === 0) {
    fail(file, 'position_based_first + position_based_last', 'above 0 (a path of two touches splits in their ratio)', 0);
  }
  if (models) checkAttributionModel(settings.attribution_model, models, file);
  return settings;
}

/** A mailbox: `name@example.com`, or for the sender also `Name <name@example.com>`. */
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const NAMED_ADDRESS = /^[^<>@"]*<([^<>]+)>$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** report.json's `email`: recipients, sender, the report's address and the SMTP server. */
function normalizeEmail(value: unknown, file: string): EmailSettings {
  const isObject = (v: unknown): v is Spec => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) fail(file, 'email', 'an object with to, from, report_url and smtp', value);
  const only = (spec: Spec, field: string, fields: string[]) => {
    const unknown = Object.keys(spec).find((k) => !fields.includes(k));
    if (unknown === undefined) return;
    // a password written into report.json is not repeated in the message (it goes to the run log)
    if (/pass/i.test(unknown)) throw inputError(`${file}: ${field}.${unknown} must not be in report.json: put the password in the environment variable password_env names (default ${DEFAULT_PASSWORD_ENV})`);
    fail(file, `${field}.${unknown}`, `left out: ${field} takes ${fields.join(', ')}`, spec[unknown]);
  };
  only(value, 'email', ['to', 'cc', 'from', 'subject', 'report_url', 'smtp']);
  const addresses = (field: 'to' | 'cc', required: boolean): string[] => {
    const list = value[field];
    if (list === undefined && !required) return [];
    if (!Array.isArray(list) || (required && list.length === 0)) fail(file, `email.${field}`, required ? 'a list of one or more e-mail addresses' : 'a list of e-mail addresses', list);
    list.forEach((a, i) => {
      if (typeof a !== 'string' || !ADDRESS.test(a.trim())) fail(file, `email.${field}[${i}]`, 'an e-mail address such as "cmo@example.com"', a);
    });
    return list.map((a: string) => a.trim());
  };
  const text = (spec: Spec, field: string, name: string, expected: string, test: (v: string) => boolean = (v) => v.trim() !== ''): string => {
    const v = spec[field];
    if (typeof v !== 'string' || !test(v)) fail(file, name, expected, v);
    return v.trim();
  };
  const from = text(value, 'from', 'email.from', 'the sender, "report@example.com" or "Marketing <report@example.com>"', (v) => ADDRESS.test(v.trim()) || ADDRESS.test(NAMED_ADDRESS.exec(v.trim())?.[1]?.trim() ?? ''));
  const reportUrl = text(value, 'report_url', 'email.report_url', 'the http(s) address the report is served at, such as "https://reports.example.com/social-roi/"', (v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  });
  const subject = value.subject === undefined || value.subject === null ? null : text(value, 'subject', 'email.subject', 'a text (`{month}` becomes the month in words)');
  const smtp = value.smtp;
  if (!isObject(smtp)) fail(file, 'email.smtp', 'an object with host and optionally port, tls, user, password_env', smtp);
  only(smtp, 'email.smtp', ['host', 'port', 'tls', 'user', 'password_env']);
  const tls = smtp.tls === undefined ? 'starttls' : smtp.tls;
  if (!oneOf(SMTP_SECURITY)(tls)) fail(file, 'email.smtp.tls', `one of ${SMTP_SECURITY.join(', ')}`, tls);
  const port = smtp.port === undefined ? SMTP_DEFAULT_PORT[tls] : smtp.port;
  if (!isNumber(port) || !Number.isInteger(port) || port < 1 || port > 65535) fail(file, 'email.smtp.port', 'a port number from 1 to 65535', port);
  return {
    to: addresses('to', true),
    cc: addresses('cc', false),
    from,
    subject,
    report_url: reportUrl,
    smtp: {
      host: text(smtp, 'host', 'email.smtp.host', 'the SMTP server\'s host name or address'),
      port,
      tls,
      user: smtp.user === undefined || smtp.user === null ? null : text(smtp, 'user', 'email.smtp.user', 'the SMTP user name (the password comes from an environment variable)'),
      password_env:
        smtp.password_env === undefined ? DEFAULT_PASSWORD_ENV : text(smtp, 'password_env', 'email.smtp.password_env', `the name of an environment variable such as "${DEFAULT_PASSWORD_ENV}"`, (v) => ENV_NAME.test(v)),
    },
  };
}

export async function readSettings(path: string, displayName = 'report.json', models?: readonly string[]): Promise<ReportSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw inputError(`${displayName} is not valid JSON: ${(error as Error).message}`);
  }
  return normalizeSettings(spec, displayName, models);
}
