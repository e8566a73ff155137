// The columns the site reads from each exported dataset, declared once: their Arrow
// types, which may be null, which hold month keys. The row types of every page derive
// from these declarations, and arrow.ts checks each file against them, so a changed
// mart fails the build naming the column instead of rendering NaN.

/** Arrow types as the pipeline writes them: text Utf8 (not Dictionary), numbers Float64, Bool, Date32[day]. */
export type ColumnType = 'Utf8' | 'Float64' | 'Bool' | 'Date32';

export interface ColumnSpec {
  readonly type: ColumnType;
  /** Null is not allowed (keys the site selects rows by). */
  readonly required: boolean;
  /** Values must be `YYYY-MM` month keys. */
  readonly monthKey?: boolean;
  /** Values must be ISO dates or timestamps (`2026-11-02T06:00:00Z`). */
  readonly timestamp?: boolean;
}

const MONTH = { type: 'Utf8', required: true, monthKey: true } as const;
const OPTIONAL_MONTH = { type: 'Utf8', required: false, monthKey: true } as const;
const KEY = { type: 'Utf8', required: true } as const;
const TEXT = { type: 'Utf8', required: false } as const;
const NUMBER = { type: 'Float64', required: false } as const;
const BOOL = { type: 'Bool', required: false } as const;
const DATE = { type: 'Date32', required: false } as const;
const KEY_DATE = { type: 'Date32', required: true } as const;
const TIMESTAMP = { type: 'Utf8', required: true, timestamp: true } as const;

/** For each metric: value of the month before, change, same month a year before, change. */
function comparisons<const M extends string>(metrics: readonly M[]) {
  const columns: Record<string, typeof NUMBER> = {};
  for (const m of metrics) {
    for (const suffix of ['prev', 'change', 'prev_year', 'change_year']) columns[`${m}_${suffix}`] = NUMBER;
  }
  return columns as { readonly [K in `${M}_${'prev' | 'change' | 'prev_year' | 'change_year'}`]: typeof NUMBER };
}

/** The costs, revenue and returns of a month, channel or campaign under one model, as the ROI marts give them. */
const ROI_FIGURES = {
  media_spend: NUMBER,
  other_cost: NUMBER,
  total_cost: NUMBER,
  conversions: NUMBER,
  revenue: NUMBER,
  gross_profit: NUMBER,
  roi: NUMBER,
  roas: NUMBER,
} as const;

/**
 * The ends of the bootstrap interval (int_roi_intervals.sql) of each ROI figure, at the
 * report's interval_level; null when bootstrap_replicates is 0 or the figure has none.
 */
const INTERVALS = {
  revenue_low: NUMBER,
  revenue_high: NUMBER,
  conversions_low: NUMBER,
  conversions_high: NUMBER,
  gross_profit_low: NUMBER,
  gross_profit_high: NUMBER,
  roi_low: NUMBER,
  roi_high: NUMBER,
  roas_low: NUMBER,
  roas_high: NUMBER,
} as const;

/** CPA's interval; cpa_high null with cpa_low set: no upper bound (the conversions' low end is 0). */
const CPA_INTERVAL = { cpa_low: NUMBER, cpa_high: NUMBER } as const;

/**
 * The columns the site reads from each dataset. Extra columns are allowed and ignored.
 * Money is in the report currency, ratios are plain (0.25 = 25 %). `_change` columns
 * hold relative changes for money and absolute differences for roi and roas.
 */
