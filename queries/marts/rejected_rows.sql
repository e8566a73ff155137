-- Grain: one row per input row that could not be loaded: file, line, column
-- and reason. Personal columns of the orders are never read, so never quoted.
select * from stg_pipeline__rejected_rows
