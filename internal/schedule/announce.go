package schedule

import (
	"strconv"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// announcement composes a reminder in the channel's language: what is
// happening and when, what the plan is for, its themes where known, and how
// to give input. Sections carry the parts; Text reads well on its own.
func (s *Scheduler) announcement(c candidate, now time.Time) bot.Reply {
	lang := langOr(c.sub.Lang)
	today := bot.DateOf(now.In(s.cfg.Location))
	data := map[string]any{
		"Plan": planName(c.plan, lang),
		"Date": s.formatDate(lang, c.date),
	}
	var headline string
	switch {
	case c.milestone == MilestoneStart && c.date == today:
		headline = s.text(lang, "schedule.reminder.start.today", data)
	case c.milestone == MilestoneStart:
		headline = s.text(lang, "schedule.reminder.start.past", data)
	default:
		data["Milestone"] = c.name.In(lang)
		if data["Milestone"] == "" {
			data["Milestone"] = c.milestone
		}
		headline = s.milestoneHeadline(lang, c.date, today, data)
	}

	purpose := c.plan.Purpose.In(lang)
	if purpose == "" {
		purpose = s.text(lang, "schedule.reminder.purpose.unknown", nil)
	}
	sections := []bot.Section{
		{Title: headline},
		{Title: s.text(lang, "schedule.reminder.purpose.title", nil), Body: purpose},
	}
	if themes := c.plan.Themes.In(lang); len(themes) > 0 {
		sections = append(sections, bot.Section{
			Title: s.text(lang, "schedule.reminder.themes.title", nil),
			Body:  strings.Join(themes, ", ") + ".",
		})
	}
	how := []string{s.text(lang, "schedule.reminder.input.body", map[string]any{"ID": c.plan.ID})}
	if c.plan.CaseNumber != "" {
		how = append(how, s.text(lang, "schedule.reminder.case", map[string]any{"Case": c.plan.CaseNumber}))
	}
	if c.plan.URL != "" {
		how = append(how, s.text(lang, "schedule.reminder.more", map[string]any{"URL": c.plan.URL}))
	}
	sections = append(sections, bot.Section{
		Title: s.text(lang, "schedule.reminder.input.title", nil),
		Body:  strings.Join(how, "\n"),
	})
	r := bot.Reply{Lang: lang, Plan: c.plan.ID, Sections: sections, Text: sectionsText(sections)}
	if c.milestone == MilestoneStart {
		r.Intent = bot.IntentPlanStart
	}
	return r
}

// milestoneHeadline says a milestone is today, was on a past day (a late
// catch-up), or is tomorrow or in n days (a lead reminder).
func (s *Scheduler) milestoneHeadline(lang bot.Lang, date, today bot.Date, data map[string]any) string {
	days := daysBetween(today, date)
	data["Days"] = days
	switch {
	case days == 0:
		return s.text(lang, "schedule.reminder.milestone.today", data)
	case days < 0:
		return s.text(lang, "schedule.reminder.milestone.past", data)
	case days == 1:
		return s.text(lang, "schedule.reminder.milestone.tomorrow", data)
	default:
		return s.text(lang, "schedule.reminder.milestone.soon", data)
	}
}

// daysBetween returns the number of days from a to b.
func daysBetween(a, b bot.Date) int {
	ta := time.Date(a.Year, a.Month, a.Day, 12, 0, 0, 0, time.UTC)
	tb := time.Date(b.Year, b.Month, b.Day, 12, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours()) / 24 // both at noon UTC: whole days
}

// planName is the plan's official name in lang, or its id.
func planName(p bot.Plan, lang bot.Lang) string {
	if n := p.Name.In(lang); n != "" {
		return n
	}
	return p.ID
}

// formatDate writes d the way lang does ("2. mars 2026", "2 March 2026").
func (s *Scheduler) formatDate(lang bot.Lang, d bot.Date) string {
	return s.text(lang, "schedule.date", map[string]any{
		"Day":   d.Day,
		"Month": s.text(lang, "schedule.month."+strconv.Itoa(int(d.Month)), nil),
		"Year":  d.Year,
	})
}

// sectionsText is the plain-text form of sections: each title on its own
// line above its body, sections separated by a blank line.
func sectionsText(sections []bot.Section) string {
	var b strings.Builder
	for i, sec := range sections {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(sec.Title)
		if sec.Title != "" && sec.Body != "" {
			b.WriteString("\n")
		}
		b.WriteString(sec.Body)
	}
	return b.String()
}
