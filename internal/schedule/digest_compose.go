package schedule

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/insight"
)

// Digest layout: one post per channel and run, a summary rather than the
// input itself (the full text is one `temaplanbot export` away).
const (
	excerptLen  = 140 // characters of a submission's text shown in a digest
	maxExcerpts = 8   // recent inputs quoted, newest first, one plan at a time
	maxFlagged  = 3   // flagged inputs quoted under "needs attention"
	maxNotes    = 5   // unsent reminders listed
	// postMargin is kept free in the post for what adapters add when
	// rendering sections (bold titles, Slack's escaping of & < >).
	postMargin = 120
)

const timeLayout = "2006-01-02 15:04"

// composeDigest lays out one channel's digest as a single post within the
// platform's limit: what came in and from when to when, counts per plan,
// what needs attention (flagged and hidden input), unsent reminders, a few
// recent excerpts, and the export command that gets all of it. When the
// post would be too long, excerpts go first, then listed lines, each
// section saying how many it left out.
func (s *Scheduler) composeDigest(r *run, w window, in digestInput) []bot.Reply {
	lang := langOr(w.sub.Lang)
	p := newPost(s.maxLen(w.sub.Target.Platform) - postMargin)
	head := p.fixed(s.text(lang, "schedule.digest.title", nil), s.summary(lang, w, in))
	tail := p.fixed(s.text(lang, "schedule.digest.export.title", nil), s.exportHint(lang, w, in))
	// Filled in priority order, shown in reading order.
	plans := p.fill(s.text(lang, "schedule.digest.plans", nil), s.planLines(lang, r.cat, in.perPlan), "\n",
		func(n int) string { return s.text(lang, "schedule.digest.more_plans", map[string]any{"Count": n}) })
	attention := p.fill(s.text(lang, "schedule.digest.attention", nil), s.attentionLines(lang, r.cat, in), "\n",
		func(n int) string { return s.text(lang, "schedule.digest.more", map[string]any{"Count": n}) })
	notes := p.fill(s.text(lang, "schedule.digest.reminders", map[string]any{"Count": len(r.notes)}),
		s.noteLines(lang, r.cat, r.notes), "\n",
		func(n int) string { return s.text(lang, "schedule.digest.more", map[string]any{"Count": n}) })
	recent := p.fill(s.text(lang, "schedule.digest.recent", nil), s.excerptLines(lang, r.cat, in.shown), "\n", nil)
	secs := slices.DeleteFunc([]*bot.Section{head, attention, plans, recent, notes, tail},
		func(sec *bot.Section) bool { return sec == nil })
	out := make([]bot.Section, len(secs))
	for i, sec := range secs {
		out[i] = *sec
	}
	replies := []bot.Reply{{Lang: lang, Sections: out, Text: sectionsText(out)}}
	if s.cfg.Insight != nil { // what residents said: a second post, with the chart
		if said, ok := s.cfg.Insight.DigestReply(in.shown, in.total, w.from, w.until, lang, s.maxLen(w.sub.Target.Platform)-postMargin); ok {
			replies = append(replies, said)
		}
	}
	return replies
}

// summary says how much came in, and from when to when.
func (s *Scheduler) summary(lang bot.Lang, w window, in digestInput) string {
	data := map[string]any{
		"Count": in.total,
		"From":  w.from.In(s.cfg.Location).Format(timeLayout),
		"Until": w.until.In(s.cfg.Location).Format(timeLayout),
	}
	id := "schedule.digest.summary.other"
	switch in.total {
	case 0:
		id = "schedule.digest.summary.none"
	case 1:
		id = "schedule.digest.summary.one"
	}
	return s.text(lang, id, data)
}

// exportHint tells how to get every input of the window with its full text.
func (s *Scheduler) exportHint(lang bot.Lang, w window, in digestInput) string {
	statuses := "new,archived"
	if in.hidden > 0 {
		statuses += ",hidden"
	}
	return s.text(lang, "schedule.digest.export.body", map[string]any{
		"Since": w.from.In(s.cfg.Location).Format(time.DateOnly), "Statuses": statuses,
	})
}

// planLines lists the input per plan, most first.
func (s *Scheduler) planLines(lang bot.Lang, cat *bot.Catalog, counts map[string]int) []string {
	type total struct {
		id, name string
		n        int
	}
	totals := make([]total, 0, len(counts))
	for plan, n := range counts {
		totals = append(totals, total{id: plan, name: s.planShort(lang, cat, plan), n: n})
	}
	slices.SortFunc(totals, func(a, b total) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.name, b.name)) })
	lines := make([]string, len(totals))
	for i, t := range totals {
		lines[i] = "- " + s.text(lang, "schedule.digest.total", map[string]any{"Plan": t.name, "Count": t.n, "ID": t.id})
	}
	return lines
}

// attentionLines lists flagged input (quoted, newest first) and counts
// hidden input.
func (s *Scheduler) attentionLines(lang bot.Lang, cat *bot.Catalog, in digestInput) []string {
	var lines []string
	if in.flagged > 0 {
		lines = append(lines, s.text(lang, "schedule.digest.flagged", map[string]any{"Count": in.flagged}))
	}
	for _, sub := range in.flaggedNewest {
		lines = append(lines, s.entry(lang, cat, sub))
	}
	if in.flagged > len(in.flaggedNewest) {
		lines = append(lines, s.text(lang, "schedule.digest.more", map[string]any{"Count": in.flagged - len(in.flaggedNewest)}))
	}
	if in.hidden > 0 {
		lines = append(lines, s.text(lang, "schedule.digest.hidden", map[string]any{"Count": in.hidden}))
	}
	return lines
}

