# Dates, times and sizes. The program gives each date-* message:
#   $weekday  1 (Monday) to 7 (Sunday)     $day    1 to 31
#   $month    1 (January) to 12            $year   "2026"
#   $dd, $mm  day and month in two digits ("01", "12")
# A message that names another (`{ weekday-name }`) passes them on.

## Names

weekday-name =
    { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }
# For the head of a month grid.
weekday-short =
    { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    }
# A month on its own, as in "December 2026".
month-name =
    { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
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
date-at-time = { $date }, { $time }
# When an event takes place. $date, $start-date and $end-date are date-long,
# $start and $end time-of-day.
time-range-same-day = { $date }, { $start }–{ $end }
time-range-days = { $start-date }, { $start } to { $end-date }, { $end }
time-range-all-day = { $date } (all day)
time-range-all-days = { $start-date } to { $end-date } (all day)
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

# A month's short name, on a calendar sheet: "Dec". $month is 1 to 12.
month-short =
    { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
# Two times of day, as an event runs: "16:00–17:30".
time-range-times = { $start }–{ $end }
