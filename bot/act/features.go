package act

import (
	"strings"
	"unicode"
)

// Normalize lower-cases text, keeps letters and digits (æøå included) and
// turns everything else into single spaces; digits runs become "0".
func Normalize(text string) string {
	var b strings.Builder
	space := true
	digit := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsDigit(r):
			if !digit {
				if !space {
					b.WriteByte(' ')
				}
				b.WriteByte('0')
			}
			digit, space = true, false
		case unicode.IsLetter(r) || r == '\'':
			if digit {
				b.WriteByte(' ')
			}
			if r != '\'' {
				b.WriteRune(r)
			}
			digit, space = false, false
		default:
			if !space {
				b.WriteByte(' ')
			}
			digit, space = false, true
		}
	}
	return strings.TrimSpace(b.String())
}

// Features are the model's inputs for text: words (and "<plan>" for any
// word with "plan" in it), word pairs, the first and last word, character
// 3-grams of every word, the punctuation that matters (question mark,
// colon) and a length bucket.
func Features(text string) []string {
	var fs []string
	walk(text, func(k key) { fs = append(fs, k.String()) })
	return fs
}

// key is one feature, the concatenation of its parts, so that reading a
// turn hashes the parts without building strings.
type key struct{ p, a, b, c string }

func (k key) String() string { return k.p + k.a + k.b + k.c }

// hash is FNV-1a over the feature's bytes; hashString gives the same for
// the whole string.
func (k key) hash() uint64 {
	h := uint64(fnvOffset)
	for _, s := range [4]string{k.p, k.a, k.b, k.c} {
		h = fnvAdd(h, s)
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 { return fnvAdd(fnvOffset, s) }

// walk calls fn with every feature of text (see Features).
func walk(text string, fn func(key)) {
	toks := strings.Fields(Normalize(text))
	for i, t := range toks {
		fn(key{p: "w:", a: t})
		if strings.Contains(t, "plan") { // any plan's name: the act, not which plan
			fn(key{p: "w:", a: "<plan>"})
		}
		if i > 0 {
			fn(key{p: "b:", a: toks[i-1], b: "_", c: t})
		}
		trigrams(t, fn)
	}
	if len(toks) > 0 {
		fn(key{p: "f:", a: toks[0]})
		fn(key{p: "l:", a: toks[len(toks)-1]})
		if len(toks) > 1 {
			fn(key{p: "f2:", a: toks[0], b: "_", c: toks[1]})
		}
	}
	if strings.ContainsAny(text, "?？") {
		fn(key{p: "p:?"})
	}
	if strings.Contains(text, ":") {
		fn(key{p: "p::"})
	}
	fn(key{p: "n:", a: lengthBucket(len(toks))})
}

// trigrams calls fn with the character 3-grams of "<" + t + ">".
func trigrams(t string, fn func(key)) {
	var buf [48]int
	offs := buf[:0] // byte offset of every rune of t, then len(t)
	for i := range t {
		offs = append(offs, i)
	}
	n := len(offs)
	offs = append(offs, len(t))
	for j := 0; j < n; j++ { // runes j-1, j, j+1 of t; -1 is "<", n is ">"
		pre, post := "", ""
		lo, hi := j-1, j+1
		if lo < 0 {
			pre, lo = "<", 0
		}
		if hi >= n {
			post, hi = ">", n-1
		}
		fn(key{p: "c:", a: pre, b: t[offs[lo]:offs[hi+1]], c: post})
	}
}

func lengthBucket(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n == 2:
		return "2"
	case n <= 4:
		return "3-4"
	case n <= 8:
		return "5-8"
	case n <= 15:
		return "9-15"
	}
	return "16+"
}
