-- One row per input row that could not be loaded, with the file, line, column
-- and reason (the reason quotes the offending value).
with source as (
    select * from raw_rejected_rows
),

renamed as (
    select
        source_file,
        source_line,
        column_name,
        reason,
    from source
)

select * from renamed
