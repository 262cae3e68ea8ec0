# Italiano: istruzioni all'infinito o in forma impersonale, registro formale.
# "Pubblicato in data …" evita l'articolo davanti alla data ("l'8 dicembre").
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] lunedì
        [2] martedì
        [3] mercoledì
        [4] giovedì
        [5] venerdì
        [6] sabato
       *[7] domenica
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] lun
        [2] mar
        [3] mer
        [4] gio
        [5] ven
        [6] sab
       *[7] dom
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] gennaio
        [2] febbraio
        [3] marzo
        [4] aprile
        [5] maggio
        [6] giugno
        [7] luglio
        [8] agosto
        [9] settembre
        [10] ottobre
        [11] novembre
       *[12] dicembre
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
date-short = { $dd }/{ $mm }/{ $year }
# The heading of a day in a calendar: "Tuesday 1 December"
date-day-heading = { weekday-name } { day-in-date } { month-name-in-date }
# "December 2026"
date-month-year = { month-name } { $year }

## Times. $hour and $minute have two digits.

time-of-day = { $hour }:{ $minute }
# $date is a date-long, $time a time-of-day.
date-at-time = { $date }, ore { $time }
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, dalle { $start } alle { $end }
time-range-days = da { $start-date }, ore { $start }, a { $end-date }, ore { $end }
time-range-all-day = { $date } (tutto il giorno)
time-range-all-days = da { $start-date } a { $end-date } (giornate intere)
# A time range with its time zone: $zone is "Europe/Paris" or a time-zone-offset.
time-zone = { $time } ({ $zone })
# $offset is "+01:00".
time-zone-offset = { $zone }, UTC{ $offset }

## File sizes. $size is a number, written the language's way ("1.2").

size-bytes =
    { $count ->
        [one] { $count } byte
       *[other] { $count } byte
    }
size-kilobytes = { $size } kB
size-megabytes = { $size } MB
size-gigabytes = { $size } GB

month-short =
    { $month ->
        [1] gen
        [2] feb
        [3] mar
        [4] apr
        [5] mag
        [6] giu
        [7] lug
        [8] ago
        [9] set
        [10] ott
        [11] nov
       *[12] dic
    }
time-range-times = { $start }–{ $end }
