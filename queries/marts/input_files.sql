-- Grain: one row per input file of the run. Unique key: path.
-- test unique: path
select * from stg_pipeline__input_files
