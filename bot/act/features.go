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
// word with "plan" in it), word pairs, the first and last word, character 3-grams of every word, the punctuation that
// matters (question mark, colon) and a length bucket.
func Features(text string) []string {
	toks := strings.Fields(Normalize(text))
	fs := make([]string, 0, 8*len(toks)+6)
	for i, t := range toks {
		fs = append(fs, "w:"+t)
		if strings.Contains(t, "plan") { // any plan's name: the act, not which plan
			fs = append(fs, "w:<plan>")
		}
		if i > 0 {
			fs = append(fs, "b:"+toks[i-1]+"_"+t)
		}
		r := []rune("<" + t + ">")
		for j := 0; j+3 <= len(r); j++ {
			fs = append(fs, "c:"+string(r[j:j+3]))
		}
	}
	if len(toks) > 0 {
		fs = append(fs, "f:"+toks[0], "l:"+toks[len(toks)-1])
		if len(toks) > 1 {
			fs = append(fs, "f2:"+toks[0]+"_"+toks[1])
		}
	}
	if strings.ContainsAny(text, "?？") {
		fs = append(fs, "p:?")
	}
	if strings.Contains(text, ":") {
		fs = append(fs, "p::")
	}
	fs = append(fs, "n:"+lengthBucket(len(toks)))
	return fs
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
