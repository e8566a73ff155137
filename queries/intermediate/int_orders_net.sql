-- One row per order: its day and month in the report time zone, and its net
-- revenue in the report currency at the ECB rate of the order's day.
-- Net: `paid` counts in full, `partially_refunded` less its refunded amount,
-- `refunded` and `cancelled` not at all. Revenue and refunded amount arrive on
-- one basis (net of tax, before shipping): a Shopify export's are converted at
-- ingest (pipeline/ingest/own-files.ts, loadShopifyOrders), which keeps this
-- step the same cheap subtraction for every order. An order is a conversion when its net
-- revenue is above zero. A coupon code of a campaign names that campaign.
-- order_key numbers the orders by time (then id, then line): unique, and an
-- integer, which the attribution steps join and partition millions of rows by
-- much faster than by order_id. Not the order's line: a Shopify export lists the
-- newest order first, so each month's new orders move every older one down, and
-- a key that moved with them would make every month's credits new to the
-- monthly run (pipeline/incremental-transform.ts). New orders come later than
-- the ones before, so the older orders keep their keys.
-- metric net_revenue [de] Nettoumsatz: ohne Steuern, nach Rabatten, vor Versand (die Zwischensumme eines Shopify-Exports); bezahlte Bestellungen ganz, teilweise erstattete abzüglich des erstatteten Betrags auf derselben Grundlage (Shopifys Erstattungsbetrag mit Steuern, herausgerechnet mit (Gesamt − Steuern) ÷ Gesamt der Bestellung, höchstens die Zwischensumme), erstattete und stornierte gar nicht; in der Berichtswährung zum EZB-Kurs des Bestelltags
-- metric net_revenue [en] Net revenue: net of tax, after discounts, before shipping (a Shopify export's Subtotal); paid orders in full, partially refunded orders less the refunded amount on the same basis (Shopify's tax-inclusive Refunded Amount taken out of tax at the order's (Total - Taxes) / Total, at most the Subtotal), refunded and cancelled orders not at all; in the report currency at the ECB rate of the order day
-- metric net_revenue [fr] Chiffre d’affaires net: hors taxes, après remises, avant frais de port (le sous-total d’un export Shopify) ; commandes payées en entier, commandes partiellement remboursées moins le montant remboursé sur la même base (le montant remboursé TTC de Shopify ramené hors taxes par (Total − Taxes) ÷ Total de la commande, au plus le sous-total), commandes remboursées et annulées pas du tout ; dans la devise du rapport au taux BCE du jour de la commande
-- Millions of rows at scale, read by most marts: held for the run, not stored:
-- materialized: temporary
-- test unique: order_key
with orders as (
    select * from stg_shop__orders
),

campaigns as (
    select * from stg_taxonomy__campaigns
),

fx as (
    select * from int_fx_daily_rates
),

timezone_offsets as (
    select * from int_timezone_offsets
),

settings as (
    select * from stg_report__settings
),

local_times as (
    select
        orders.*,
        -- the order's wall-clock time in the report time zone (local_time: queries/macros.sql)
        local_time(orders.ordered_at, timezone_offsets.utc_offset_us, timezone_offsets.first_hour, settings.timezone) as ordered_local,
    from orders
    cross join settings
    cross join timezone_offsets
),

localised as (
    select
        local_times.* exclude (ordered_local),
        cast(local_times.ordered_local as date) as order_date,
        strftime(local_times.ordered_local, '%Y-%m') as order_month,
        settings.currency as report_currency,
    from local_times
    cross join settings
),

final as (
    select
        localised.source_file,
        localised.source_line,
        localised.order_id,
        -- an integer as the line was: 4 bytes in the tens of millions of path and credit rows
        cast(row_number() over (order by localised.ordered_at, localised.order_id, localised.source_file, localised.source_line) as integer) as order_key,
        localised.customer_id,
        localised.ordered_at,
        localised.order_date,
        localised.order_month,
        localised.status,
        localised.currency,
        localised.booked_amount,
        case localised.status
            when 'paid' then localised.booked_amount
            when 'partially_refunded' then greatest(localised.booked_amount - localised.refunded_amount, 0)
            else 0
        end as net_amount,
        cast(case when localised.currency = localised.report_currency then 1 else fx.to_report_factor end as decimal(18, 10)) as report_factor,
        -- An amount in the report currency is only rounded. A foreign one is multiplied in
        -- 128 bits: DECIMAL(18, 4) times DECIMAL(18, 10) kept in 64 bits has four integer
        -- digits left and overflows from 10,000.00 on. Only the foreign orders pay for the
        -- wide multiplication (CASE evaluates each branch on its own rows).
        cast(case
            when localised.currency = localised.report_currency then round(net_amount, 2)
            else round(cast(net_amount as decimal(38, 4)) * report_factor, 2)
        end as decimal(18, 2)) as net_revenue,
        net_revenue > 0 as is_conversion,
        localised.coupon_code,
        coupon_campaigns.campaign as coupon_campaign,
        localised.utm_source,
        localised.utm_campaign,
        localised.utm_campaign_as_sent,
    from localised
    left join fx
        on fx.currency = localised.currency
        and fx.rate_day = localised.order_date
    left join campaigns as coupon_campaigns
        on coupon_campaigns.coupon_code = localised.coupon_code
)

select * from final
