package insight

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/chart"
)

// Chart limits.
const (
	maxWeeks = 12   // the latest weeks shown
	maxAlt   = 1000 // characters of alt text (Discord allows 1,024)
)

// weekly is a count per series (plan or theme) per ISO week.
type weekly struct {
	weeks  []string // "2026-W48", oldest first
	labels []string // what each week is called on the chart ("uke 48")
	series []chart.Series
}

// Chart draws the input in subs per plan per week, or per theme per week
// when it is all to one plan with written themes, as a PNG attachment whose
// alt text and fallback carry the numbers. ok is false when subs is empty
// or the chart cannot be drawn (the caller then posts without it).
func (t *Tagger) Chart(loc bot.Localizer, cat *bot.Catalog, subs []bot.Submission, lang bot.Lang, zone *time.Location) (bot.Attachment, bool) {
	if len(subs) == 0 {
		return bot.Attachment{}, false
	}
	text := func(id string, data map[string]any) string { return loc.Text(lang, id, data) }
	plan := onePlan(subs)
	key := func(s bot.Submission) string { return planShort(cat, s.Plan, lang) }
	title := text("insight.chart.title", nil)
	if themes := t.Themes(plan); plan != "" && len(themes) > 0 {
		names := map[string]string{"": text("insight.rest", nil)}
		for _, th := range themes {
			names[th.Key] = upperFirst(th.Name.In(lang))
		}
		key = func(s bot.Submission) string {
			tags := t.TagsOf(s)
			if len(tags) == 0 {
				return names[""]
			}
			return names[tags[0]]
		}
		title = text("insight.chart.plan_title", map[string]any{"Plan": upperFirst(planShort(cat, plan, lang))})
	}
	w := count(subs, key, zone, func(week int) string {
		return text("insight.chart.week", map[string]any{"Week": week})
	}, text("insight.rest", nil))
	png, err := chart.Bars{Title: title, Groups: w.labels, Series: w.series}.PNG()
	if err != nil {
		return bot.Attachment{}, false
	}
	numbers := w.numbers(text)
	return bot.Attachment{Name: text("insight.chart.file", nil), Type: "image/png", Data: png,
		Alt:      clipRunes(text("insight.chart.alt", map[string]any{"Numbers": numbers}), maxAlt),
		Fallback: text("insight.chart.fallback", map[string]any{"Numbers": numbers})}, true
}

// onePlan is the plan all of subs are to, or "".
func onePlan(subs []bot.Submission) string {
	for _, s := range subs[1:] {
		if s.Plan != subs[0].Plan {
			return ""
		}
	}
	return subs[0].Plan
}

// count tallies subs by key per ISO week (in zone), the latest maxWeeks
// weeks, the largest series first; beyond chart.MaxSeries the smallest
// are folded into one called rest.
func count(subs []bot.Submission, key func(bot.Submission) string, zone *time.Location, label func(int) string, rest string) weekly {
	var w weekly
	byKey := map[string]map[string]int{}
	totals := map[string]int{}
	weekNo := map[string]int{}
	for _, s := range subs {
		y, n := s.Created.In(zone).ISOWeek()
		wk := fmt.Sprintf("%04d-W%02d", y, n)
		weekNo[wk] = n
		k := key(s)
		if byKey[k] == nil {
			byKey[k] = map[string]int{}
		}
		byKey[k][wk]++
		totals[k]++
	}
	for wk := range weekNo {
		w.weeks = append(w.weeks, wk)
	}
	slices.Sort(w.weeks)
	w.weeks = w.weeks[max(0, len(w.weeks)-maxWeeks):]
	for _, wk := range w.weeks {
		w.labels = append(w.labels, label(weekNo[wk]))
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(totals[b], totals[a]), cmp.Compare(a, b)) })
	for i, k := range keys {
		if i == chart.MaxSeries-1 && len(keys) > chart.MaxSeries {
			w.series = append(w.series, w.fold(rest, keys[i:], byKey))
			break
		}
		w.series = append(w.series, w.fold(k, []string{k}, byKey))
	}
	return w
}

// fold sums the keys' counts into one series called name.
func (w weekly) fold(name string, keys []string, byKey map[string]map[string]int) chart.Series {
	s := chart.Series{Name: name, Values: make([]int, len(w.weeks))}
	for i, wk := range w.weeks {
		for _, k := range keys {
			s.Values[i] += byKey[k][wk]
		}
	}
	return s
}

// numbers says the chart in words: each series with its count per week.
func (w weekly) numbers(text func(string, map[string]any) string) string {
	parts := make([]string, len(w.series))
	for i, s := range w.series {
		counts := make([]string, len(s.Values))
		for j, v := range s.Values {
			counts[j] = fmt.Sprintf("%s: %d", w.labels[j], v)
		}
		parts[i] = text("insight.chart.series", map[string]any{"Name": s.Name, "Counts": strings.Join(counts, ", ")})
	}
	return strings.Join(parts, "; ")
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
