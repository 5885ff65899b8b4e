package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a resident's input text, counted in characters (runes).
const (
	MinInputRunes = 8
	MaxInputRunes = 4000
)

// Input problems, reported by CheckInput. Each has a localized message
// "input.problem.<name>".
const (
	ProblemEmpty      = "empty"
	ProblemShort      = "short"
	ProblemLong       = "long"
	ProblemBinary     = "binary"
	ProblemNationalID = "nationalid"
	ProblemPhone      = "phone"
	ProblemEmail      = "email"
)

// InputCheck is the result of checking a resident's input text.
type InputCheck struct {
	Text     string   // cleaned text (control and invisible characters stripped)
	Problems []string // Problem* values; empty when the text may be stored
	Flags    []string // Flag* values for staff (the text may still be stored)
	Runes    int      // length of Text in characters
}

// OK reports whether the text may be stored.
func (c InputCheck) OK() bool { return len(c.Problems) == 0 }

// CheckInput cleans raw input text and reports what stops it from being
// stored: empty, too short, too long, unreadable (binary), or containing a
// Norwegian national identity number, a phone number or an e-mail address.
func CheckInput(raw string) InputCheck {
	if !utf8.ValidString(raw) {
		return InputCheck{Problems: []string{ProblemBinary}}
	}
	text, _ := CleanText(raw)
	c := InputCheck{Text: text, Runes: utf8.RuneCountInString(text)}
	switch {
	case looksBinary(raw):
		c.Problems = append(c.Problems, ProblemBinary)
		return c
	case strings.TrimSpace(text) == "":
		c.Problems = append(c.Problems, ProblemEmpty)
		return c
	case c.Runes < MinInputRunes:
		c.Problems = append(c.Problems, ProblemShort)
	case c.Runes > MaxInputRunes:
		c.Problems = append(c.Problems, ProblemLong)
	}
	folded := foldForScan(text)
	if hasNationalID(folded) {
		c.Problems = append(c.Problems, ProblemNationalID)
	}
	if hasPhoneNumber(folded) {
		c.Problems = append(c.Problems, ProblemPhone)
	}
	if hasEmail(folded) {
		c.Problems = append(c.Problems, ProblemEmail)
	}
	if HasProfanity(text) {
		c.Flags = append(c.Flags, FlagProfanity)
	}
	return c
}

// looksBinary reports whether s holds NUL bytes or many C0 control
// characters (other than tab and line breaks): a file or garbage, not text.
func looksBinary(s string) bool {
	controls, total := 0, 0
	for _, r := range s {
		total++
		if r == 0 {
			return true
		}
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' {
			controls++
		}
	}
	return controls > 3 && controls*10 > total
}

// CleanText removes control characters (except newline and tab) and
// invisible formatting characters (zero-width spaces, bidi controls, soft
// hyphens), normalises line breaks and trims surrounding space. It returns
// the cleaned text and how many characters were removed.
func CleanText(s string) (string, int) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	removed := 0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			removed++
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String()), removed
}

// profanity holds word stems that flag a submission for staff (it is still
// stored: rudeness is not a reason to lose a resident's point).
var profanity = []string{
	"faen", "fanden", "fy faen", "jævl", "javl", "helvete", "satan", "dritt", "føkk", "fokk",
	"kuk", "fitte", "hore", "pikk", "ræva", "rævhøl", "fuck", "shit", "bitch", "asshole",
	"bastard", "cunt", "wanker",
}

// HasProfanity reports whether s contains a word starting with one of the
// profanity stems.
func HasProfanity(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != ' '
	})
	for _, chunk := range words {
		for _, w := range strings.Fields(chunk) {
			for _, p := range profanity {
				if strings.HasPrefix(w, p) {
					return true
				}
			}
		}
	}
	return false
}
