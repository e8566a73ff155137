-- Named speed tricks: DuckDB macros the pipeline creates before any query runs
-- (`npm run report`, `npm run dev`, and in the warehouse file, so `npm run sql`
-- has them too). DuckDB inlines a scalar macro where it is called: a macro costs
-- nothing at run time, and turns a formula copied into several files into a word
-- an analyst can look up here. Each macro: its contract in one line, then a worked
-- example that test/attribution-decisions.test.ts runs.
-- Only `create or replace macro` statements belong in this file, each ending with `;`.

-- offset_slot(instant_us, first_hour): the position, in int_timezone_offsets' lists,
-- of the UTC hour that holds an instant given in microseconds since 1970 (UTC hours
-- count from 1970-01-01 00:00 UTC; the lists start with first_hour at position 1).
--   2026-10-25 00:30 UTC is 1,792,888,200,000,000 µs, in UTC hour 498,024;
--   with first_hour 498,020 it is at position 498,024 - 498,020 + 1 = 5.
create or replace macro offset_slot(instant_us, first_hour) as
    instant_us // 3600000000 - first_hour + 1;

-- local_time(instant, utc_offset_us, first_hour, time_zone): the wall-clock time
-- (TIMESTAMP) of a TIMESTAMPTZ in the report time zone, the same as
-- timezone(time_zone, instant). It adds the UTC offset of the instant's hour from
-- int_timezone_offsets (plain arithmetic, much faster than timezone() on tens of
-- millions of rows); in an hour whose offset changes, or outside the lists' range,
-- the offset is null and it converts with timezone().
--   Europe/Berlin, 2026-10-25 00:30 UTC: the hour's offset is +2 h (summer time
--   ends at 01:00 UTC), so the local time is 2026-10-25 02:30; at 01:30 UTC the
--   offset is +1 h: 02:30 again, the hour that happens twice.
create or replace macro local_time(instant, utc_offset_us, first_hour, time_zone) as
    coalesce(
        make_timestamp(epoch_us(instant) + utc_offset_us[offset_slot(epoch_us(instant), first_hour)]),
        timezone(time_zone, instant)
    );

-- pack_touch(instant_us, campaign_number, first_us, slots): a touch (its time and its
-- campaign number) as one BIGINT that sorts as (time, campaign number): microseconds
-- since first_us (the earliest touch) times slots (a power of two above the number
-- of campaigns) plus the campaign number. Lists of plain integers are built, filtered
-- and sorted much faster than lists of pairs.
--   first_us 1,000,000, slots 8: campaign 3 at 1,000,005 µs packs to 5 x 8 + 3 = 43,
--   campaign 2 a microsecond later to 6 x 8 + 2 = 50, so 43 sorts first.
create or replace macro pack_touch(instant_us, campaign_number, first_us, slots) as
    (instant_us - first_us) * slots + campaign_number;

-- packed_touch_us(touch, first_us, slots): the time of a packed touch, in
-- microseconds since 1970 (pack_touch undone).
--   50 with first_us 1,000,000 and slots 8: 50 // 8 + 1,000,000 = 1,000,006.
create or replace macro packed_touch_us(touch, first_us, slots) as
    touch // slots + first_us;

-- packed_touch_campaign(touch, slots): the campaign number of a packed touch.
--   50 with slots 8: 50 % 8 = 2.
create or replace macro packed_touch_campaign(touch, slots) as
    touch % slots;

-- month_number(month): a 'YYYY-MM' month as a count of months (year x 12 + month - 1),
-- so that months add and compare as integers.
--   '2026-10' is 2026 x 12 + 9 = 24,321; eleven months earlier, 24,310, is '2025-11'.
create or replace macro month_number(month) as
    cast(left(month, 4) as integer) * 12 + cast(right(month, 2) as integer) - 1;

-- month_number_of(local): the month of a wall-clock TIMESTAMP, counted as month_number counts.
--   timestamp '2026-10-25 02:30' is in month 24,321 ('2026-10').
create or replace macro month_number_of(local) as
    year(local) * 12 + month(local) - 1;

-- month_text(number): month_number undone, the 'YYYY-MM' of a count of months.
--   24,310 is '2025-11'.
create or replace macro month_text(number) as
    printf('%04d-%02d', number // 12, number % 12 + 1);

-- customer_seed(first_order_id): the UBIGINT a customer's bootstrap weights are drawn
-- from, the hash of the id of the customer's first order (int_bootstrap_customers says
-- why not the customer id).
--   customer_seed('A-2') is hash('A-2').
create or replace macro customer_seed(first_order_id) as
    hash(first_order_id);

