-- One row per line of costs.csv, in the report currency, with what it is for:
-- a campaign key, a channel (spread over the channel's campaigns by
-- int_costs_allocated), or nothing known (kept on `unmapped`, and
-- tests/costs_targets_known.sql fails the build).
-- A dated cost converts at the ECB rate of its day (int_fx_daily_rates); a
-- monthly cost at the average of its month's ECB rates
-- (int_fx_monthly_rates, docs/decisions.md). The converted amount is rounded
-- to the cent once, half away from zero, as orders are (int_orders_net).
-- report_factor is null when no rate is known
-- (tests/fx_rates_available.sql fails the build then).
with costs as (
    select * from stg_finance__costs
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

channels as (
    select distinct channel from campaigns
),

fx as (
    select * from int_fx_daily_rates
),

monthly_fx as (
    select * from int_fx_monthly_rates
),

settings as (
    select * from stg_report__settings
),

final as (
    select
        costs.cost_id,
        costs.source_file,
        costs.source_line,
        costs.cost_month,
        costs.cost_date,
        costs.target,
        case
            when campaigns.campaign is not null then 'campaign'
            when channels.channel is not null then 'channel'
            else 'unknown'
        end as target_kind,
        coalesce(campaigns.campaign, case when channels.channel is null then 'unmapped' end) as campaign,
        channels.channel,
        costs.category,
        costs.currency,
        costs.amount,
        case
            when costs.currency = settings.currency then 1
            when costs.cost_date is not null then day_rate.to_report_factor
            else month_rate.average_to_report_factor
        end as report_factor,
        cast(round(costs.amount * report_factor, 2) as decimal(18, 2)) as amount_report,
    from costs
    cross join settings
    left join campaigns
        on campaigns.campaign = costs.target
    left join channels
        on lower(channels.channel) = lower(costs.target)
        and campaigns.campaign is null
    left join fx as day_rate
        on day_rate.currency = costs.currency
        and day_rate.rate_day = costs.cost_date
    left join monthly_fx as month_rate
        on month_rate.currency = costs.currency
        and month_rate.month = costs.cost_month
)

select * from final
