package bot

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Insights is what the engine needs to tell staff what residents are
// saying (internal/insight implements it): the themes of an input when it
// is stored, and a summary of a plan's input over a period.
type Insights interface {
	// Tag returns the themes of plan that text is about (best first) and
	// the version of the catalogue themes they come from.
	Tag(plan, text string) (themes []string, version string)
	// Summary sums up what residents said to plan in (from, until] as
	// sections whose plain text stays within budget characters, in lang.
	// It returns an error wrapping ErrUnavailable when the store cannot be
	// read.
	Summary(ctx context.Context, plan string, from, until time.Time, lang Lang, budget int) ([]Section, error)
}

// SectionsText is the plain text of sections as replies carry it: titles
// on their own lines, a blank line between sections.
func SectionsText(secs []Section) string { return joinSections(secs) }

// tagThemes sets s's themes when the engine has Insights.
func (e *Engine) tagThemes(s *Submission) {
	if e.cfg.Insights != nil {
		s.Themes, s.ThemesVersion = e.cfg.Insights.Tag(s.Plan, s.Text)
	}
}

// Word classes of the staff summary question (locale "word.<class>").
const (
	wordSummaryAsk  = "insight.ask"  // "hva sier folk om", "what are people saying about"
	wordPeriodLast  = "period.last"  // "siste", "last"
	wordPeriodThis  = "period.this"  // "denne", "this"
	wordPeriodSince = "period.since" // "siden", "since"
	wordPeriodDay   = "period.day"
	wordPeriodWeek  = "period.week"
	wordPeriodMonth = "period.month"
)

// defaultSummaryDays is the period of a summary question that names none.
const defaultSummaryDays = 30

// staffSummary reads a staff member's "hva sier folk om klimaplanen siste
// uke?" as a summary question; every other message keeps m. Residents'
// words are never read so.
func (in *interpreter) staffSummary(msg Message, m Meaning) Meaning {
	if !msg.Staff || msg.Action != nil {
		return m
	}
	toks := words(m.Raw)
	n := in.v.leading(wordSummaryAsk, toks)
	if n == 0 {
		return m
	}
	rest := strings.Join(toks[n:], " ")
	plan := in.idx.resolve(rest, nil)
	if plan == "" {
		plan = m.Plan
	}
	return Meaning{Intent: IntentStaffSummary, Plan: plan, Args: rest, Lang: m.Lang, LangSure: m.LangSure,
		Raw: m.Raw, Words: m.Words, Command: m.Command}
}

// summaryCommand answers a staff summary question with the plan's top
// themes, counts and typical texts over the period asked for.
func (e *Engine) summaryCommand(ctx context.Context, t *turn, m Meaning) Reply {
	switch {
	case !t.m.Staff:
		return e.privateSimple(t, "", "staff.refused", nil)
	case e.cfg.Insights == nil:
		return e.privateSimple(t, "", "summary.unavailable", nil)
	case m.Plan == "":
		return e.privateSimple(t, "", "summary.usage", nil)
	}
	now := e.cfg.Now()
	from := e.ans.interp().period(words(m.Args), now.In(e.ans.cfg.Location))
	secs, err := e.cfg.Insights.Summary(e.storeCtx(ctx), m.Plan, from, now, t.lang, summaryBudget(t.m.Platform))
	if err != nil {
		e.storeErr("submissions", err) // the summary reads the period's submissions
		return e.privateSimple(t, "", "error.unavailable", nil)
	}
	e.log.Info("staff summary", "platform", t.m.Platform, "plan", m.Plan, "from", from)
	return Reply{Lang: t.lang, Intent: IntentStaffSummary, Plan: m.Plan, Sections: secs, Text: joinSections(secs), Private: true}
}

// summaryBudget is how long a summary may be on platform: one Discord
// message (2,000 characters) or the web's and terminal's screenful; Slack
// shows each section as a block of up to 3,000 and a message of up to
// 40,000, so it gets room for every theme.
func summaryBudget(platform string) int {
	if platform == PlatformSlack {
		return 12000
	}
	return 1900
}

// period reads the start of the period a summary question asks about:
// "siste 14 dager" / "last 14 days", "siste uke" / "last week", "denne
// måneden" / "this month", "siden 2026-11-01" / "since 1.11.2026" (toks
// are split at the date's separators). Without
// one it is the last 30 days. now carries the time zone.
func (in *interpreter) period(toks []string, now time.Time) time.Time {
	for i, tok := range toks {
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k]
			}
			return ""
		}
		if _, ok := in.v.has(wordPeriodSince, tok); ok {
			if d, ok := parseDay(toks[i+1:]); ok {
				return d.At(0, 0, now.Location())
			}
		}
		if _, ok := in.v.has(wordPeriodLast, tok); ok {
			count, unit := 1, next(1)
			if n, err := strconv.Atoi(unit); err == nil && n > 0 {
				count, unit = n, next(2)
			}
			if from, ok := in.back(now, count, unit); ok {
				return from
			}
		}
		if _, ok := in.v.has(wordPeriodThis, tok); ok {
			if from, ok := in.startOf(now, next(1)); ok {
				return from
			}
		}
		if n, err := strconv.Atoi(tok); err == nil && n > 0 { // "14 dager", "30 days"
			if from, ok := in.back(now, n, next(1)); ok {
				return from
			}
		}
	}
	return now.AddDate(0, 0, -defaultSummaryDays)
}

// back is now minus count units (day, week, month words).
func (in *interpreter) back(now time.Time, count int, unit string) (time.Time, bool) {
	switch {
	case in.isWord(wordPeriodDay, unit):
		return now.AddDate(0, 0, -count), true
	case in.isWord(wordPeriodWeek, unit):
		return now.AddDate(0, 0, -7*count), true
	case in.isWord(wordPeriodMonth, unit):
		return now.AddDate(0, -count, 0), true
	}
	return time.Time{}, false
}

// startOf is the start of the day, week (Monday) or month now is in.
func (in *interpreter) startOf(now time.Time, unit string) (time.Time, bool) {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch {
	case in.isWord(wordPeriodDay, unit):
		return day, true
	case in.isWord(wordPeriodWeek, unit):
		return day.AddDate(0, 0, -(int(day.Weekday())+6)%7), true
	case in.isWord(wordPeriodMonth, unit):
		return day.AddDate(0, 0, 1-day.Day()), true
	}
	return time.Time{}, false
}

func (in *interpreter) isWord(class, w string) bool {
	_, ok := in.v.has(class, w)
	return ok && w != ""
}

// parseDay reads a day split into tokens at its separators: YYYY-MM-DD
// ("2026", "11", "01") or D.M.YYYY ("1", "11", "2026").
func parseDay(toks []string) (Date, bool) {
	if len(toks) < 3 {
		return Date{}, false
	}
	y, m, d := toks[0], toks[1], toks[2]
	if len(toks[0]) != 4 {
		y, d = toks[2], toks[0]
	}
	day, err := ParseDate(y + "-" + pad2(m) + "-" + pad2(d))
	return day, err == nil
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
