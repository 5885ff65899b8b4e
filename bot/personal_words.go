package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers written otherwise than in digits. Before the personal-data
// checks look at a text, its folded copy (see foldForScan) is respelled:
// a run of three or more number words ("ni en to tre fire fem seks sju",
// "nine one two ...", "nittien tjuetre førtifem") becomes its digits, and
// a capital I, a lower-case l or a capital O typed for a digit inside a
// number ("9I2 34 567", "O1O19O", "9o2") becomes 1 or 0. Runs of fewer number
// words ("en to tre ganger") and words without digits are left alone.

// minNumberWords is how many number words in a row make a number.
const minNumberWords = 3

// numberWords maps number words in bokmål, nynorsk and English to their digits.
var numberWords = buildNumberWords()

func buildNumberWords() map[string]string {
	m := map[string]string{}
	units := map[string]string{"null": "0", "en": "1", "én": "1", "ein": "1", "eitt": "1", "ett": "1", "to": "2",
		"tre": "3", "fire": "4", "fem": "5", "seks": "6", "sju": "7", "syv": "7", "åtte": "8", "ni": "9",
		"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
		"seven": "7", "eight": "8", "nine": "9"}
	teens := map[string]string{"ti": "10", "elleve": "11", "tolv": "12", "tretten": "13", "fjorten": "14",
		"femten": "15", "seksten": "16", "sytten": "17", "atten": "18", "nitten": "19", "ten": "10",
		"eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
		"seventeen": "17", "eighteen": "18", "nineteen": "19"}
	tens := map[string]string{"tjue": "2", "tyve": "2", "tretti": "3", "tredve": "3", "førti": "4", "femti": "5",
		"seksti": "6", "sytti": "7", "søtti": "7", "åtti": "8", "nitti": "9", "twenty": "2", "thirty": "3",
		"forty": "4", "fifty": "5", "sixty": "6", "seventy": "7", "eighty": "8", "ninety": "9"}
	for w, d := range units {
		m[w] = d
	}
	for w, d := range teens {
		m[w] = d
	}
	for w, t := range tens {
		m[w] = t + "0"
		for u, d := range units {
			if d != "0" && len(u) > 2 || u == "en" || u == "to" || u == "ni" {
				m[w+u] = t + d // nittien, tjuetre, førtifem (ninety-one is two words)
			}
		}
	}
	return m
}

// respell returns folded text t with numbers in words and letters typed
// for digits written as digits (see above).
func respell(t string) string {
	if !hasLetterDigit(t) && !maybeNumberWords(t) {
		return t
	}
	return numbersFromWords(lettersAsDigits(t))
}

// maybeNumberWords is a cheap test: t has room for minNumberWords words
// (separated by spaces, commas or dashes).
func maybeNumberWords(t string) bool {
	n := 0
	for i := 0; i < len(t) && n < minNumberWords-1; i++ {
		if t[i] == ' ' || t[i] == '-' || t[i] == ',' {
			n++
		}
	}
	return n >= minNumberWords-1
}

// hasLetterDigit reports whether an I, l or O touches an ASCII digit.
func hasLetterDigit(t string) bool {
	for i := 0; i+1 < len(t); i++ {
		a, b := t[i], t[i+1]
		if isASCIIDigit(a) && isLookAlike(b) || isLookAlike(a) && isASCIIDigit(b) {
			return true
		}
	}
	return false
}

func isLookAlike(c byte) bool { return c == 'I' || c == 'l' || c == 'O' || c == 'o' }

// lettersAsDigits rewrites I and l as 1 and O and o as 0 in tokens made
// of digits and those letters only, with at least one digit ("9I2",
// "6o"). A token so rewritten counts only where it completes a number
// the checks refuse; "O2" alone is no phone number.
func lettersAsDigits(t string) string {
	b := []byte(t)
	for i := 0; i < len(b); {
		if !isASCIIDigit(b[i]) && !isLookAlike(b[i]) {
			i++
			continue
		}
		j, digits := i, 0
		for j < len(b) && (isASCIIDigit(b[j]) || isLookAlike(b[j])) {
			if isASCIIDigit(b[j]) {
				digits++
			}
			j++
		}
		standsAlone := (i == 0 || !isLetterAt(t, i, true)) && (j == len(b) || !isLetterAt(t, j, false))
		if digits >= 1 && standsAlone {
			for k := i; k < j; k++ {
				switch b[k] {
				case 'I', 'l':
					b[k] = '1'
				case 'O', 'o':
					b[k] = '0'
				}
			}
		}
		i = j
	}
	return string(b)
}

// isLetterAt reports whether the rune before (before=true) or at byte i is a letter.
func isLetterAt(t string, i int, before bool) bool {
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(t[:i])
	} else {
		r, _ = utf8.DecodeRuneInString(t[i:])
	}
	return unicode.IsLetter(r)
}

// numbersFromWords replaces each run of minNumberWords or more number
// words, separated by spaces, commas or dashes, by their digits.
func numbersFromWords(t string) string {
	type word struct {
		start, end int
		digits     string
	}
	var out strings.Builder
	var run []word
	last := 0
	flush := func() {
		if len(run) >= minNumberWords {
			out.WriteString(t[last:run[0].start])
			for k, w := range run {
				if k+1 < len(run) && len(w.digits) == 2 && w.digits[1] == '0' && len(run[k+1].digits) == 1 && run[k+1].digits != "0" {
					out.WriteByte(w.digits[0]) // "ninety one": 91
					continue
				}
				out.WriteString(w.digits)
			}
			last = run[len(run)-1].end
		}
		run = run[:0]
	}
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(t) {
			r, size := utf8.DecodeRuneInString(t[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		d, ok := numberWords[strings.ToLower(t[i:j])]
		if ok && len(run) > 0 && strings.Trim(t[run[len(run)-1].end:i], " ,-") != "" {
			flush()
		}
		if ok {
			run = append(run, word{i, j, d})
		} else {
			flush()
		}
		i = j
	}
	flush()
	if last == 0 {
		return t
	}
	out.WriteString(t[last:])
	return out.String()
}