-- bootstrap_weight(seed, replicate): how many times a customer counts in a replicate
-- of the seeded Poisson bootstrap, a draw from the Poisson distribution with mean 1:
-- u = hash(seed xor replicate), a UBIGINT, uniform over 0 .. 2^64 - 1, is compared with
-- the distribution's cumulative probabilities P(W <= k) = e^-1 (1/0! + ... + 1/k!)
-- scaled to 2^64 and rounded down (so the weight is k with probability P(k) to 2^-64),
-- up to 10; P(W > 10) is 1e-8, and such a customer counts 10 times.
-- Not hash(seed, replicate): DuckDB's hash of several values combines their hashes so
-- loosely that a customer's weights in replicates 1 and 2 correlate (0.59 over 200,000
-- customers; 10,000 customers share 68 patterns of 8 weights); the hash of one value
-- mixes every bit (correlation 0.003, 9,754 patterns; test/intervals.test.ts).
-- Integer comparisons, not u / 2^64 as a double: a third faster on tens of millions of
-- rows. The weight depends on the seed and the replicate only, and DuckDB's hash() on
-- the pinned version, so a report is the same in every run.
--   P(W = 0) = e^-1 = 0.3679: u below 6,786,177,901,268,885,274 gives 0; u from there
--   up to 13,572,355,802,537,770,549 (P(W <= 1) = 2 e^-1) gives 1.
create or replace macro bootstrap_weight(seed, replicate) as
    case
        when hash(xor(seed, cast(replicate as ubigint))) < 6786177901268885274::ubigint then 0
        when hash(xor(seed, cast(replicate as ubigint))) < 13572355802537770549::ubigint then 1
        when hash(xor(seed, cast(replicate as ubigint))) < 16965444753172213186::ubigint then 2
        when hash(xor(seed, cast(replicate as ubigint))) < 18096474403383694065::ubigint then 3
        when hash(xor(seed, cast(replicate as ubigint))) < 18379231815936564285::ubigint then 4
        when hash(xor(seed, cast(replicate as ubigint))) < 18435783298447138329::ubigint then 5
        when hash(xor(seed, cast(replicate as ubigint))) < 18445208545532234003::ubigint then 6
        when hash(xor(seed, cast(replicate as ubigint))) < 18446555009401533385::ubigint then 7
        when hash(xor(seed, cast(replicate as ubigint))) < 18446723317385195808::ubigint then 8
        when hash(xor(seed, cast(replicate as ubigint))) < 18446742018272269410::ubigint then 9
        else 10
    end;

-- bootstrap_weights(seeds, replicate): bootstrap_weight of every seed of a list, as
-- DOUBLEs (what list_dot_product multiplies), in the list's order.
--   bootstrap_weights([hash('A-2'), hash('A-5')], 1) is
--   [bootstrap_weight(hash('A-2'), 1), bootstrap_weight(hash('A-5'), 1)].
create or replace macro bootstrap_weights(seeds, replicate) as
    list_transform(seeds, seed -> cast(bootstrap_weight(seed, replicate) as double));

-- replicate_quantile(values, level): the q-quantile of a list of replicate results as
-- the ⌈n × q⌉-th smallest of its n values (at least the first), nulls left out; empty
-- for an empty list. quantile_disc would pick the same but takes only a constant q.
--   Of 200 replicates, q = 0.05 is the 10th smallest and q = 0.95 the 190th.
create or replace macro replicate_quantile(results, q) as
    list_sort(list_filter(results, v -> v is not null))[
        greatest(1, ceil(len(list_filter(results, v -> v is not null)) * q))::bigint
    ];

-- utm_source_name(source): a utm_source (or GA4 session source) trimmed, lower-cased,
-- with the common aliases unified, so that touchpoints.csv and the GA4 export name a
-- network alike.
--   ' FB ' is 'facebook'; 'tw' and 'Twitter' are 'x'; 'newsletter' stays 'newsletter'.
create or replace macro utm_source_name(source) as
    case lower(trim(source))
        when 'fb' then 'facebook'
        when 'ig' then 'instagram'
        when 'li' then 'linkedin'
        when 'yt' then 'youtube'
        when 'tw' then 'x'
        when 'twitter' then 'x'
        else lower(trim(source))
    end;

-- ga4_value(value): a traffic field of the GA4 export, or null where GA4 wrote one of
-- its placeholders, which are wholly in parentheses, or nothing.
--   '(not set)', '(direct)' and '(none)' are null; 'spring_sale' stays 'spring_sale'.
create or replace macro ga4_value(value) as
    nullif(regexp_replace(trim(value), '^\(.*\)$', ''), '');
