package schedule

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// Digest layout limits.
const (
	excerptLen = 200 // characters of a submission's text shown in a digest
	// packMargin is kept free in every post for the part label ("(del 2 av
	// 3)") and for what adapters add when rendering sections (bold titles).
	packMargin = 80
)

const timeLayout = "2006-01-02 15:04"

// block is a titled group of entries that may be split over several posts.
type block struct {
	title, cont string // title, and title when continued in a later post
	sep         string // between entries
	entries     []string
}

// composeDigest lays out one channel's digest: summary and totals per plan,
// flagged submissions, the others, unsent reminders, and how to export the
// full text; split into posts that fit the platform's limit.
func (s *Scheduler) composeDigest(r *run, w window, input []bot.Submission) []bot.Reply {
	lang := langOr(w.sub.Lang)
	blocks := []block{s.summaryBlock(lang, r.cat, w, input)}
	var flagged, plain []bot.Submission
	for _, sub := range input {
		if len(sub.Flags) > 0 {
			flagged = append(flagged, sub)
		} else {
			plain = append(plain, sub)
		}
	}
	if len(flagged) > 0 {
		blocks = append(blocks, s.entryBlock(lang, r.cat, "schedule.digest.flagged", flagged))
	}
	if len(plain) > 0 {
		blocks = append(blocks, s.entryBlock(lang, r.cat, "schedule.digest.new", plain))
	}
	if len(r.notes) > 0 {
		b := s.titled(lang, "schedule.digest.reminders", len(r.notes))
		b.sep = "\n"
		for _, a := range r.notes {
			b.entries = append(b.entries, s.noteLine(lang, r.cat, a))
		}
		blocks = append(blocks, b)
	}
	blocks = append(blocks, block{
		title: s.text(lang, "schedule.digest.export.title", nil),
		entries: []string{s.text(lang, "schedule.digest.export.body", map[string]any{
			"Since": w.from.In(s.cfg.Location).Format(time.DateOnly),
		})},
	})
	posts := pack(blocks, s.maxLen(w.sub.Target.Platform)-packMargin)
	replies := make([]bot.Reply, len(posts))
	for i, secs := range posts {
		if len(posts) > 1 {
			secs[0].Title += " " + s.text(lang, "schedule.digest.part", map[string]any{"N": i + 1, "Total": len(posts)})
		}
		replies[i] = bot.Reply{Lang: lang, Sections: secs, Text: sectionsText(secs)}
	}
	return replies
}

// titled is an empty block titled by id (and id.cont when continued).
func (s *Scheduler) titled(lang bot.Lang, id string, count int) block {
	data := map[string]any{"Count": count}
	return block{title: s.text(lang, id, data), cont: s.text(lang, id+".cont", data)}
}

func (s *Scheduler) summaryBlock(lang bot.Lang, cat *bot.Catalog, w window, input []bot.Submission) block {
	data := map[string]any{
		"Count": len(input),
		"From":  w.from.In(s.cfg.Location).Format(timeLayout),
		"Until": w.until.In(s.cfg.Location).Format(timeLayout),
	}
	id := "schedule.digest.summary.other"
	switch len(input) {
	case 0:
		id = "schedule.digest.summary.none"
	case 1:
		id = "schedule.digest.summary.one"
	}
	b := block{title: s.text(lang, "schedule.digest.title", nil), cont: s.text(lang, "schedule.digest.title.cont", nil),
		sep: "\n", entries: []string{s.text(lang, id, data)}}
	type total struct {
		name string
		n    int
	}
	counts := map[string]int{}
	for _, sub := range input {
		counts[sub.Plan]++
	}
	var totals []total
	for plan, n := range counts {
		totals = append(totals, total{name: s.planLabel(lang, cat, plan), n: n})
	}
	slices.SortFunc(totals, func(a, b total) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.name, b.name)) })
	for _, t := range totals {
		b.entries = append(b.entries, s.text(lang, "schedule.digest.total", map[string]any{"Plan": t.name, "Count": t.n}))
	}
	return b
}

func (s *Scheduler) entryBlock(lang bot.Lang, cat *bot.Catalog, id string, subs []bot.Submission) block {
	b := s.titled(lang, id, len(subs))
	b.sep = "\n\n"
	for _, sub := range subs {
		b.entries = append(b.entries, s.entry(lang, cat, sub))
	}
	return b
}

// entry is one submission: reference, plan, time, language, flags, status,
// and the start of its text.
func (s *Scheduler) entry(lang bot.Lang, cat *bot.Catalog, sub bot.Submission) string {
	parts := []string{s.planLabel(lang, cat, sub.Plan), sub.Created.In(s.cfg.Location).Format(timeLayout),
		s.known(lang, "schedule.lang.", string(sub.Lang))}
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
// mentions defused: a resident's "@everyone" or Slack "<!channel>" must not
// notify the staff channel (defence in depth: adapters disable mentions).
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	text = strings.NewReplacer("@", "@\u200b", "<", "<\u200b").Replace(text)
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := len(r)
	if i := lastSpace(r); i > n*3/4 {
		cut = i
	}
	return strings.TrimRight(string(r[:cut]), " .,;:") + "…"
}

func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}
