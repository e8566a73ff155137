-- One row per cost line and campaign it is charged to, in cents that add up to
-- the line exactly. Channel-level costs are spread over that channel's
-- campaigns in proportion to their media spend in the month (equally when the
-- channel has no spend that month), by largest remainder: each campaign gets
-- the floor of its exact share in cents, and the cents left go one each to the
-- largest fractional parts.
-- metric channel_cost_allocation [de] Verteilung der Kanalkosten: Kosten eines Kanals auf seine Kampagnen verteilt nach ihrem Anteil an den Mediaausgaben des Monats, Restbeträge nach größtem Rest in Cent
-- metric channel_cost_allocation [en] Channel cost allocation: channel costs spread over the channel's campaigns by media spend share in the month, largest remainder in cents
-- metric channel_cost_allocation [fr] Répartition des coûts de canal: coûts d’un canal répartis entre ses campagnes selon leur part des dépenses média du mois, au plus fort reste en centimes
with costs as (
    select * from int_costs_converted
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

ad_months as (
    select * from int_ad_monthly_mapped
),

monthly_spend as (
    select month, campaign, sum(spend_report) as media_spend
    from ad_months
    group by all
),

direct as (
    select cost_id, cost_month, campaign, category, amount_report
    from costs
    where target_kind <> 'channel'
),

channel_shares as (
    select
        costs.cost_id,
        costs.cost_month,
        costs.category,
        campaigns.campaign,
        cast(round(costs.amount_report * 100) as bigint) as line_cents,
        coalesce(monthly_spend.media_spend, 0) as weight,
    from costs
    inner join campaigns
        on lower(campaigns.channel) = lower(costs.channel)
    left join monthly_spend
        on monthly_spend.campaign = campaigns.campaign
        and monthly_spend.month = costs.cost_month
    where costs.target_kind = 'channel'
),

exact_shares as (
    select
        *,
        case
            when sum(weight) over (partition by cost_id) > 0
                then line_cents * weight / sum(weight) over (partition by cost_id)
            else line_cents / count(*) over (partition by cost_id)
        end as exact_cents,
    from channel_shares
),

floored as (
    select
        *,
        cast(floor(exact_cents) as bigint) as floor_cents,
        line_cents - sum(cast(floor(exact_cents) as bigint)) over (partition by cost_id) as cents_left,
        row_number() over (partition by cost_id order by exact_cents - floor(exact_cents) desc, campaign) as remainder_rank,
    from exact_shares
),

allocated as (
    select
        cost_id,
        cost_month,
        campaign,
        category,
        cast(floor_cents + case when remainder_rank <= cents_left then 1 else 0 end as decimal(18, 0)) * 0.01 as amount_report,
    from floored
),

final as (
    select * from direct
    union all
    select * from allocated
    where amount_report <> 0
)

select * from final
