// Package nlu is temaplanbot's question matcher: a small, fast, rule- and
// lexicon-based classifier that turns a resident's chat message (bokmål,
// nynorsk or English, typos and chat style included) into a bot.Understanding:
// an intent, the plan the message is about and the reply language.
//
// It needs no model files. New builds an index from the plan catalogue
// (names, short names and aliases in every language) and the package's own
// keyword lexicons; Understand then normalises the text, folds spelling
// variants (æ/ae, ø/o, å/aa), strips Norwegian and English inflections,
// splits Norwegian compounds, tolerates typos (bounded Damerau-Levenshtein
// against the lexicon only) and scores the intents with a few explicit
// rules. It depends on the standard library and package bot only.
package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns s lower-cased, with accents folded and punctuation,
// symbols and emoji turned into single spaces, so that words are separated by
// exactly one space with none at either end. Norwegian letters æ, ø and å are
// kept (a decomposed "a" + ring above becomes å; ä and ö become æ and ø, the
// way Swedish and German keyboards write them); other accented Latin letters
// lose their accent (é -> e). Apostrophes are dropped without a space, so
// "what's" becomes "whats". Normalize is idempotent and never fails.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	lastA := false // the last rune written was 'a' (for a + combining ring)
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r == '\u030a' && lastA: // combining ring above: a -> å
			str := b.String()
			b.Reset()
			b.WriteString(str[:len(str)-1])
			b.WriteRune('å')
			lastA = false
			continue
		case unicode.Is(unicode.Mn, r) || isApostrophe(r) || r == '\u00ad' || r == '\u200b' || r == '\u200d':
			continue // combining marks, apostrophes, soft hyphens, zero-width joiners
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingSpace && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pendingSpace = false
			if f, ok := foldLetter(r); ok {
				b.WriteString(f)
				lastA = strings.HasSuffix(f, "a")
			} else {
				b.WriteRune(r)
				lastA = r == 'a'
			}
		default:
			pendingSpace = true
			lastA = false
		}
	}
	return b.String()
}

// Tokens returns the words of Normalize(s).
func Tokens(s string) []string {
	return strings.Fields(Normalize(s))
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '´', '`', 'ʼ':
		return true
	}
	return false
}

// foldLetter maps accented Latin letters to their plain form; æ, ø and å
// stay. It reports false for letters it leaves alone.
func foldLetter(r rune) (string, bool) {
	if r < 0xc0 {
		return "", false
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ā':
		return "a", true
	case 'ä':
		return "æ", true
	case 'ö', 'ő':
		return "ø", true
	case 'ç', 'č':
		return "c", true
	case 'è', 'é', 'ê', 'ë', 'ē', 'ę':
		return "e", true
	case 'ì', 'í', 'î', 'ï':
		return "i", true
	case 'ñ', 'ń':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ō':
		return "o", true
	case 'ù', 'ú', 'û', 'ü', 'ū':
		return "u", true
	case 'ý', 'ÿ':
		return "y", true
	case 'ß':
		return "ss", true
	case 'œ':
		return "oe", true
	case 'š':
		return "s", true
	case 'ž':
		return "z", true
	case 'ł':
		return "l", true
	}
	return "", false
}

// fold turns a normalised word into its matching key: æ -> ae, ø -> o,
// å -> a, after "aa" -> "a" and "oe" -> "o" (old and keyboard-less
// spellings of å and ø); runs of three or more equal letters collapse to one
// ("heeei" -> "hei"). Both the lexicon and the messages go through fold, so
// "næring" and "naering" meet, and "naring" is one edit away.
func fold(w string) string {
	if isPlain(w) {
		return w
	}
	m := make([]byte, 0, len(w)+2)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if n := len(m); n > 0 && ((c == 'a' && m[n-1] == 'a') || (c == 'e' && m[n-1] == 'o')) {
			continue // "aa" -> "a", "oe" -> "o", before æøå are mapped
		}
		m = append(m, c)
	}
	w = string(m)
	m = m[:0]
	for _, r := range w {
		switch r {
		case 'æ':
			m = append(m, 'a', 'e')
		case 'ø':
			m = append(m, 'o')
		case 'å':
			m = append(m, 'a')
		default:
			m = utf8.AppendRune(m, r)
		}
	}
	out := m[:0]
	for i := 0; i < len(m); {
		j := i
		for j < len(m) && m[j] == m[i] {
			j++
		}
		if j-i >= 3 {
			out = append(out, m[i])
		} else {
			out = append(out, m[i:j]...)
		}
		i = j
	}
	return string(out)
}

// isPlain reports whether fold(w) == w: w is ASCII with no "aa", "oe" or
// run of three equal letters.
func isPlain(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if i+1 < len(w) && ((c == 'a' && w[i+1] == 'a') || (c == 'o' && w[i+1] == 'e')) {
			return false
		}
		if i+2 < len(w) && c == w[i+1] && c == w[i+2] {
			return false
		}
	}
	return true
}
