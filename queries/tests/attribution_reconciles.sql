-- severity: error
-- For every month and model, the revenue credited to campaigns (unattributed
-- included) equals the net revenue of the month's orders, to the cent.
-- test [de] Für jeden Monat und jedes Modell ist der den Kampagnen zugeordnete Umsatz (Umsatz ohne Touchpoint eingeschlossen) auf den Cent gleich dem Nettoumsatz der Bestellungen des Monats.
-- test [en] For every month and model, the revenue credited to campaigns (unattributed revenue included) equals the net revenue of the month's orders, to the cent.
-- test [fr] Pour chaque mois et chaque modèle, le chiffre d’affaires attribué aux campagnes (chiffre d’affaires sans point de contact inclus) est égal au centime près au chiffre d’affaires net des commandes du mois.
with booked as (
    select order_month as month, sum(net_revenue) as net_revenue
    from int_orders_net
    group by all
),

credited as (
    select month, model, sum(revenue) as credited_revenue
    from attribution
    group by all
),

models as (
    select distinct model from attribution
)

select
    booked.month,
    models.model,
    booked.net_revenue,
    coalesce(credited.credited_revenue, 0) as credited_revenue,
from booked
cross join models
left join credited
    on credited.month = booked.month
    and credited.model = models.model
where booked.net_revenue <> coalesce(credited.credited_revenue, 0)
order by booked.month, models.model
