-- Grain: one row per month, measure and subject (month empty for measures of
-- the whole run). Measures:
--   unmapped_spend        spend of platform campaigns no `match` pattern maps (subject: platform)
--   unmapped_revenue      revenue credited to `unmapped` under the report's model
--   unattributed_revenue  net revenue of orders with no touch and no coupon
--   unattributed_share    unattributed_revenue / net revenue of the month
--   rejected_rows         input rows that could not be loaded (subject: file; month empty)
--   days_with_data        days of the month with platform rows, daily or a period row's (subject: platform)
--   missing_days          days of the month that are gaps by platform_coverage's rule: no data while a campaign was running (subject: platform; detail: the days)
--   period_rows_unused    rows of monthly or lifetime exports that no month uses (subject: file; spend in unplaced_spend)
--   duplicate_conflicts   platform rows found in several files with different numbers (subject: platform)
--   ga4_events_not_observable     GA4 events without user_pseudo_id (no consent): journeys not observable
--   ga4_purchases_not_observable  of these, purchases: their orders keep touchpoints.csv or their own utm fields
--   ga4_purchases_without_order   GA4 transactions no order of the shop has (subject: transaction id; value:
--                                 GA4's revenue, detail: its currency); listed, never counted as revenue
--   ga4_orders_linked             orders whose journey comes from GA4 (int_ga4_purchases.is_linked)
-- metric unattributed_share [de] Anteil ohne Touchpoint: Nettoumsatz der Bestellungen ohne Kontakt oder Rabattcode ÷ gesamter Nettoumsatz des Monats
-- metric unattributed_share [en] Unattributed share: net revenue of orders without touch or coupon / all net revenue of the month
-- metric unattributed_share [fr] Part sans point de contact: chiffre d’affaires net des commandes sans contact ni code promo ÷ tout le chiffre d’affaires net du mois
-- dataset [de] Je Monat, Prüfung und Gegenstand: nicht zugeordnete Ausgaben und Umsätze, Umsatz ohne Touchpoint, abgelehnte Zeilen, Tage ohne Daten.
-- dataset [en] Per month, check and subject: unmapped spend and revenue, unattributed revenue, rejected rows, days without data.
-- dataset [fr] Par mois, contrôle et objet : dépenses et chiffre d’affaires non rattachés, chiffre d’affaires sans point de contact, lignes rejetées, jours sans données.
with credited as (
    select * from attribution
),

ad_months as (
    select * from int_ad_monthly_mapped
),

period_rows as (
    select * from int_ad_period_rows
),

conflicts as (
    select * from int_ad_duplicate_conflicts
),

coverage as (
    select * from platform_coverage
),

rejected as (
    select * from stg_pipeline__rejected_rows
),

ga4_events as (
    select * from stg_ga4__events
),

ga4_purchases as (
    select * from int_ga4_purchases
),

settings as (
    select * from stg_report__settings
),

report_model as (
    select credited.*
    from credited
    cross join settings
    where credited.model = settings.attribution_model
),

monthly_revenue as (
    select
        month,
        sum(revenue) as net_revenue,
        sum(revenue) filter (where campaign = 'unattributed') as unattributed_revenue,
        sum(revenue) filter (where campaign = 'unmapped') as unmapped_revenue,
    from report_model
    group by month
),

measures as (
    select month, 'unmapped_spend' as measure, platform as subject, round(sum(spend_report), 2) as value, cast(null as varchar) as detail
    from ad_months
    where campaign = 'unmapped'
    group by all

    union all

    select month, 'unmapped_revenue', null, coalesce(unmapped_revenue, 0), null
    from monthly_revenue

    union all

    select month, 'unattributed_revenue', null, coalesce(unattributed_revenue, 0), null
    from monthly_revenue

    union all

    select month, 'unattributed_share', null, case when net_revenue > 0 then coalesce(unattributed_revenue, 0) / net_revenue end, null
    from monthly_revenue

    union all

    select null, 'rejected_rows', source_file, count(*), min(reason)
    from rejected
    group by source_file

    union all

    select strftime(date, '%Y-%m'), 'days_with_data', platform, count(distinct date) filter (where has_data or covered_by_period), null
    from coverage
    group by all

    union all

    select strftime(date, '%Y-%m'), 'missing_days', platform, count(distinct date) filter (where is_gap),
        string_agg(distinct strftime(date, '%Y-%m-%d'), ', ' order by strftime(date, '%Y-%m-%d')) filter (where is_gap)
    from coverage
    group by all

    union all

    select null, 'period_rows_unused', source_file, count(*), min(usage)
    from period_rows
    where usage not in ('month', 'pro_rata')
    group by source_file

    union all

    select strftime(report_date, '%Y-%m'), 'duplicate_conflicts', platform, count(*), null
    from conflicts
    group by all

    union all

    select strftime(timezone(settings.timezone, event_at), '%Y-%m'), 'ga4_events_not_observable', null, count(*), null
    from ga4_events
    cross join settings
    where not is_observable
    group by all

    union all

    select strftime(timezone(settings.timezone, event_at), '%Y-%m'), 'ga4_purchases_not_observable', null, count(*), null
    from ga4_events
    cross join settings
    where not is_observable and is_purchase
    group by all

    union all

    select strftime(timezone(settings.timezone, purchased_at), '%Y-%m'), 'ga4_purchases_without_order', coalesce(ga4_purchases.transaction_id, ''), ga4_purchases.purchase_revenue, ga4_purchases.currency
    from ga4_purchases
    cross join settings
    where order_key is null

    union all

    select strftime(timezone(settings.timezone, purchased_at), '%Y-%m'), 'ga4_orders_linked', null, count(*), null
    from ga4_purchases
    cross join settings
    where is_linked
    group by all
),

final as (
    select month, measure, subject, cast(value as double) as value, detail
    from measures
)

select * from final
