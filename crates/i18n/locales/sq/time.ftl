# Shqip standard, me "ju" (trajtim zyrtar), si në faqet e Bashkisë së Tiranës.
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] e hënë
        [2] e martë
        [3] e mërkurë
        [4] e enjte
        [5] e premte
        [6] e shtunë
       *[7] e diel
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] hën
        [2] mar
        [3] mër
        [4] enj
        [5] pre
        [6] sht
       *[7] die
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] janar
        [2] shkurt
        [3] mars
        [4] prill
        [5] maj
        [6] qershor
        [7] korrik
        [8] gusht
        [9] shtator
        [10] tetor
        [11] nëntor
       *[12] dhjetor
    }
# A month inside a date, as in "1 December 2026". Languages that write it
# differently there (Catalan "de desembre", Polish "grudnia") list the forms.
month-name-in-date = { month-name }
# The day of the month inside a date: "1", "1er" in French.
day-in-date = { $day }

## Dates

# "Tuesday 1 December 2026"
date-long = { weekday-name }, { day-in-date } { month-name-in-date } { $year }
# "1 December 2026"
date-medium = { day-in-date } { month-name-in-date } { $year }
# "01/12/2026"
date-short = { $dd }.{ $mm }.{ $year }
# The heading of a day in a calendar: "Tuesday 1 December"
date-day-heading = { weekday-name }, { day-in-date } { month-name-in-date }
# "December 2026"
date-month-year = { month-name } { $year }

## Times. $hour and $minute have two digits.

time-of-day = { $hour }:{ $minute }
# $date is a date-long, $time a time-of-day.
date-at-time = { $date }, ora { $time }
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, ora { $start }–{ $end }
time-range-days = { $start-date }, ora { $start } – { $end-date }, ora { $end }
time-range-all-day = { $date } (gjithë ditën)
time-range-all-days = { $start-date } – { $end-date } (ditë të plota)
# A time range with its time zone: $zone is "Europe/Paris" or a time-zone-offset.
time-zone = { $time } ({ $zone })
# $offset is "+01:00".
time-zone-offset = { $zone }, UTC{ $offset }

## File sizes. $size is a number, written the language's way ("1.2").

size-bytes =
    { $count ->
        [one] { $count } bajt
       *[other] { $count } bajt
    }
size-kilobytes = { $size } kB
size-megabytes = { $size } MB
size-gigabytes = { $size } GB

month-short =
    { $month ->
        [1] jan
        [2] shk
        [3] mar
        [4] pri
        [5] maj
        [6] qer
        [7] korr
        [8] gush
        [9] sht
        [10] tet
        [11] nën
       *[12] dhj
    }
time-range-times = { $start }–{ $end }
