package bot

import (
	"strings"
	"unicode"
)

// maxSignOffWords is how many words may follow a sign-off: a name and a
// role ("Mvh Kari", "Helsing Harald, pensjonist").
const maxSignOffWords = 4

// stripCourtesy returns text without a leading salutation ("God dag.",
// "Hello,", "Kjære kommune.") and a trailing sign-off with the name after
// it ("Mvh Kari", "Regards, Helen"), when something else is left: "Hei!"
// and "Takk!" alone stay as they are. What is asked is in between, and the
// name after a sign-off is personal data that must not be stored with an
// input. The words are the locale lists word.salutation, word.signoff and
// word.signoff.thanks (a thank-you counts only alone or before a name:
// "Best om vinteren" is part of what is said).
func (in *interpreter) stripCourtesy(text string) string {
	t := strings.TrimSpace(text)
	if cut := in.signOffStart(t); cut > 0 {
		t = strings.TrimSpace(t[:cut])
	}
	if start := in.afterSalutation(t); start > 0 && start < len(t) {
		t = strings.TrimSpace(t[start:])
	}
	if t == "" {
		return text
	}
	return t
}

// signOffStart returns where a trailing sign-off begins (just after the
// sentence end or comma before it), or 0.
func (in *interpreter) signOffStart(t string) int {
	end := len(t)
	for range 3 { // "...? Regards, Helen": the last boundaries
		cut := strings.LastIndexAny(t[:end], ".!?,\n")
		if cut <= 0 {
			return 0
		}
		if in.isSignOff(strings.TrimSpace(t[cut+1:])) {
			return cut + 1
		}
		end = cut
	}
	return 0
}

// isSignOff reports whether tail is a sign-off with at most a name and a
// role after it, or a thank-you alone or before a name.
func (in *interpreter) isSignOff(tail string) bool {
	if tail == "" || strings.Contains(tail, "?") {
		return false
	}
	toks := words(tail)
	if len(toks) == 0 {
		return false
	}
	if n := in.v.leading(wordSignOff, toks); n > 0 {
		return len(toks)-n <= maxSignOffWords
	}
	if n := in.v.leading(wordSignOffThanks, toks); n > 0 {
		return nameLike(strings.FieldsFunc(tail, notWordRune)[n:])
	}
	return false
}

// afterSalutation returns where the text after a leading salutation of at
// most three words ending in punctuation begins, or 0.
func (in *interpreter) afterSalutation(t string) int {
	i := strings.IndexAny(t, ".!,\n")
	if i <= 0 {
		return 0
	}
	toks := words(t[:i])
	if n := in.v.leading(wordSalutation, toks); n == 0 || len(toks)-n > 2 { // "Kjære kommune."
		return 0
	}
	return i + 1
}

// nameLike reports whether ws are at most three capitalised words ("Ian",
// "Kari Nordmann").
func nameLike(ws []string) bool {
	if len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if r := []rune(w); !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
