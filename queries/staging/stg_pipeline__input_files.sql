-- One row per input file of the run: what it was recognised as, its content
-- hash and what became of its rows.
with source as (
    select * from raw_input_files
),

renamed as (
    select
        path,
        kind,
        format,
        platform,
        sha256,
        bytes,
        rows_loaded,
        rows_rejected,
        rows_skipped,
    from source
)

select * from renamed
