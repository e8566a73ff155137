// Google Business Profile performance (docs/formats.md, "Google Business
// Profile"), organic local activity of a business's locations:
//   bulk download  Business Profile manager → Performance → download: one row
//                  per location for the chosen range, a row of column
//                  descriptions under the header, the range only in the file
//                  name (`… (Performance Report) - 2026-10-01 - 2026-10-31.csv`)
//   daily metrics  the Business Profile Performance API's daily metrics
//                  (`BUSINESS_IMPRESSIONS_MOBILE_SEARCH`, `CALL_CLICKS`, …) as
//                  columns of a table with a date and a location, as API
//                  extractions write them out
// Each filled metric cell becomes one (location, day, metric) value; a bulk
// download's row is a calendar month's value (report-period.ts).
import { dayFirst, type Context, type PlatformFormat, type Values } from './format.ts';
import { periodContext, withPeriodDate } from './report-period.ts';

/** The metric names in the warehouse, with the bulk download's header, the API's metric name and German headers (inferred). */
export const GBP_METRICS: Record<string, readonly string[]> = {
  views_search_mobile: ['google search - mobile', 'business_impressions_mobile_search', 'google suche - mobilgeräte', 'google-suche - mobilgeräte'],
  views_search_desktop: ['google search - desktop', 'business_impressions_desktop_search', 'google suche - computer', 'google-suche - computer'],
  views_maps_mobile: ['google maps - mobile', 'business_impressions_mobile_maps', 'google maps - mobilgeräte'],
  views_maps_desktop: ['google maps - desktop', 'business_impressions_desktop_maps', 'google maps - computer'],
  calls: ['calls', 'call_clicks', 'anrufe'],
  conversations: ['messages', 'business_conversations', 'nachrichten'],
  bookings: ['bookings', 'business_bookings', 'buchungen'],
  direction_requests: ['directions', 'business_direction_requests', 'business_direction_request', 'routen', 'wegbeschreibungen'],
  website_clicks: ['website clicks', 'website_clicks', 'websiteklicks', 'website-klicks'],
  food_orders: ['food orders', 'business_food_orders'],
  food_menu_clicks: ['food menu clicks', 'business_food_menu_clicks'],
  hotel_bookings: ['hotel bookings'],
};

export const googleBusinessProfile: PlatformFormat = {
  format: 'google_business_profile',
  platform: 'google_business',
  label: 'Google Business Profile performance (bulk download, or the Performance API daily metrics)',
  kind: 'organic_daily',
  columns: {
    date: ['date', 'day', 'datum', 'tag'],
    account: ['business name', 'location name', 'location', 'title', 'unternehmensname', 'name des unternehmens'],
    account_id: ['store code', 'location id', 'location_id', 'geschäftscode', 'shopcode'],
  },
  metrics: GBP_METRICS,
  required: [['account', 'account_id']],
  signature: [
    'google search - mobile', 'google maps - mobile', 'business_impressions_mobile_search', 'business_impressions_desktop_maps',
    'call_clicks', 'website_clicks', 'google suche - mobilgeräte', 'google maps - mobilgeräte',
  ],
  slashDateOrder: dayFirst,
  engagementDefinition: 'not applicable (local activity of a location)',
  descriptionRow: /^(number of|anzahl|nombre)\b/i,
  context(preamble: readonly string[], _sheet: string | null, file: string): Context {
    return periodContext(file, preamble, 'the Business Profile download');
  },
  finish(row: Values, context: Context): Values {
    const placed = withPeriodDate(row, context);
    // the location: its name, else its store code
    return { ...placed, account: placed.account ?? placed.account_id ?? null };
  },
};
