# Nederlands, met 'u'.
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] maandag
        [2] dinsdag
        [3] woensdag
        [4] donderdag
        [5] vrijdag
        [6] zaterdag
       *[7] zondag
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] ma
        [2] di
        [3] wo
        [4] do
        [5] vr
        [6] za
       *[7] zo
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] januari
        [2] februari
        [3] maart
        [4] april
        [5] mei
        [6] juni
        [7] juli
        [8] augustus
        [9] september
        [10] oktober
        [11] november
       *[12] december
    }
# A month inside a date, as in "1 December 2026". Languages that write it
# differently there (Catalan "de desembre", Polish "grudnia") list the forms.
month-name-in-date = { month-name }
# The day of the month inside a date: "1", "1er" in French.
day-in-date = { $day }

## Dates

# "Tuesday 1 December 2026"
date-long = { weekday-name } { day-in-date } { month-name-in-date } { $year }
# "1 December 2026"
date-medium = { day-in-date } { month-name-in-date } { $year }
# "01/12/2026"
date-short = { $dd }-{ $mm }-{ $year }
# The heading of a day in a calendar: "Tuesday 1 December"
date-day-heading = { weekday-name } { day-in-date } { month-name-in-date }
# "December 2026"
date-month-year = { month-name } { $year }

## Times. $hour and $minute have two digits.

time-of-day = { $hour }:{ $minute }
# $date is a date-long, $time a time-of-day.
date-at-time = { $date } om { $time } uur
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, van { $start } tot { $end } uur
time-range-days = van { $start-date } om { $start } uur tot { $end-date } om { $end } uur
time-range-all-day = { $date } (hele dag)
time-range-all-days = van { $start-date } tot en met { $end-date } (hele dagen)
# A time range with its time zone: $zone is "Europe/Paris" or a time-zone-offset.
time-zone = { $time } ({ $zone })
# $offset is "+01:00".
time-zone-offset = { $zone }, UTC{ $offset }

## File sizes. $size is a number, written the language's way ("1.2").

size-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
size-kilobytes = { $size } kB
size-megabytes = { $size } MB
size-gigabytes = { $size } GB

month-short =
    { $month ->
        [1] jan
        [2] feb
        [3] mrt
        [4] apr
        [5] mei
        [6] jun
        [7] jul
        [8] aug
        [9] sep
        [10] okt
        [11] nov
       *[12] dec
    }
time-range-times = { $start }–{ $end }
