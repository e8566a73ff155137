-- Grain: one row per month, attribution model and channel with costs. Unique key:
-- (month, model, channel).
-- How sure the ranking of channels by ROI is: in each bootstrap replicate
-- (int_roi_replicates) the channels with costs are ranked by ROI, and a channel's
-- share_best is the share of replicates in which it has the highest ROI,
-- share_worst the share in which it has the lowest. Unmapped spend and unattributed
-- orders are not channels and take no part. Equal ROI: the channel key decides.
-- metric share_best [de] Anteil vorn: der Anteil der Bootstrap-Wiederholungen, in denen der Kanal den höchsten ROI des Monats hat
-- metric share_best [en] Share best: the share of bootstrap replicates in which the channel has the month's highest ROI
-- metric share_best [fr] Part en tête: la part des réplications bootstrap dans lesquelles le canal a le ROI le plus élevé du mois
-- metric share_worst [de] Anteil hinten: der Anteil der Bootstrap-Wiederholungen, in denen der Kanal den niedrigsten ROI des Monats hat
-- metric share_worst [en] Share worst: the share of bootstrap replicates in which the channel has the month's lowest ROI
-- metric share_worst [fr] Part en dernier: la part des réplications bootstrap dans lesquelles le canal a le ROI le plus bas du mois
-- test unique: month, model, channel
-- test check: share_best between 0 and 1 and share_worst between 0 and 1
-- dataset [de] Je Monat, Modell und Kanal: wie oft der Kanal in den Bootstrap-Wiederholungen den höchsten und den niedrigsten ROI hat.
-- dataset [en] Per month, model and channel: how often the channel has the highest and the lowest ROI in the bootstrap replicates.
-- dataset [fr] Par mois, modèle et canal : à quelle fréquence le canal a le ROI le plus élevé et le plus bas dans les réplications bootstrap.
with replicate_figures as (
    select * from int_roi_replicates
),

channel_replicates as (
    select month, model, key as channel, replicate, roi
    from replicate_figures
    where grain = 'channel'
        and roi is not null
        and key not in ('unattributed', 'unmapped')
),

ranked as (
    select
        *,
        row_number() over (partition by month, model, replicate order by roi desc, channel) as rank_from_top,
        row_number() over (partition by month, model, replicate order by roi asc, channel desc) as rank_from_bottom,
        count(*) over (partition by month, model, replicate) as channels,
    from channel_replicates
),

final as (
    select
        month,
        model,
        channel,
        count(*) filter (where rank_from_top = 1) / count(*) as share_best,
        count(*) filter (where rank_from_bottom = 1) / count(*) as share_worst,
        any_value(channels) as channels,
    from ranked
    group by all
)

select * from final