export const SCHEMAS = {
  /** One row per month and attribution model. */
  monthly_trend: {
    month: MONTH,
    model: KEY,
    ...ROI_FIGURES,
    paid_media_revenue: NUMBER,
    net_revenue: NUMBER,
    unattributed_revenue: NUMBER,
    unmapped_revenue: NUMBER,
    unmapped_spend: NUMBER,
    ...INTERVALS,
    ...comparisons(['media_spend', 'total_cost', 'revenue', 'gross_profit', 'roi', 'roas']),
  },
  /** One row per month, channel and attribution model. */
  channel_roi: {
    month: MONTH,
    channel: KEY,
    model: KEY,
    ...ROI_FIGURES,
    platform_conversion_value: NUMBER,
    spend_with_conversion_value: NUMBER,
    platform_roas: NUMBER,
    cpa: NUMBER,
    ...INTERVALS,
    ...CPA_INTERVAL,
  },
  /**
   * One row per month, campaign and attribution model. The `_prev`/`_change` columns
   * compare with the same campaign and model in the month before (roi: absolute, money: relative).
   */
  campaign_roi: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    channel: TEXT,
    funnel_stage: TEXT,
    platform: TEXT,
    influencer: TEXT,
    ...ROI_FIGURES,
    gross_margin: NUMBER,
    cpa: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    platform_roas: NUMBER,
    roi_prev: NUMBER,
    roi_change: NUMBER,
    total_cost_prev: NUMBER,
    total_cost_change: NUMBER,
    revenue_prev: NUMBER,
    revenue_change: NUMBER,
    ...INTERVALS,
    ...CPA_INTERVAL,
    /** Conversions under the row's model below min_conversions: "too few conversions to judge". */
    too_few_conversions: BOOL,
    /** `messaging`: a click-to-WhatsApp/Messenger campaign, judged on conversations, not on ROI (int_campaign_objectives). */
    objective: TEXT,
    messaging_conversations: NUMBER,
    cost_per_conversation: NUMBER,
  },
  /** One row per month and campaign: what the platforms report, and the costs. */
  campaign_performance: {
    month: MONTH,
    campaign: KEY,
    name: TEXT,
    channel: TEXT,
    platform: TEXT,
    funnel_stage: TEXT,
    engagement_rate_basis: TEXT,
    engagement_definition: TEXT,
    impressions: NUMBER,
    reach: NUMBER,
    clicks: NUMBER,
    link_clicks: NUMBER,
    engagements: NUMBER,
    video_views: NUMBER,
    followers_gained: NUMBER,
    objective: TEXT,
    messaging_conversations: NUMBER,
    new_messaging_contacts: NUMBER,
    cost_per_conversation: NUMBER,
    spend: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    cpm: NUMBER,
    cpc: NUMBER,
    ctr: NUMBER,
    engagement_rate: NUMBER,
  },
  /** One row per month, campaign and model: the ROI under every model, with its range over the models. */
  model_comparison: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    channel: TEXT,
    revenue: NUMBER,
    gross_profit: NUMBER,
    total_cost: NUMBER,
    roi: NUMBER,
    roas: NUMBER,
    roi_min: NUMBER,
    roi_max: NUMBER,
    roi_spread: NUMBER,
    revenue_min: NUMBER,
    revenue_max: NUMBER,
  },
  /** One row per month, influencer campaign and model. */
  influencer_roi: {
    month: MONTH,
    campaign: KEY,
    model: KEY,
    name: TEXT,
    influencer: TEXT,
    coupon_code: TEXT,
    fee: NUMBER,
    other_cost: NUMBER,
    total_cost: NUMBER,
    coupon_orders: NUMBER,
    coupon_revenue: NUMBER,
    conversions: NUMBER,
    revenue: NUMBER,
    gross_profit: NUMBER,
    roi: NUMBER,
    revenue_low: NUMBER,
    revenue_high: NUMBER,
    conversions_low: NUMBER,
    conversions_high: NUMBER,
    roi_low: NUMBER,
    roi_high: NUMBER,
    too_few_conversions: BOOL,
  },
  /**
   * One row per month, campaign and cost category. Rows with campaign `all` hold the
   * month's total per category over every campaign.
   */
  cost_breakdown: {
    month: MONTH,
    campaign: KEY,
    category: KEY,
    name: TEXT,
    channel: TEXT,
    amount: NUMBER,
  },
  /** One row per month, platform and model; platform `all` is the total against all net revenue. */
  over_attribution: {
    month: MONTH,
    platform: KEY,
    model: KEY,
    media_spend: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    attributed_conversions: NUMBER,
    attributed_revenue: NUMBER,
    spend_with_conversion_value: NUMBER,
    platform_roas: NUMBER,
    attributed_roas: NUMBER,
    over_attribution_factor: NUMBER,
  },
  /** One row per month, platform and source (paid or organic). */
  engagement_monthly: {
    month: MONTH,
    platform: KEY,
    source: KEY,
    engagement_rate_basis: TEXT,
    engagement_definition: TEXT,
    flag_reason: TEXT,
    impressions: NUMBER,
    reach: NUMBER,
    engagements: NUMBER,
    engagement_rate: NUMBER,
    followers_gained: NUMBER,
    followers_gained_prev: NUMBER,
    engagements_prev: NUMBER,
    followers_change: NUMBER,
    engagements_change: NUMBER,
    bought_followers_flag: BOOL,
  },
  /** Long form: one row per month, measure and subject; month is null for whole-run measures. */
  data_quality: {
    month: OPTIONAL_MONTH,
    measure: KEY,
    subject: TEXT,
    detail: TEXT,
    value: NUMBER,
  },
  /** One row per platform, account and calendar day between the first and last day of the platform's data; is_gap by the rule in queries/marts/platform_coverage.sql. */
  platform_coverage: {
    platform: KEY,
    account: TEXT,
    date: KEY_DATE,
    rows: NUMBER,
    spend: NUMBER,
    has_data: BOOL,
    covered_by_period: BOOL,
    is_gap: BOOL,
  },
  /** Every input row that was not loaded, with its reason. */
  rejected_rows: {
    source_file: TEXT,
    source_line: NUMBER,
    column_name: TEXT,
    reason: TEXT,
  },
  /** Every input file read, with its hash. */
  input_files: {
    path: KEY,
    kind: TEXT,
    format: TEXT,
    platform: TEXT,
    sha256: TEXT,
    bytes: NUMBER,
    rows_loaded: NUMBER,
    rows_rejected: NUMBER,
    rows_skipped: NUMBER,
  },
  /** Platform campaigns and utm_campaign values that matched no campaign of the taxonomy, one row per model. */
  unmapped_campaigns: {
    month: MONTH,
    source: TEXT,
    platform: TEXT,
    name: TEXT,
    model: KEY,
    spend: NUMBER,
    revenue: NUMBER,
  },
  /** One row per month of the warehouse: its days, and whether the data reaches its end. */
  report_months: {
    month: MONTH,
    month_start: DATE,
    month_end: DATE,
    complete_through: DATE,
    data_through: DATE,
    is_complete: BOOL,
    /** The month has orders, and paid platform data (report_months.sql); a month lacking either is incomplete. */
    has_orders: BOOL,
    has_paid_data: BOOL,
  },
  /**
   * Optional (no file: no rows). One row per published month, campaign and metric whose
   * figure changed since the month was published; campaign `all` is the month's total.
   * `change` is current - published, `relative_change` change / |published| (null when published is 0).
   */
  restatements: {
    month: MONTH,
    campaign: KEY,
    name: TEXT,
    metric: KEY,
    published_at: TIMESTAMP,
    published_value: NUMBER,
    current_value: NUMBER,
    change: NUMBER,
    relative_change: NUMBER,
  },
  /**
   * Optional (no file: no rows). Spend of period rows that no month holds, one row per file,
   * platform, account, platform campaign, period, currency and reason (queries/marts/unplaced_spend.sql).
   * `spend` in `currency`; `spend_report` in the report currency (null: no rate); period null: none named.
   * The `file_*` columns total the row's file, period, currency and reason.
   */
  unplaced_spend: {
    source_file: KEY,
    platform: KEY,
    account: TEXT,
    platform_campaign_key: TEXT,
    campaign_name: TEXT,
    campaign: TEXT,
    period_start: DATE,
    period_end: DATE,
    reason: KEY,
    detail: TEXT,
    currency: KEY,
    spend: NUMBER,
    fx_day: DATE,
    spend_report: NUMBER,
    file_campaigns: NUMBER,
    file_spend: NUMBER,
    file_spend_report: NUMBER,
  },
  /**
   * Optional (no file: no rows). Months, platforms and campaigns whose media spend holds an
   * estimate: period rows spread over their days pro rata (report.json "period_rows": "pro_rata").
   */
  estimated_spend: {
    month: MONTH,
    platform: KEY,
    campaign: KEY,
    files: NUMBER,
    spend_report: NUMBER,
    platform_spend_report: NUMBER,
  },
  /**
   * Optional (no experiments.csv: no rows). One row per experiment (its line in
   * experiments.csv) and month its days touch; every figure over the experiment's whole
   * period (queries/marts/experiment_comparison.sql). `*_value` are each side in the
   * experiment's metric (conversions, revenue, or ROAS against iROAS).
   */
  experiment_comparison: {
    month: MONTH,
    source_line: NUMBER,
    experiment_id: KEY,
    target_kind: TEXT,
    channel: TEXT,
    campaign: TEXT,
    campaign_name: TEXT,
    start_date: DATE,
    end_date: DATE,
    days: NUMBER,
    metric: KEY,
    source: TEXT,
    note: TEXT,
    interval_level: NUMBER,
    replicates: NUMBER,
    media_spend: NUMBER,
    platform_conversions: NUMBER,
    platform_conversion_value: NUMBER,
    attributed_revenue: NUMBER,
    attributed_conversions: NUMBER,
    attributed_value: NUMBER,
    attributed_low: NUMBER,
    attributed_high: NUMBER,
    platform_value: NUMBER,
    experiment_estimate: NUMBER,
    experiment_low: NUMBER,
    experiment_high: NUMBER,
    experiment_level: NUMBER,
    attribution_to_experiment: NUMBER,
    platform_to_experiment: NUMBER,
  },
  /**
   * Optional (no file: no rows). One row per ISO week and channel, without gaps: media
   * spend, impressions, clicks, credits under the report's model, and the shop's revenue
   * and orders of the week (queries/marts/media_mix_weekly.sql).
   */
  media_mix_weekly: {
    week_start: KEY_DATE,
    week_end: DATE,
    iso_week: TEXT,
    is_complete: BOOL,
    channel: KEY,
    media_spend: NUMBER,
    impressions: NUMBER,
    clicks: NUMBER,
    attributed_revenue: NUMBER,
    attributed_conversions: NUMBER,
    shop_revenue: NUMBER,
    shop_orders: NUMBER,
  },
  /**
   * One row per month, grain (`campaign` or `channel`) and key with costs: what the bootstrap
   * lets the report claim about its ROI (queries/marts/roi_verdicts.sql). Empty without
   * bootstrap replicates. `earning_models`/`losing_models` are comma-separated model keys;
   * the shares and `conversions` are under the report's model.
   */
  roi_verdicts: {
    month: MONTH,
    grain: KEY,
    key: KEY,
    verdict: TEXT,
    models: NUMBER,
    models_earning: NUMBER,
    models_losing: NUMBER,
    earning_models: TEXT,
    losing_models: TEXT,
    roi_above_zero_share: NUMBER,
    roi_below_zero_share: NUMBER,
    conversions: NUMBER,
    too_few_conversions: BOOL,
  },
  /**
   * One row per month, model and channel with costs: the share of bootstrap replicates in
   * which the channel has the highest and the lowest ROI (queries/marts/channel_ranking.sql).
   * Empty without bootstrap replicates.
   */
  channel_ranking: {
    month: MONTH,
    model: KEY,
    channel: KEY,
    share_best: NUMBER,
    share_worst: NUMBER,
    channels: NUMBER,
  },
  /** One row per month and Google Business Profile location (queries/marts/local_activity_monthly.sql); a null figure was not reported. */
  local_activity_monthly: {
    month: MONTH,
    location: KEY,
    profile_views: NUMBER,
    views_search: NUMBER,
    views_maps: NUMBER,
    views_mobile: NUMBER,
    views_desktop: NUMBER,
    website_clicks: NUMBER,
    calls: NUMBER,
    direction_requests: NUMBER,
    bookings: NUMBER,
    conversations: NUMBER,
    local_interactions: NUMBER,
  },
  /** One row per month and YouTube channel from YouTube Studio (queries/marts/youtube_channel_monthly.sql). */
  youtube_channel_monthly: {
    month: MONTH,
    channel: TEXT,
    basis: KEY,
    videos: NUMBER,
    views: NUMBER,
    watch_hours: NUMBER,
    subscribers_gained: NUMBER,
    impressions: NUMBER,
    youtube_ctr: NUMBER,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

export type DatasetName = keyof typeof SCHEMAS;
export const DATASET_NAMES = Object.keys(SCHEMAS) as DatasetName[];

/** Datasets a data folder may lack: a missing file reads as no rows. */
export const OPTIONAL_DATASETS: ReadonlySet<DatasetName> = new Set<DatasetName>([
  'restatements', 'unplaced_spend', 'estimated_spend', 'experiment_comparison', 'media_mix_weekly', 'local_activity_monthly', 'youtube_channel_monthly',
]);

/** The columns that identify a row; two rows with the same key fail the build (arrow.ts). */
export const ROW_KEYS: { readonly [N in DatasetName]: readonly (keyof (typeof SCHEMAS)[N])[] } = {
  monthly_trend: ['month', 'model'],
  channel_roi: ['month', 'channel', 'model'],
  campaign_roi: ['month', 'campaign', 'model'],
  campaign_performance: ['month', 'campaign'],
  model_comparison: ['month', 'campaign', 'model'],
  influencer_roi: ['month', 'campaign', 'model'],
  cost_breakdown: ['month', 'campaign', 'category'],
  over_attribution: ['month', 'platform', 'model'],
  engagement_monthly: ['month', 'platform', 'source'],
  data_quality: ['month', 'measure', 'subject'],
  platform_coverage: ['platform', 'account', 'date'],
  rejected_rows: [],
  input_files: ['path'],
  unmapped_campaigns: ['month', 'source', 'platform', 'name', 'model'],
  report_months: ['month'],
  restatements: ['month', 'campaign', 'metric'],
  unplaced_spend: ['source_file', 'platform', 'account', 'platform_campaign_key', 'period_start', 'period_end', 'currency', 'reason'],
  estimated_spend: ['month', 'platform', 'campaign'],
  experiment_comparison: ['month', 'source_line'],
  local_activity_monthly: ['month', 'location'],
  youtube_channel_monthly: ['month', 'channel'],
  media_mix_weekly: ['week_start', 'channel'],
  roi_verdicts: ['month', 'grain', 'key'],
  channel_ranking: ['month', 'model', 'channel'],
};

type BaseValue<T extends ColumnType> = T extends 'Float64' ? number : T extends 'Bool' ? boolean : string;

/** Dates arrive as `YYYY-MM-DD` strings. */
type ValueOf<C extends ColumnSpec> = C['required'] extends true ? BaseValue<C['type']> : BaseValue<C['type']> | null;

export type RowOf<S extends Record<string, ColumnSpec>> = { readonly [K in keyof S]: ValueOf<S[K]> };

export type DatasetRows = { [N in DatasetName]: RowOf<(typeof SCHEMAS)[N]>[] };

export type MonthlyTrendRow = RowOf<typeof SCHEMAS.monthly_trend>;
export type ChannelRoiRow = RowOf<typeof SCHEMAS.channel_roi>;
export type CampaignRoiRow = RowOf<typeof SCHEMAS.campaign_roi>;
export type CampaignPerformanceRow = RowOf<typeof SCHEMAS.campaign_performance>;
export type ModelComparisonRow = RowOf<typeof SCHEMAS.model_comparison>;
export type InfluencerRoiRow = RowOf<typeof SCHEMAS.influencer_roi>;
export type CostBreakdownRow = RowOf<typeof SCHEMAS.cost_breakdown>;
export type OverAttributionRow = RowOf<typeof SCHEMAS.over_attribution>;
export type EngagementMonthlyRow = RowOf<typeof SCHEMAS.engagement_monthly>;
export type DataQualityRow = RowOf<typeof SCHEMAS.data_quality>;
export type PlatformCoverageRow = RowOf<typeof SCHEMAS.platform_coverage>;
export type RejectedRowsRow = RowOf<typeof SCHEMAS.rejected_rows>;
export type InputFileRow = RowOf<typeof SCHEMAS.input_files>;
export type UnmappedCampaignRow = RowOf<typeof SCHEMAS.unmapped_campaigns>;
export type ReportMonthRow = RowOf<typeof SCHEMAS.report_months>;
export type RestatementRow = RowOf<typeof SCHEMAS.restatements>;
export type UnplacedSpendRow = RowOf<typeof SCHEMAS.unplaced_spend>;
export type EstimatedSpendRow = RowOf<typeof SCHEMAS.estimated_spend>;
export type ExperimentComparisonRow = RowOf<typeof SCHEMAS.experiment_comparison>;
export type MediaMixWeeklyRow = RowOf<typeof SCHEMAS.media_mix_weekly>;
export type RoiVerdictRow = RowOf<typeof SCHEMAS.roi_verdicts>;
export type ChannelRankingRow = RowOf<typeof SCHEMAS.channel_ranking>;
export type LocalActivityMonthlyRow = RowOf<typeof SCHEMAS.local_activity_monthly>;
export type YoutubeChannelMonthlyRow = RowOf<typeof SCHEMAS.youtube_channel_monthly>;
