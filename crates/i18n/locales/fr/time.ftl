# Français, vouvoiement. Espace insécable (U+00A0) avant « : » et à l'intérieur
# des guillemets « », espace fine insécable (U+202F) avant ; ? !
# Le premier du mois s'écrit « 1er » (day-in-date).
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] lundi
        [2] mardi
        [3] mercredi
        [4] jeudi
        [5] vendredi
        [6] samedi
       *[7] dimanche
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] lun.
        [2] mar.
        [3] mer.
        [4] jeu.
        [5] ven.
        [6] sam.
       *[7] dim.
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
# A month inside a date, as in "1 December 2026". Languages that write it
# differently there (Catalan "de desembre", Polish "grudnia") list the forms.
month-name-in-date = { month-name }
# The day of the month inside a date: "1", "1er" in French.
day-in-date =
    { $day ->
        [1] 1er
       *[other] { $day }
    }

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
date-at-time = { $date } à { $time }
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, de { $start } à { $end }
time-range-days = du { $start-date } à { $start } au { $end-date } à { $end }
time-range-all-day = { $date } (toute la journée)
time-range-all-days = du { $start-date } au { $end-date } (journées entières)
# A time range with its time zone: $zone is "Europe/Paris" or a time-zone-offset.
time-zone = { $time } ({ $zone })
# $offset is "+01:00".
time-zone-offset = { $zone }, UTC{ $offset }

## File sizes. $size is a number, written the language's way ("1.2").

size-bytes =
    { $count ->
        [one] { $count } octet
       *[other] { $count } octets
    }
size-kilobytes = { $size } ko
size-megabytes = { $size } Mo
size-gigabytes = { $size } Go

month-short =
    { $month ->
        [1] janv.
        [2] févr.
        [3] mars
        [4] avr.
        [5] mai
        [6] juin
        [7] juil.
        [8] août
        [9] sept.
        [10] oct.
        [11] nov.
       *[12] déc.
    }
time-range-times = { $start }–{ $end }
