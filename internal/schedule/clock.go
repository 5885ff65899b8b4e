package schedule

import (
	"time"

	"github.com/robfig/cron/v3"

	"github.com/askerkommune/temaplanbot/bot"
)

// dueAt returns when something set for hh:mm local time on day d is due: the
// first instant the local clock shows hh:mm or later. A time inside the
// spring gap (02:30 on 29 March 2026 in Oslo) is due when the clock jumps
// (03:00 CEST); a time the autumn change repeats (02:30 on 25 October 2026)
// is due at its first occurrence (CEST). Go's time.Date picks neither rule
// on its own (it gives 03:30 CEST and the second 02:30).
func dueAt(d bot.Date, hour, minute int, loc *time.Location) time.Time {
	t := d.At(hour, minute, loc)
	if t.Hour() != hour || t.Minute() != minute {
		// In a gap: t was normalised to one side of the jump; the jump is due.
		start, end := t.ZoneBounds()
		if t.Hour()*60+t.Minute() > hour*60+minute && !start.IsZero() {
			return start
		}
		if !end.IsZero() {
			return end
		}
		return t
	}
	if earlier, ok := firstOccurrence(t); ok {
		return earlier
	}
	return t
}

// firstOccurrence reports the earlier instant with the same local wall clock
// as t when t lies in the repeated hour after a fall-back change.
func firstOccurrence(t time.Time) (time.Time, bool) {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return time.Time{}, false
	}
	_, off := t.Zone()
	_, prevOff := start.Add(-time.Second).Zone()
	back := time.Duration(prevOff-off) * time.Second
	if back <= 0 || t.Sub(start) >= back {
		return time.Time{}, false
	}
	return t.Add(-back), true
}

// addDays returns the day n days after d (before, for negative n).
func addDays(d bot.Date, n int) bot.Date {
	return bot.DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// daily is a cron.Schedule firing once a day at hh:mm in loc, by dueAt's
// rules. robfig/cron's own spec schedule skips a daily job set inside the
// spring gap and runs it twice in the autumn repeat; this one fires exactly
// once on both days.
type daily struct {
	hour, minute int
	loc          *time.Location
}

var _ cron.Schedule = daily{}

// Next returns the first due instant after t.
func (d daily) Next(t time.Time) time.Time {
	day := bot.DateOf(t.In(d.loc))
	for i := 0; i < 3; i++ {
		if due := dueAt(addDays(day, i), d.hour, d.minute, d.loc); due.After(t) {
			return due
		}
	}
	return time.Time{} // unreachable: the day after tomorrow is always later
}

// noRepeat wraps a cron spec schedule so that a wall-clock time repeated by
// the autumn change fires only at its first occurrence. (A time inside the
// spring gap is still skipped by robfig/cron; for digests that loses
// nothing: the next digest covers the range.)
type noRepeat struct {
	inner cron.Schedule
	loc   *time.Location
}

// Next returns the inner schedule's next time after t that is not the second
// occurrence of a repeated local time.
func (n noRepeat) Next(t time.Time) time.Time {
	next := n.inner.Next(t)
	for i := 0; i < 1000 && !next.IsZero(); i++ {
		if _, repeated := firstOccurrence(next.In(n.loc)); !repeated {
			return next
		}
		next = n.inner.Next(next)
	}
	return next
}
