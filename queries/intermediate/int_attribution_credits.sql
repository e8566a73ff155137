-- One row per conversion, model and credited campaign: the share of the
-- order's net revenue and of the conversion that the campaign earns.
-- An order carrying a campaign's coupon code credits that campaign in full,
-- whatever the touches (influencer codes). An order with no touch in the
-- lookback window is credited to `unattributed`, so that every model's credit
-- adds up to the net revenue.
--
-- last_touch: all credit to the latest touch (ties: the campaign key first in order).
with conversions as (
    select * from int_orders_net
    where is_conversion
),

touches as (
    select * from int_attribution_touches
),

last_touches as (
    select order_id, campaign
    from touches
    qualify row_number() over (partition by order_id order by touched_at desc, campaign) = 1
),

last_touch as (
    select
        conversions.order_id,
        conversions.order_month,
        'last_touch' as model,
        coalesce(conversions.coupon_campaign, last_touches.campaign, 'unattributed') as campaign,
        case
            when conversions.coupon_campaign is not null then 'coupon'
            when last_touches.campaign is not null then 'touch'
            else 'none'
        end as credited_by,
        cast(1 as decimal(18, 6)) as conversion_credit,
        conversions.net_revenue as revenue_credit,
    from conversions
    left join last_touches using (order_id)
),

final as (
    select * from last_touch
)

select * from final
