# Català, tractament de vós. "el dia …" davant les dates evita l'apostrofació
# ("l'1", "l'11"). Els mesos duen la preposició dins la data (month-name-in-date).
# Hores a la manera catalana: 16.00 h.
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] dilluns
        [2] dimarts
        [3] dimecres
        [4] dijous
        [5] divendres
        [6] dissabte
       *[7] diumenge
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] dl.
        [2] dt.
        [3] dc.
        [4] dj.
        [5] dv.
        [6] ds.
       *[7] dg.
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] gener
        [2] febrer
        [3] març
        [4] abril
        [5] maig
        [6] juny
        [7] juliol
        [8] agost
        [9] setembre
        [10] octubre
        [11] novembre
       *[12] desembre
    }
# A month inside a date, as in "1 December 2026". Languages that write it
# differently there (Catalan "de desembre", Polish "grudnia") list the forms.
month-name-in-date =
    { $month ->
        [1] de gener
        [2] de febrer
        [3] de març
        [4] d’abril
        [5] de maig
        [6] de juny
        [7] de juliol
        [8] d’agost
        [9] de setembre
        [10] d’octubre
        [11] de novembre
       *[12] de desembre
    }
# The day of the month inside a date: "1", "1er" in French.
day-in-date = { $day }

## Dates

# "Tuesday 1 December 2026"
date-long = { weekday-name }, { day-in-date } { month-name-in-date } de { $year }
# "1 December 2026"
date-medium = { day-in-date } { month-name-in-date } de { $year }
# "01/12/2026"
date-short = { $dd }/{ $mm }/{ $year }
# The heading of a day in a calendar: "Tuesday 1 December"
date-day-heading = { weekday-name }, { day-in-date } { month-name-in-date }
# "December 2026"
date-month-year = { month-name } de { $year }

## Times. $hour and $minute have two digits.

time-of-day = { $hour }.{ $minute } h
# $date is a date-long, $time a time-of-day.
date-at-time = { $date }, { $time }
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, { $start } – { $end }
time-range-days = des del { $start-date }, { $start }, fins al { $end-date }, { $end }
time-range-all-day = { $date } (tot el dia)
time-range-all-days = des del { $start-date } fins al { $end-date } (dies sencers)
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
        [1] gen.
        [2] febr.
        [3] març
        [4] abr.
        [5] maig
        [6] juny
        [7] jul.
        [8] ag.
        [9] set.
        [10] oct.
        [11] nov.
       *[12] des.
    }
time-range-times = { $start }–{ $end }
