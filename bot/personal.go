package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Personal data in a resident's text is found on a normalised copy: every
// Unicode decimal digit (full-width, Arabic-Indic, mathematical, ...) and
// superscript, subscript or circled digit becomes an ASCII digit; dashes,
// spaces, full stops and the at sign in their other forms (full-width,
// no-break, thin, small) become their ASCII forms. The checks then look at
// "chunks": digit runs joined by short gaps of spaces, dots or dashes.

// foldForScan returns s with digits, dashes, spaces, full stops, at signs
// and full-width ASCII mapped to ASCII (a small part of NFKC, stdlib only),
// combining marks removed, and numbers in words or with letters for
// digits respelled in digits (see respell).
func foldForScan(s string) string { return respell(foldChars(s)) }

// foldChars is foldForScan's mapping of characters.
func foldChars(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s // ASCII: nothing to fold
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case unicode.In(r, unicode.Mn, unicode.Me):
			// Combining marks and variation selectors go: "0️⃣" is a 0.
		default:
			b.WriteRune(foldRune(r))
		}
	}
	return b.String()
}

// foldRune maps one rune for foldForScan.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	if d, ok := digitValue(r); ok {
		return rune('0' + d)
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0
	case r == 0xFE6B: // small commercial at
		return '@'
	case r == 0xFE52 || r == 0x2024 || r == 0x3002 || r == 0xFF61 || r == 0xB7: // small, leader, ideographic, middle dot
		return '.'
	case r == 0x2010 || r == 0x2011 || r == 0x2012 || r == 0x2013 || r == 0x2014 || r == 0x2015 ||
		r == 0x2212 || r == 0xFE58 || r == 0xFE63 || r == 0x2043:
		return '-'
	case r == 0xFE62: // small plus
		return '+'
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		return ' '
	}
	return r
}

// compatDigits are digits outside category Nd that NFKC maps to ASCII
// digits: superscripts, subscripts, circled and parenthesised forms.
var compatDigits = map[rune]byte{
	'⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9,
	'₀': 0, '₁': 1, '₂': 2, '₃': 3, '₄': 4, '₅': 5, '₆': 6, '₇': 7, '₈': 8, '₉': 9,
	'⓪': 0, '①': 1, '②': 2, '③': 3, '④': 4, '⑤': 5, '⑥': 6, '⑦': 7, '⑧': 8, '⑨': 9,
	'⓿': 0, '❶': 1, '❷': 2, '❸': 3, '❹': 4, '❺': 5, '❻': 6, '❼': 7, '❽': 8, '❾': 9,
	'🄀': 0, '⒈': 1, '⒉': 2, '⒊': 3, '⒋': 4, '⒌': 5, '⒍': 6, '⒎': 7, '⒏': 8, '⒐': 9,
}

// digitValue returns the value of a decimal digit in any script. Unicode
// puts each script's digits zero to nine in a row of code points (category
// Nd), so the value is the distance from the start of the row, modulo ten.
func digitValue(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r - '0'), true
	}
	if d, ok := compatDigits[r]; ok {
		return d, true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	start := r
	for start > 0 && unicode.IsDigit(start-1) && r-start < 100 {
		start--
	}
	return byte((r - start) % 10), true
}

// digitRun is a maximal run of ASCII digits in folded text.
type digitRun struct {
	start, end int  // byte offsets in the folded text
	gap        byte // the separator before it within its chunk: ' ', '.', '-' or 0
}