// excerptLines quotes recent unflagged input, newest first, taking the
// newest of each plan before a second of any.
func (s *Scheduler) excerptLines(lang bot.Lang, cat *bot.Catalog, subs []bot.Submission) []string {
	var picked []bot.Submission
	used := map[string]bool{}
	for pass := 0; pass < 2 && len(picked) < maxExcerpts; pass++ {
		for i := len(subs) - 1; i >= 0 && len(picked) < maxExcerpts; i-- {
			sub := subs[i]
			if len(sub.Flags) > 0 || used[sub.Ref] || (pass == 0 && slices.ContainsFunc(picked, func(p bot.Submission) bool { return p.Plan == sub.Plan })) {
				continue
			}
			used[sub.Ref] = true
			picked = append(picked, sub)
		}
	}
	slices.SortFunc(picked, func(a, b bot.Submission) int {
		return cmp.Or(b.Created.Compare(a.Created), strings.Compare(a.Ref, b.Ref))
	})
	lines := make([]string, len(picked))
	for i, sub := range picked {
		lines[i] = s.entry(lang, cat, sub)
	}
	return lines
}

// noteLines describes the reminders that were not posted.
func (s *Scheduler) noteLines(lang bot.Lang, cat *bot.Catalog, notes []bot.Announcement) []string {
	var lines []string
	for i, a := range notes {
		if i == maxNotes {
			lines = append(lines, s.text(lang, "schedule.digest.more", map[string]any{"Count": len(notes) - maxNotes}))
			break
		}
		lines = append(lines, s.noteLine(lang, cat, a))
	}
	return lines
}

// entry is one submission: reference, plan, time, flags, status, and the
// start of its text.
func (s *Scheduler) entry(lang bot.Lang, cat *bot.Catalog, sub bot.Submission) string {
	parts := []string{s.planShort(lang, cat, sub.Plan), sub.Created.In(s.cfg.Location).Format(timeLayout)}
	if sub.Platform != "" && sub.Platform != bot.PlatformSlack && sub.Platform != bot.PlatformDiscord {
		parts = append(parts, s.known(lang, "schedule.source.", sub.Platform))
	}
	if len(sub.Flags) > 0 {
		flags := make([]string, len(sub.Flags))
		for i, f := range sub.Flags {
			flags[i] = s.known(lang, "schedule.flag.", f)
		}
		parts = append(parts, s.text(lang, "schedule.digest.flags", map[string]any{"Flags": strings.Join(flags, ", ")}))
	}
	if sub.Status == bot.SubmissionArchived {
		parts = append(parts, s.text(lang, "schedule.digest.archived", map[string]any{"Case": sub.CaseNumber}))
	}
	return sub.Ref + " (" + strings.Join(parts, ", ") + ")\n" +
		s.text(lang, "schedule.digest.quote", map[string]any{"Text": excerpt(sub.Text, excerptLen)})
}

// noteLine describes a reminder that was not posted and why.
func (s *Scheduler) noteLine(lang bot.Lang, cat *bot.Catalog, a bot.Announcement) string {
	what := s.text(lang, "schedule.digest.reminder.start", nil)
	if a.Milestone != MilestoneStart {
		what = a.Milestone
		if p, ok := cat.Plan(a.Plan); ok {
			for _, m := range p.Milestones {
				if m.ID == a.Milestone && m.Name.In(lang) != "" {
					what = m.Name.In(lang)
				}
			}
		}
	}
	if n := leadOf(a.ID); n > 0 {
		what = s.text(lang, "schedule.digest.reminder.lead", map[string]any{"What": what, "Days": n})
	}
	data := map[string]any{
		"Plan": s.planLabel(lang, cat, a.Plan), "What": what, "Date": s.formatDate(lang, a.Date),
		"Platform": a.Target.Platform, "Channel": a.Target.Channel,
	}
	return "- " + s.text(lang, "schedule.digest.reminder."+a.State, data)
}

// planLabel is the plan's name in lang, or the id of a plan no longer in
// the catalogue.
func (s *Scheduler) planLabel(lang bot.Lang, cat *bot.Catalog, id string) string {
	if p, ok := cat.Plan(id); ok {
		return planName(p, lang)
	}
	return id
}

// planShort is the plan's short name in lang (its name when it has none),
// or the id of a plan no longer in the catalogue.
func (s *Scheduler) planShort(lang bot.Lang, cat *bot.Catalog, id string) string {
	if p, ok := cat.Plan(id); ok && p.Short.In(lang) != "" {
		return p.Short.In(lang)
	}
	return s.planLabel(lang, cat, id)
}

// known localizes prefix+key, or returns key when there is no such message.
func (s *Scheduler) known(lang bot.Lang, prefix, key string) string {
	if key == "" {
		return "-"
	}
	if t := s.text(lang, prefix+key, nil); t != prefix+key {
		return t
	}
	return key
}

// excerpt is text on one line, cut to about n characters at a word, with
// mentions defused (see insight.Excerpt).
func excerpt(text string, n int) string { return insight.Excerpt(text, n) }
