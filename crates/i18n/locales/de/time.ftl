# Deutsch, Anrede mit „Sie“.
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] Montag
        [2] Dienstag
        [3] Mittwoch
        [4] Donnerstag
        [5] Freitag
        [6] Samstag
       *[7] Sonntag
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] Mo.
        [2] Di.
        [3] Mi.
        [4] Do.
        [5] Fr.
        [6] Sa.
       *[7] So.
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] Januar
        [2] Februar
        [3] März
        [4] April
        [5] Mai
        [6] Juni
        [7] Juli
        [8] August
        [9] September
        [10] Oktober
        [11] November
       *[12] Dezember
    }
# A month inside a date, as in "1 December 2026". Languages that write it
# differently there (Catalan "de desembre", Polish "grudnia") list the forms.
month-name-in-date = { month-name }
# The day of the month inside a date: "1", "1er" in French.
day-in-date = { $day }.

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
date-at-time = { $date }, { $time } Uhr
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, { $start }–{ $end } Uhr
time-range-days = von { $start-date }, { $start } Uhr, bis { $end-date }, { $end } Uhr
time-range-all-day = { $date } (ganztägig)
time-range-all-days = von { $start-date } bis { $end-date } (ganztägig)
# A time range with its time zone: $zone is "Europe/Paris" or a time-zone-offset.
time-zone = { $time } ({ $zone })
# $offset is "+01:00".
time-zone-offset = { $zone }, UTC{ $offset }

## File sizes. $size is a number, written the language's way ("1.2").

size-bytes =
    { $count ->
        [one] { $count } Byte
       *[other] { $count } Byte
    }
size-kilobytes = { $size } kB
size-megabytes = { $size } MB
size-gigabytes = { $size } GB

month-short =
    { $month ->
        [1] Jan.
        [2] Feb.
        [3] März
        [4] Apr.
        [5] Mai
        [6] Juni
        [7] Juli
        [8] Aug.
        [9] Sept.
        [10] Okt.
        [11] Nov.
       *[12] Dez.
    }
time-range-times = { $start }–{ $end }
