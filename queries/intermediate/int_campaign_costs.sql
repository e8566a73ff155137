-- One row per month and campaign with media spend or other costs: what the
-- campaign cost, in the report currency, rounded to the cent. campaign_performance
-- reports these figures; the bootstrap (int_roi_replicates) holds them fixed.
-- Media spend: the platform rows' spend at the ECB rate of each row's day
-- (int_ad_monthly_mapped); other costs: costs.csv's rows allocated to the campaign
-- (int_costs_allocated).
-- test unique: month, campaign
with ad_months as (
    select * from int_ad_monthly_mapped
),

costs as (
    select * from int_costs_allocated
),

media as (
    select month, campaign, sum(spend_report) as spend
    from ad_months
    group by all
),

other as (
    select cost_month as month, campaign, sum(amount_report) as other_cost
    from costs
    group by all
),

final as (
    select
        coalesce(media.month, other.month) as month,
        coalesce(media.campaign, other.campaign) as campaign,
        cast(round(coalesce(media.spend, 0), 2) as decimal(18, 2)) as spend,
        cast(coalesce(other.other_cost, 0) as decimal(18, 2)) as other_cost,
        cast(round(coalesce(media.spend, 0), 2) as decimal(18, 2)) + cast(coalesce(other.other_cost, 0) as decimal(18, 2)) as total_cost,
    from media
    full outer join other
        on other.month = media.month
        and other.campaign = media.campaign
)

select * from final
