package insight

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Summary sizes and the wave rule.
const (
	maxExamples = 2 // typical texts quoted per theme
	maxDups     = 3 // largest near-duplicate groups listed
	// A wave is at least waveMin near-identical inputs from at least
	// waveAuthors residents within waveSpan.
	waveMin     = 5
	waveAuthors = 3
	waveSpan    = 24 * time.Hour
)

// Summary is what residents said to one plan in a period.
type Summary struct {
	Plan   string
	Inputs int // inputs read
	Points int // distinct points: near-duplicates count once
	// Discovered is true when the plan has no written themes and Themes
	// are topics found in the inputs.
	Discovered bool
	Themes     []ThemeCount // best first; an empty Key holds the points no theme fits
	Dups       []Point      // the largest groups of near-identical inputs (2+ senders)
	Waves      []Wave       // sudden waves of near-identical inputs
}

// ThemeCount is one theme (or discovered topic) with its points.
type ThemeCount struct {
	Key      string   // catalogue theme key, "topic:<word>" for a discovered topic, "" for the rest
	Name     bot.Text // the theme's text (a discovered topic's words in every language)
	Points   int
	Examples []Point // the most typical points, at most two
}

// Point is one input, or a group of near-identical inputs counted once.
type Point struct {
	Ref     string // the first input's reference
	Text    string // the first input's text
	Inputs  int    // inputs in the group
	Senders int    // distinct residents who sent them
	First   time.Time
	Last    time.Time
}

// Wave is a burst of near-identical inputs: staff may be looking at a
// campaign rather than many residents' own words.
type Wave struct {
	Point
	From, Until time.Time // the densest waveSpan of the burst
	Count       int       // inputs within it
}

// point is a Point while a summary is built.
type point struct {
	Point
	idx     []int           // indexes into subs
	norm    string          // Text normalised
	author  string          // the first input's sender
	authors map[string]bool // every sender, made at the second input
	tags    []string
	terms   docTerms
}

// Summarize sums up plan's submissions in subs (others are skipped; the
// caller leaves hidden ones out), oldest first or in any order.
func (t *Tagger) Summarize(plan string, subs []bot.Submission) Summary {
	s := Summary{Plan: plan}
	points := t.points(plan, subs, &s)
	if len(t.Themes(plan)) > 0 {
		s.Themes = t.themeCounts(plan, points)
	} else {
		s.Discovered = true
		s.Themes = topicCounts(points)
	}
	s.Dups, s.Waves = duplicates(subs, points)
	return s
}

// points groups plan's submissions into points, near-duplicates together.
// Normalising and signing the texts (and reading the first text of each
// point) runs on every core; grouping is one pass.
func (t *Tagger) points(plan string, subs []bot.Submission, s *Summary) []*point {
	var mine []int
	for i, sub := range subs {
		if sub.Plan == plan {
			mine = append(mine, i)
		}
	}
	s.Inputs = len(mine)
	norms := make([]string, len(mine))
	sigs := make([]Signature, len(mine))
	parallel(len(mine), func(n int) {
		norms[n] = dupText(subs[mine[n]].Text)
		sigs[n] = signNorm(norms[n])
	})
	groups := groupAll(norms, sigs)
	byGroup := make([]*point, len(mine)) // by the index of the group's first text
	var points []*point
	for n, i := range mine {
		sub := subs[i]
		root := groups[n]
		p := byGroup[root]
		if p == nil {
			p = &point{Point: Point{Ref: sub.Ref, Text: sub.Text, First: sub.Created, Last: sub.Created}, norm: norms[n]}
			byGroup[root] = p
			points = append(points, p)
		}
		p.add(i, sub)
	}
	s.Points = len(points)
	parallel(len(points), func(n int) {
		p := points[n]
		p.terms = t.termsNorm(p.norm)
		p.tags = t.TagsOf(subs[p.idx[0]])
	})
	return points
}

// add counts subs[i] (sub) in p.
func (p *point) add(i int, sub bot.Submission) {
	p.idx = append(p.idx, i)
	p.Inputs++
	p.First, p.Last = minTime(p.First, sub.Created), maxTime(p.Last, sub.Created)
	a := authorOf(sub)
	switch {
	case p.Inputs == 1:
		p.author, p.Senders = a, 1
	case p.authors == nil && a == p.author:
	default:
		if p.authors == nil {
			p.authors = map[string]bool{p.author: true}
		}
		p.authors[a] = true
		p.Senders = len(p.authors)
	}
}

// parallel runs f(0) ... f(n-1) on every core.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/1000, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// authorOf is who sent sub; an input without an author hash (imported)
// counts as its own sender.
func authorOf(sub bot.Submission) string {
	if sub.AuthorHash == "" {
		return "ref:" + sub.Ref
	}
	return sub.AuthorHash
}

