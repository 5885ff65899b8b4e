package insight

import (
	"strings"

	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// Compound parts shorter than this are not looked up on their own ("is" in
// "isbane" would match anything).
const minPart = 3

// vocabulary is a set of keyed words (see nlu.Key) with what each means,
// and the same words by first letter for typo lookups.
type vocabulary[V any] struct {
	words   map[string]V
	byFirst map[byte][]string
}

func newVocabulary[V any]() *vocabulary[V] {
	return &vocabulary[V]{words: map[string]V{}, byFirst: map[byte][]string{}}
}

// put adds key with value v (merged by the caller through get).
func (v *vocabulary[V]) put(key string, val V) {
	if _, ok := v.words[key]; !ok && key != "" {
		v.byFirst[key[0]] = append(v.byFirst[key[0]], key)
	}
	v.words[key] = val
}

// lookup finds what the folded word w means: the word itself (stemmed),
// else the parts of a compound (head and tail both looked up, a linking
// "s" or "e" dropped), else the nearest word within the understanding
// step's typo tolerance (unless known says w is a real word of its own).
// It calls found for every key met and reports whether there was any.
func (v *vocabulary[V]) lookup(w string, known func(string) bool, found func(key string, val V)) bool {
	if val, ok := v.words[nlu.Stem(w)]; ok {
		found(nlu.Stem(w), val)
		return true
	}
	if val, ok := v.words[w]; ok {
		found(w, val)
		return true
	}
	if v.split(w, found) {
		return true
	}
	return !known(w) && v.typo(nlu.Stem(w), found)
}

// split reads w as a compound of two known words ("ladestasjoner",
// "plastavfall", "strømforbruket"), a linking "s" or "e" dropped; failing
// that, as a known head before an unknown tail ("kulturhusets") or an
// unknown head before a known tail of four letters or more ("ishall").
func (v *vocabulary[V]) split(w string, found func(string, V)) bool {
	for pass := range 2 {
		for i := len(w) - minPart; i >= minPart-1; i-- {
			if v.splitAt(w, i, pass == 1, found) {
				return true
			}
		}
	}
	return false
}

// splitAt tries w split before byte i; loose accepts one unknown part.
func (v *vocabulary[V]) splitAt(w string, i int, loose bool, found func(string, V)) bool {
	head, tail := w[:i], w[i:]
	hv, hok := v.words[head]
	if !hok && len(head) > minPart+1 && (head[len(head)-1] == 's' || head[len(head)-1] == 'e') {
		head = head[:len(head)-1]
		hv, hok = v.words[head]
	}
	hok = hok && len(head) >= minPart
	tk := nlu.Stem(tail)
	tv, tok := v.words[tk]
	if !tok {
		tk = tail
		tv, tok = v.words[tk]
	}
	tok = tok && len(tail) >= minPart
	switch {
	case hok && tok:
		found(head, hv)
		found(tk, tv)
		return true
	case !loose:
		return false
	case hok && len(head) >= 4 && len(tail) >= 4:
		found(head, hv)
		return true
	case tok && len(tk) >= 4:
		found(tk, tv)
		return true
	}
	return false
}

// typo finds the known word nearest to w within nlu.MaxEdits, starting
// with the same two letters (typos rarely hit the first ones), one edit
// below eleven letters: a theme vocabulary is small, and a real word one
// letter from a theme word is likelier than a typo two letters off.
func (v *vocabulary[V]) typo(w string, found func(string, V)) bool {
	limit := min(nlu.MaxEdits(len(w)), 1)
	if len(w) > 10 {
		limit = nlu.MaxEdits(len(w))
	}
	if limit == 0 {
		return false
	}
	best, bestD := "", limit+1
	for _, k := range v.byFirst[w[0]] {
		if d := len(k) - len(w); d > limit || -d > limit || len(k) < 5 || k[1] != w[1] {
			continue
		}
		if d := nlu.Distance(w, k, bestD-1); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return false
	}
	found(best, v.words[best])
	return true
}

// words returns the content words of text, folded (see nlu.Fold): the
// understanding step's normalisation without its stop words.
func words(text string, stop map[string]bool) []string {
	toks := nlu.Tokens(text)
	out := toks[:0]
	for _, t := range toks {
		if stop[t] || len(t) < 2 || isNumber(t) {
			continue
		}
		f := nlu.Fold(t)
		if stop[f] {
			continue
		}
		out = append(out, f)
	}
	return out
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stopSet returns the stop words, normalised and folded.
func stopSet() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(stopWords, "|") {
		for _, t := range nlu.Tokens(w) {
			m[t] = true
			m[nlu.Fold(t)] = true
		}
	}
	return m
}