// chunks returns the digit runs of folded text grouped into chunks: runs
// joined by a gap of at most three characters made of spaces, brackets
// and at most one '.', '-', '/' or '_' (so "010190-12480", "01 01 90 12480", "912 34 567",
// "20.00 - 22.00" and "20/11429" are one chunk each; "3,5" is two).
func chunks(t string) [][]digitRun {
	var out [][]digitRun
	var cur []digitRun
	for i := 0; i < len(t); {
		if !isASCIIDigit(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isASCIIDigit(t[j]) {
			j++
		}
		run := digitRun{start: i, end: j}
		if len(cur) > 0 {
			if g, ok := gapKind(t[cur[len(cur)-1].end:i]); ok {
				run.gap = g
			} else {
				out = append(out, cur)
				cur = nil
			}
		}
		cur = append(cur, run)
		i = j
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// gapKind reports whether gap joins two digit runs, and its kind: '.',
// '-', '/' or '_' when it holds one, else ' '.
func gapKind(gap string) (byte, bool) {
	if gap == "" || len(gap) > 3 {
		return 0, false
	}
	kind := byte(' ')
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; c {
		case ' ', '\t', '(', ')':
		case '.', '-', '/', '_':
			if kind != ' ' {
				return 0, false
			}
			kind = c
		default:
			return 0, false
		}
	}
	return kind, true
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsOf concatenates the digits of runs.
func digitsOf(t string, runs []digitRun) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(t[r.start:r.end])
	}
	return b.String()
}

// HasNationalID reports whether s contains a Norwegian national identity
// number (fødselsnummer), D-number (day + 40) or H-number (month + 40):
// 11 digits written in any digit form, together or split by spaces, dots
// or dashes in any grouping, with a possible birth date and two valid
// mod-11 check digits. Digits of a longer number do not count, but a number
// right after another one does.
func HasNationalID(s string) bool { return hasNationalID(foldForScan(s)) }

// hasNationalID is HasNationalID on folded text. The last five digits of
// a national identity number after the word for it ("født 12.03.85,
// personnr 12345") count as one.
func hasNationalID(t string) bool {
	if mayNameID(t) && hasDigitRun(t, 5) && idTail.MatchString(t) {
		return true
	}
	for _, ch := range chunks(t) {
		for i := range ch {
			n := 0
			for j := i; j < len(ch) && n < 11; j++ {
				n += ch[j].end - ch[j].start
				if n != 11 {
					continue
				}
				d := digitsOf(t, ch[i:j+1])
				if ValidNationalID(d) && (idWriting(ch[i:j+1]) || plausibleIDDate(d)) {
					return true
				}
			}
			if fullYearID(t, ch[i:]) {
				return true
			}
		}
	}
	return false
}

// idTail is the word for a national identity number (or its last part)
// followed, within two short words ("er", "mitt"), by five digits, or by
// all eleven (named as one, the check digits do not matter: "fnr
// 12034512345" is meant as one even when mistyped).
var idTail = regexp.MustCompile(`(?i)(?:(?:person|fødsels|fodsels)\s?-?n(?:umme)?r(?:et)?|\b(?:[pf]|pers)\.?\s?nr|\bfnr|\bpnr|` +
	`personal (?:id|number)|national id(?:entity)? number)[.:]?(?:\s*[=:,-]?\s*\pL{1,6}){0,2}[\s:=.,-]*(?:\d{6}[\s.-]?)?\d{5}(?:\D|$)`)

// fullYearID reports whether runs start with a birth date written with
// a four-digit year and the five digits after it (dd.mm.yyyy 12345) that
// make a valid national identity number with the year's last two digits.
func fullYearID(t string, runs []digitRun) bool {
	if len(runs) < 4 {
		return false
	}
	lens := [4]int{}
	for k := range 4 {
		lens[k] = runs[k].end - runs[k].start
	}
	if lens != [4]int{2, 2, 4, 5} {
		return false
	}
	d := digitsOf(t, runs[:4])
	return ValidNationalID(d[:4] + d[6:]) // drop the century
}

// mayNameID is a cheap test before idTail: t has "nr", "NR", "umme" or
// "UMME" (nummer), or " id" / " ID" (personal id).
func mayNameID(t string) bool {
	for _, w := range []string{"nr", "NR", "Nr", "umme", "UMME", " id", " ID"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// hasDigitRun reports whether t has n ASCII digits in a row: idTail
// cannot match without five (its \d is ASCII), and the test is far
// cheaper than the pattern, which texts with " id" in a word ("idrett",
// "idé") would otherwise run for every input.
func hasDigitRun(t string, n int) bool {
	run := 0
	for i := 0; i < len(t); i++ {
		if !isASCIIDigit(t[i]) {
			run = 0
			continue
		}
		if run++; run == n {
			return true
		}
	}
	return false
}

// idWriting reports whether runs are written the way identity numbers are
// (11 together, 6+5, 2+2+2+5): then the check digits alone decide, so a
// number without a birth date (FH-numbers, made-up test numbers) counts.
// Other groupings, which numbers back to back also produce, need a date.
func idWriting(runs []digitRun) bool {
	lens := make([]int, len(runs))
	for i, r := range runs {
		lens[i] = r.end - r.start
	}
	return slices.Equal(lens, []int{11}) || slices.Equal(lens, []int{6, 5}) || slices.Equal(lens, []int{2, 2, 2, 5})
}

// plausibleIDDate reports whether the first four of 11 digits can be the
// day and month of a national identity number: day 1-31 (D-number 41-71),
// month 1-12 (H-number 41-52; synthetic test numbers 81-92).
func plausibleIDDate(d string) bool {
	day := int(d[0]-'0')*10 + int(d[1]-'0')
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	if day > 40 {
		day -= 40
	}
	if month > 80 {
		month -= 80
	} else if month > 40 {
		month -= 40
	}
	return day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// ValidNationalID reports whether d (11 digits) has valid mod-11 check digits.
func ValidNationalID(d string) bool {
	if len(d) != 11 {
		return false
	}
	var n [11]int
	for i := range 11 {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
		n[i] = int(d[i] - '0')
	}
	k1 := checkDigit(n[:9], []int{3, 7, 6, 1, 8, 9, 4, 5, 2})
	if k1 < 0 || k1 != n[9] {
		return false
	}
	k2 := checkDigit(n[:10], []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})
	return k2 >= 0 && k2 == n[10]
}

func checkDigit(digits, weights []int) int {
	sum := 0
	for i, w := range weights {
		sum += digits[i] * w
	}
	k := 11 - sum%11
	switch k {
	case 11:
		return 0
	case 10:
		return -1
	}
	return k
}