// TagsOf returns sub's themes: the stored ones when they were computed
// from the current catalogue themes, else computed now.
func (t *Tagger) TagsOf(sub bot.Submission) []string {
	if sub.ThemesVersion == t.version {
		return sub.Themes
	}
	return t.Tag(sub.Plan, sub.Text)
}

// themeCounts counts points by their first theme, best first, and picks
// the most typical points of each.
func (t *Tagger) themeCounts(plan string, points []*point) []ThemeCount {
	themes := t.Themes(plan)
	byKey := map[string][]*point{}
	for _, p := range points {
		key := ""
		if len(p.tags) > 0 {
			key = p.tags[0]
		}
		byKey[key] = append(byKey[key], p)
	}
	var out []ThemeCount
	for _, th := range themes {
		if ps := byKey[th.Key]; len(ps) > 0 {
			out = append(out, ThemeCount{Key: th.Key, Name: th.Name, Points: len(ps), Examples: typical(ps)})
		}
	}
	return withRest(out, byKey[""])
}

// topicCounts groups points by discovered topics.
func topicCounts(points []*point) []ThemeCount {
	docs := make([]docTerms, len(points))
	for i, p := range points {
		docs[i] = p.terms
	}
	topics, assigned := discover(docs)
	out := make([]ThemeCount, len(topics))
	for i, tp := range topics {
		ps := make([]*point, len(tp.docs))
		for j, d := range tp.docs {
			ps[j] = points[d]
		}
		out[i] = ThemeCount{Key: "topic:" + tp.key, Name: bot.Text{bot.NB: tp.name, bot.EN: tp.name},
			Points: len(ps), Examples: typical(ps)}
	}
	var rest []*point
	for i, a := range assigned {
		if a < 0 {
			rest = append(rest, points[i])
		}
	}
	return withRest(out, rest)
}

// withRest sorts counts, most points first, and adds the points no theme
// fits last.
func withRest(out []ThemeCount, rest []*point) []ThemeCount {
	slices.SortStableFunc(out, func(a, b ThemeCount) int { return cmp.Compare(b.Points, a.Points) })
	if len(rest) > 0 {
		out = append(out, ThemeCount{Points: len(rest), Examples: typical(rest)})
	}
	return out
}

// typical picks the points whose words the others share most (ties: more
// senders, then older).
func typical(ps []*point) []Point {
	df := map[string]int{}
	for _, p := range ps {
		for _, k := range p.terms.keys {
			df[k]++
		}
	}
	score := make(map[*point]float64, len(ps))
	for _, p := range ps {
		if len(p.terms.keys) == 0 {
			continue
		}
		sum := 0
		for _, k := range p.terms.keys {
			sum += df[k]
		}
		score[p] = float64(sum) / float64(len(p.terms.keys)+2) // +2: a lone common word is not typical
	}
	order := slices.Clone(ps)
	slices.SortStableFunc(order, func(a, b *point) int {
		return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(b.Senders, a.Senders))
	})
	out := make([]Point, 0, maxExamples)
	for _, p := range order[:min(maxExamples, len(order))] {
		out = append(out, p.Point)
	}
	return out
}

// duplicates lists the largest groups of near-identical inputs and the
// waves among them.
func duplicates(subs []bot.Submission, points []*point) ([]Point, []Wave) {
	var dups []*point
	var waves []Wave
	for _, p := range points {
		if p.Senders < 2 {
			continue
		}
		dups = append(dups, p)
		if w, ok := wave(subs, p); ok {
			waves = append(waves, w)
		}
	}
	slices.SortStableFunc(dups, func(a, b *point) int { return cmp.Compare(b.Senders, a.Senders) })
	out := make([]Point, 0, maxDups)
	for _, p := range dups[:min(maxDups, len(dups))] {
		out = append(out, p.Point)
	}
	slices.SortStableFunc(waves, func(a, b Wave) int { return cmp.Compare(b.Count, a.Count) })
	return out, waves
}

// wave finds the densest waveSpan of p's inputs and reports it when it
// holds waveMin inputs from waveAuthors residents.
func wave(subs []bot.Submission, p *point) (Wave, bool) {
	if p.Inputs < waveMin || p.Senders < waveAuthors {
		return Wave{}, false
	}
	times := make([]time.Time, len(p.idx))
	for i, j := range p.idx {
		times[i] = subs[j].Created
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	best := Wave{Point: p.Point}
	lo := 0
	for hi := range times {
		for times[hi].Sub(times[lo]) > waveSpan {
			lo++
		}
		if n := hi - lo + 1; n > best.Count {
			best.Count, best.From, best.Until = n, times[lo], times[hi]
		}
	}
	authors := map[string]bool{}
	for _, j := range p.idx {
		if c := subs[j].Created; !c.Before(best.From) && !c.After(best.Until) {
			authors[authorOf(subs[j])] = true
		}
	}
	return best, best.Count >= waveMin && len(authors) >= waveAuthors
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
