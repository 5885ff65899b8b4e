package nlu

import (
	"sort"
	"strings"
)

// NearestPlans returns up to limit plan ids whose names or aliases are
// closest to text, best first (for "did you mean" and autocomplete). The
// last word may be unfinished ("kli" finds klima); words may have typos.
// Empty text lists the plans in catalogue order; text that resembles no
// plan returns nil, as does limit <= 0.
func (m *Matcher) NearestPlans(text string, limit int) []string {
	if limit <= 0 || len(m.ids) == 0 {
		return nil
	}
	toks := strings.Fields(Normalize(text))
	if len(toks) == 0 {
		return append([]string(nil), m.ids[:min(limit, len(m.ids))]...)
	}
	var a analysis
	a.scores = make([]float32, len(m.ids))
	m.analyse(text, &a)
	last := fold(toks[len(toks)-1])
	if len(last) >= 2 {
		m.prefixScores(last, a.scores)
	}
	if len(last) >= 4 && !anyAbove(a.scores, 0) {
		m.looseScores(last, a.scores) // nothing closer found: a garbled word
	}
	order := make([]int, 0, len(m.ids))
	for i, s := range a.scores {
		if s > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return a.scores[order[x]] > a.scores[order[y]] })
	out := make([]string, 0, min(limit, len(order)))
	for _, i := range order[:min(limit, len(order))] {
		out = append(out, m.ids[i])
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// prefixScores credits the plans with a word that starts with the
// unfinished word p (at most once per plan).
func (m *Matcher) prefixScores(p string, scores []float32) {
	for i, keys := range m.planKeys {
		for _, k := range keys {
			if strings.HasPrefix(k, p) {
				scores[i] += 0.3 + 0.2*float32(len(p))/float32(len(k))
				break
			}
		}
	}
}

// looseScores credits plans with a word within a third of w's length in
// edits, for "did you mean" on words too garbled for Understand.
func (m *Matcher) looseScores(w string, scores []float32) {
	limit := max(1, len(w)/3)
	for i, keys := range m.planKeys {
		best := limit + 1
		for _, k := range keys {
			if d := distance(w, k, limit); d < best {
				best = d
			}
		}
		if best <= limit {
			scores[i] += 0.2 / float32(1+best)
		}
	}
}

func anyAbove(scores []float32, v float32) bool {
	for _, s := range scores {
		if s > v {
			return true
		}
	}
	return false
}

// Knows reports whether word (one word, any case) is a word the matcher
// knows: in its lexicon, a plan's names, or its lists of ordinary words.
// Callers use it to leave real words alone when correcting spelling.
func (m *Matcher) Knows(word string) bool {
	f := fold(strings.ToLower(word))
	if _, ok := m.surface[f]; ok {
		return true
	}
	_, ok := m.words[f]
	return ok
}
