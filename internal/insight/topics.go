package insight

import (
	"cmp"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// Topics for a plan without written themes are found in its inputs: each
// topic is a word many inputs share (keyed the way the understanding step
// keys words, so "parkering", "parkeringa" and "parking" meet), chosen
// greedily so each covers the most inputs not yet covered, and named by
// that word and the word that most often goes with it. Words used by more
// than half the inputs say nothing that tells them apart (the plan's own
// name, "skole" in a school plan) and are skipped.
const (
	maxTopics    = 8
	minTopicSize = 2
	// companionShare is how many of a topic's inputs must share a second
	// word for it to join the topic's name.
	companionShare = 0.4
)

// topic is one discovered topic: its key word and the inputs it covers.
type topic struct {
	key, name string
	docs      []int
}

// docTerms are the distinct keyed content words of one text, with the
// surface word seen for each.
type docTerms struct {
	keys    []string
	surface []string
}

func (t *Tagger) terms(text string) docTerms { return t.termsNorm(nlu.Normalize(text)) }

// termsNorm is terms for a text already normalised (nlu.Normalize).
func (t *Tagger) termsNorm(norm string) docTerms {
	var d docTerms
	for w := range strings.FieldsSeq(norm) {
		f := nlu.Fold(w)
		if t.stop[w] || t.stop[f] || isNumber(w) {
			continue
		}
		k := nlu.Stem(f)
		if len(k) < 3 || slices.Contains(d.keys, k) {
			continue
		}
		d.keys = append(d.keys, k)
		d.surface = append(d.surface, w)
	}
	return d
}

// discover finds topics among docs (the points of one plan). It returns
// the topics, largest first, and for each doc the topic it belongs to
// (-1 for none).
func discover(docs []docTerms) ([]topic, []int) {
	df := map[string]int{}
	surface := map[string]map[string]int{}
	for _, d := range docs {
		for i, k := range d.keys {
			df[k]++
			if surface[k] == nil {
				surface[k] = map[string]int{}
			}
			surface[k][d.surface[i]]++
		}
	}
	assigned := make([]int, len(docs))
	for i := range assigned {
		assigned[i] = -1
	}
	limit := max(len(docs)/2, minTopicSize)
	var topics []topic
	for len(topics) < maxTopics {
		cover := map[string]int{}
		for i, d := range docs {
			if assigned[i] >= 0 {
				continue
			}
			for _, k := range d.keys {
				if df[k] <= limit {
					cover[k]++
				}
			}
		}
		best, bestN := "", minTopicSize-1
		for k, n := range cover {
			if n > bestN || (n == bestN && k < best) {
				best, bestN = k, n
			}
		}
		if best == "" {
			break
		}
		tp := topic{key: best}
		for i, d := range docs {
			if assigned[i] < 0 && slices.Contains(d.keys, best) {
				assigned[i] = len(topics)
				tp.docs = append(tp.docs, i)
			}
		}
		tp.name = topicName(tp, docs, surface)
		topics = append(topics, tp)
	}
	return topics, assigned
}

// topicName is the topic's word (its most used form) and, when most of its
// inputs share one, a second word.
func topicName(tp topic, docs []docTerms, surface map[string]map[string]int) string {
	name := mostUsed(surface[tp.key])
	co := map[string]int{}
	for _, i := range tp.docs {
		for _, k := range docs[i].keys {
			if k != tp.key {
				co[k]++
			}
		}
	}
	keys := make([]string, 0, len(co))
	for k := range co {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(co[b], co[a]), cmp.Compare(a, b)) })
	if len(keys) > 0 && float64(co[keys[0]]) >= companionShare*float64(len(tp.docs)) && len(tp.docs) >= 2 {
		name += ", " + mostUsed(surface[keys[0]])
	}
	return name
}

func mostUsed(forms map[string]int) string {
	best, n := "", 0
	for f, c := range forms {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	return best
}
