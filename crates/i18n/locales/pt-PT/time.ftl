# Português europeu (pt-PT: regras de plural próprias, 0 é plural),
# tratamento formal na terceira pessoa.
#
# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] segunda-feira
        [2] terça-feira
        [3] quarta-feira
        [4] quinta-feira
        [5] sexta-feira
        [6] sábado
       *[7] domingo
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] seg.
        [2] ter.
        [3] qua.
        [4] qui.
        [5] sex.
        [6] sáb.
       *[7] dom.
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] janeiro
        [2] fevereiro
        [3] março
        [4] abril
        [5] maio
        [6] junho
        [7] julho
        [8] agosto
        [9] setembro
        [10] outubro
        [11] novembro
       *[12] dezembro
    }
# A month inside a date, as in "1 December 2026". Languages that write it
# differently there (Catalan "de desembre", Polish "grudnia") list the forms.
month-name-in-date = { month-name }
# The day of the month inside a date: "1", "1er" in French.
day-in-date = { $day }

## Dates

# "Tuesday 1 December 2026"
date-long = { weekday-name }, { day-in-date } de { month-name-in-date } de { $year }
# "1 December 2026"
date-medium = { day-in-date } de { month-name-in-date } de { $year }
# "01/12/2026"
date-short = { $dd }/{ $mm }/{ $year }
# The heading of a day in a calendar: "Tuesday 1 December"
date-day-heading = { weekday-name }, { day-in-date } de { month-name-in-date }
# "December 2026"
date-month-year = { month-name } de { $year }

## Times. $hour and $minute have two digits.

time-of-day = { $hour }:{ $minute }
# $date is a date-long, $time a time-of-day.
date-at-time = { $date }, às { $time }
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, das { $start } às { $end }
time-range-days = de { $start-date }, às { $start }, a { $end-date }, às { $end }
time-range-all-day = { $date } (todo o dia)
time-range-all-days = de { $start-date } a { $end-date } (dias inteiros)
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
        [1] jan.
        [2] fev.
        [3] mar.
        [4] abr.
        [5] mai.
        [6] jun.
        [7] jul.
        [8] ago.
        [9] set.
        [10] out.
        [11] nov.
       *[12] dez.
    }
time-range-times = { $start }–{ $end }
