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
// (-1 for none). Each topic is the word most unassigned docs share
// (ties: the first in sort order), among words in at most half the docs.
func discover(docs []docTerms) ([]topic, []int) {
	kt := internKeys(docs)
	assigned := make([]int, len(docs))
	for i := range assigned {
		assigned[i] = -1
	}
	limit := max(len(docs)/2, minTopicSize)
	cover := make([]int, len(kt.names))
	var topics []topic
	for len(topics) < maxTopics {
		clear(cover)
		for i, ks := range kt.ids {
			if assigned[i] >= 0 {
				continue
			}
			for _, k := range ks {
				if kt.df[k] <= limit {
					cover[k]++
				}
			}
		}
		best, bestN := -1, minTopicSize-1
		for k, n := range cover {
			if n > bestN || (n == bestN && best >= 0 && kt.names[k] < kt.names[best]) {
				best, bestN = k, n
			}
		}
		if best < 0 {
			break
		}
		tp := topic{key: kt.names[best]}
		for i, ks := range kt.ids {
			if assigned[i] < 0 && slices.Contains(ks, int32(best)) {
				assigned[i] = len(topics)
				tp.docs = append(tp.docs, i)
			}
		}
		tp.name = topicName(tp, docs, &kt)
		topics = append(topics, tp)
	}
	return topics, assigned
}

// keyTable numbers the keys of docs, so that counting them over and over
// costs an array index rather than a string hash.
type keyTable struct {
	ids     [][]int32        // per doc, its keys' numbers
	names   []string         // per number, the key
	df      []int            // per number, the docs with the key
	surface []map[string]int // per number, the words seen for the key
	num     map[string]int32 // per key, its number
}

// forms returns the words seen for key and how often.
func (kt *keyTable) forms(key string) map[string]int { return kt.surface[kt.num[key]] }

// internKeys numbers the keys of docs in the order met.
func internKeys(docs []docTerms) keyTable {
	kt := keyTable{ids: make([][]int32, len(docs)), num: map[string]int32{}}
	total := 0
	for _, d := range docs {
		total += len(d.keys)
	}
	flat := make([]int32, 0, total)
	for i, d := range docs {
		at := len(flat)
		for j, k := range d.keys {
			n, ok := kt.num[k]
			if !ok {
				n = int32(len(kt.names))
				kt.num[k] = n
				kt.names, kt.df = append(kt.names, k), append(kt.df, 0)
				kt.surface = append(kt.surface, map[string]int{})
			}
			kt.df[n]++
			kt.surface[n][d.surface[j]]++
			flat = append(flat, n)
		}
		kt.ids[i] = flat[at:len(flat):len(flat)]
	}
	return kt
}

// topicName is the topic's word (its most used form) and, when most of its
// inputs share one, a second word.
func topicName(tp topic, docs []docTerms, kt *keyTable) string {
	name := mostUsed(kt.forms(tp.key))
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
		name += ", " + mostUsed(kt.forms(keys[0]))
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
