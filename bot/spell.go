package bot

import "unicode/utf8"

// Spelling: a word one letter off a word of the locale word lists ("slet",
// "privcy", "englsh", "sumbit") is read as that word. The index holds every
// list word and each of its one-letter deletions (a symmetric-delete index),
// so a lookup costs a few map reads and no edit-distance loops.

// minSpellLen is the shortest word that is corrected.
const minSpellLen = 4

// addSpelling indexes word w.
func (v *vocab) addSpelling(w string) {
	if utf8.RuneCountInString(w) < minSpellLen {
		return
	}
	v.known[w] = true
	add := func(k string) {
		for _, have := range v.spell[k] {
			if have == w {
				return
			}
		}
		v.spell[k] = append(v.spell[k], w)
	}
	add(w)
	for i := range w {
		_, size := utf8.DecodeRuneInString(w[i:])
		add(w[:i] + w[i+size:])
	}
}

// correct returns the list word t is one letter off, or t itself when t is
// a list word, too short, or equally near several words. A letter too many
// is tried first, then a letter left out, then (in words of five letters or
// more) a wrong or swapped letter. It allocates only for a word it corrects.
func (v *vocab) correct(t string) (string, bool) {
	n := utf8.RuneCountInString(t)
	if n < minSpellLen || v.known[t] {
		return t, false
	}
	var extra, missing, wrong pick
	var arr [64]byte
	buf := arr[:0]
	for i := range t {
		_, size := utf8.DecodeRuneInString(t[i:])
		buf = append(append(buf[:0], t[:i]...), t[i+size:]...)
		if v.known[string(buf)] {
			extra.add(string(buf)) // "slettt" -> slett
		}
		if n > minSpellLen { // "lost" is no typo of "list"
			for _, w := range v.spell[string(buf)] {
				wrong.add(w) // "sumbit" -> submit
			}
		}
	}
	for _, w := range v.spell[t] {
		if utf8.RuneCountInString(w) == n+1 {
			missing.add(w) // "slet" -> slett
		}
	}
	for _, p := range []pick{extra, missing, wrong} {
		if p.n == 1 {
			return p.w, true
		}
		if p.n > 1 {
			return t, false
		}
	}
	return t, false
}

// pick counts the distinct candidate words seen.
type pick struct {
	w string
	n int
}

func (p *pick) add(w string) {
	if p.n == 0 || (p.w != w && p.n == 1) {
		if p.n == 1 {
			p.n = 2
			return
		}
		p.w, p.n = w, 1
	}
}

// corrected returns toks with misspelt list words corrected, and whether
// any word changed. Words real reports as real are left alone.
func (v *vocab) corrected(toks []string, real func(string) bool) ([]string, bool) {
	var out []string
	for i, t := range toks {
		if utf8.RuneCountInString(t) < minSpellLen || v.known[t] || real(t) {
			continue
		}
		c, ok := v.correct(t)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]string(nil), toks...)
		}
		out[i] = c
	}
	return out, out != nil
}
