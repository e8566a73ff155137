-- One row per ECB reference rate: units of `currency` per 1 EUR on `rate_date`.
with source as (
    select * from raw_fx_rates
),

renamed as (
    select
        rate_date,
        currency,
        rate,
    from source
)

select * from renamed
