package insight

import (
	"cmp"
	"slices"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// minPlanBudget is the least room a plan's summary gets in a digest; with
// less left, the remaining plans are left to the staff question in chat.
const minPlanBudget = 400

// DigestReply is what a staff digest adds for its period: what residents
// said to each plan (most input first, as many as fit within budget
// characters), with the chart of input per plan per week attached. subs
// are the period's input the digest read, total how many the period holds:
// when subs are only the newest of them, the post says so. ok is false
// when subs is empty.
func (s *Service) DigestReply(subs []bot.Submission, total int, from, until time.Time, lang bot.Lang, budget int) (bot.Reply, bool) {
	if len(subs) == 0 {
		return bot.Reply{}, false
	}
	var secs []bot.Section
	if total > len(subs) {
		note := s.loc.Text(lang, "insight.partial", map[string]any{"Shown": len(subs), "Total": total})
		secs = append(secs, bot.Section{Body: note})
		budget -= sectionLen("", note)
	}
	t := s.Tagger()
	cat := s.src.Catalog()
	counts := map[string]int{}
	for _, sub := range subs {
		counts[sub.Plan]++
	}
	plans := make([]string, 0, len(counts))
	for p := range counts {
		plans = append(plans, p)
	}
	slices.SortFunc(plans, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b)) })
	left := budget
	for _, p := range plans {
		if left < minPlanBudget {
			break
		}
		got := Render(s.loc, cat, t.Summarize(p, subs), Layout{Lang: lang, From: from, Until: until, Location: s.zone, Budget: left})
		for _, sec := range got {
			left -= sectionLen(sec.Title, sec.Body)
		}
		secs = append(secs, got...)
	}
	r := bot.Reply{Lang: lang, Intent: bot.IntentStaffSummary, Sections: secs, Text: bot.SectionsText(secs)}
	if a, ok := t.Chart(s.loc, cat, subs, lang, s.zone); ok {
		r.Attachments = []bot.Attachment{a}
	}
	return r, true
}
