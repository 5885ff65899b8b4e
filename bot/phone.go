package bot

import (
	"slices"
	"strings"
	"unicode"
)

// HasPhoneNumber reports whether s contains a phone number, in any digit
// form: a Norwegian number (8 digits, the first 2-9) written solid or in
// the common groupings (3-2-3, 2-2-2-2, 4-4, 3-3-2, 2-3-3, ...) with spaces,
// dots, dashes or slashes; in any grouping after +47, 0047, (+47) or a
// phone word ("tlf", "ring", "mobil"); two numbers back to back; or another
// country's number (+ or 00, country code, 8-15 digits). Years and year
// ranges, dates, time ranges, amounts and measures (kr, kroner, %, km,
// "koster") and round numbers are not phone numbers.
func HasPhoneNumber(s string) bool { return hasPhoneNumber(foldForScan(s)) }

// hasPhoneNumber is HasPhoneNumber on folded text.
func hasPhoneNumber(t string) bool {
	for _, ch := range chunks(t) {
		if phoneInChunk(t, ch) {
			return true
		}
	}
	return false
}

// phoneInChunk reports whether the chunk ch of folded text t holds a phone number.
func phoneInChunk(t string, ch []digitRun) bool {
	all := digitsOf(t, ch)
	raw := t[:ch[0].start]
	before := strings.TrimRight(raw, " ")
	plus := strings.HasSuffix(raw, "+") || strings.HasSuffix(before, "+") && strings.HasPrefix(all, "47")
	switch {
	case plus && len(all) >= 8 && len(all) <= 15 && !strings.HasSuffix(all, "00000") &&
		!amountContext(t, ch[0].start, ch[len(ch)-1].end):
		return true // +47 91234567, + 47 912 34 567, +44 20 7946 0958, +4791234567
	case len(ch) == 1 && len(all) == 10 && strings.HasPrefix(all, "47") && all[2] >= '2':
		return true // 4791234567
	case strings.HasPrefix(all, "00") && len(all) >= 10 && len(all) <= 17 && ch[0].end-ch[0].start >= 4:
		return true // 0047 912 34 567, 004791234567
	case afterCountryCode(before) && leadingDigits(ch, 8):
		return true // (+47) 912 34 567, +47 - 91 234 567
	case northAmerican(t, ch):
		return true // (555) 123-4567, 555-123-4567
	}
	if len(ch) > 1 && t[ch[0].start:ch[0].end] == "47" && leadingDigits(ch[1:], 8) {
		if d := digitsOf(t, ch[1:]); len(d) == 8 && d[0] >= '2' && !strings.HasSuffix(d, "000") &&
			!amountContext(t, ch[0].start, ch[len(ch)-1].end) {
			return true // 47 91 23 45 67
		}
	}
	keyword := afterPhoneWord(before)
	tiled := tiles(t, ch)
	for i := range ch {
		n := 0
		for j := i; j < len(ch) && n < 8; j++ {
			n += ch[j].end - ch[j].start
			if n == 8 && phoneShaped(t, ch, i, j, keyword) && (tiled || neighboursApart(ch, i, j)) {
				return true
			}
		}
	}
	return false
}

// northAmerican reports whether chunk ch is a North American number
// written as (555) 123-4567, 555-123-4567 or 555.123.4567: groups of 3, 3
// and 4 digits, the area code not starting with 0 or 1 and in brackets,
// or the groups joined alike by dashes or dots.
func northAmerican(t string, ch []digitRun) bool {
	if len(ch) != 3 || ch[0].end-ch[0].start != 3 || ch[1].end-ch[1].start != 3 || ch[2].end-ch[2].start != 4 {
		return false
	}
	if t[ch[0].start] < '2' || amountContext(t, ch[0].start, ch[2].end) {
		return false
	}
	bracketed := ch[0].start > 0 && t[ch[0].start-1] == '(' && strings.Contains(t[ch[0].end:ch[1].start], ")")
	alike := ch[1].gap == ch[2].gap && (ch[1].gap == '-' || ch[1].gap == '.')
	return bracketed || alike
}

// tiles reports whether the whole chunk splits into phone-shaped numbers
// ("912 34 567 22 12 34 56": two numbers with nothing between them).
func tiles(t string, ch []digitRun) bool {
	ok := make([]bool, len(ch)+1) // ok[i]: ch[i:] splits into phone numbers
	ok[len(ch)] = true
	for i := len(ch) - 1; i >= 0; i-- {
		n := 0
		for j := i; j < len(ch) && n < 8; j++ {
			n += ch[j].end - ch[j].start
			if n == 8 && ok[j+1] && phoneShaped(t, ch, i, j, false) {
				ok[i] = true
				break
			}
		}
	}
	return len(ch) > 1 && ok[0]
}

// phoneShaped reports whether runs ch[i..j] (8 digits) are written like a
// Norwegian phone number. After a phone word (keyword) any grouping is.
func phoneShaped(t string, ch []digitRun, i, j int, keyword bool) bool {
	d := digitsOf(t, ch[i:j+1])
	if d[0] < '2' || amountContext(t, ch[i].start, ch[j].end) {
		return false
	}
	if keyword && i == 0 {
		return true
	}
	groups := make([]int, 0, j-i+1)
	for k := i; k <= j; k++ {
		groups = append(groups, ch[k].end-ch[k].start)
		if k > i && ch[k].gap != ch[i+1].gap {
			return false // mixed separators: "20.00-22.00"
		}
	}
	switch shape(groups) {
	case "8":
		return !roundOrDate(d)
	case "3-2-3", "2-2-2-2", "3-3-2", "3-5", "5-3":
		return true
	case "4-4", "4-2-2":
		return !isYear(d[:4])
	case "2-3-3":
		return !strings.HasSuffix(d, "000")
	case "1-1-1-1-1-1-1-1":
		return i == 0 && j == len(ch)-1
	}
	// A mobile number (4 or 9) in groups of two or more, not thousands.
	return (d[0] == '4' || d[0] == '9') && !slices.Contains(groups, 1) && !strings.HasSuffix(d, "000")
}

// neighboursApart reports whether runs ch[i..j] stand apart from the rest
// of their chunk: they are all of it, or one solid run, or each neighbour
// is joined by another kind of gap than the runs inside, or is a long
// number of its own (5 digits or more).
func neighboursApart(ch []digitRun, i, j int) bool {
	if i == j {
		return true
	}
	inner := ch[i+1].gap
	apart := func(gap byte, run digitRun) bool { return gap != inner || run.end-run.start >= 5 }
	if i > 0 && !apart(ch[i].gap, ch[i-1]) {
		return false
	}
	return j == len(ch)-1 || apart(ch[j+1].gap, ch[j+1])
}

// shape names a grouping such as "3-2-3".
func shape(groups []int) string {
	var b strings.Builder
	for k, g := range groups {
		if k > 0 {
			b.WriteByte('-')
		}
		b.WriteByte(byte('0' + min(g, 9)))
	}
	return b.String()
}

// leadingDigits reports whether the first runs of ch hold exactly n digits.
func leadingDigits(ch []digitRun, n int) bool {
	got := 0
	for _, r := range ch {
		got += r.end - r.start
		if got == n {
			return true
		}
		if got > n {
			return false
		}
	}
	return false
}

// afterCountryCode reports whether text ends with the Norwegian country
// code (+47, + 47, 0047, (+47), (0047)) and a separator.
func afterCountryCode(before string) bool {
	b := strings.TrimRight(before, " ).-")
	b = strings.ReplaceAll(b[max(0, len(b)-8):], " ", "")
	return strings.HasSuffix(b, "+47") || strings.HasSuffix(b, "0047")
}

// phoneWords introduce a phone number in Norwegian or English.
var phoneWords = []string{"tlf", "tlf.nr", "telefon", "telefonnummer", "telefonnr", "mobil", "mobilnummer",
	"mobilnr", "mob", "ring", "sms", "phone", "call", "tel", "whatsapp", "mobile", "cell", "text", "send melding",
	"kontakt", "contact", "reach", "nummeret", "mitt nummer", "my number", "nås", "treffes"}

// afterPhoneWord reports whether text ends with a phone word and at most
// a few characters of punctuation (": ", ". ", " meg på ").
func afterPhoneWord(before string) bool {
	b := strings.ToLower(before[max(0, len(before)-24):])
	for range 3 { // "kontakt meg på", "nummeret mitt er", "reach me at"
		b = strings.TrimRight(b, " .:;=-")
		for _, tail := range []string{" på", " er", " is", " on", " at", " til", " meg", " me", " mitt", " my"} {
			b = strings.TrimSuffix(b, tail)
		}
	}
	for _, w := range phoneWords {
		if strings.HasSuffix(b, w) {
			k := len(b) - len(w)
			if k == 0 || !isWordByte(b[k-1]) {
				return true
			}
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// amountContext reports whether the number at t[start:end] is an amount
// or a measure: a currency or a word such as "koster" before it, a unit,
// "%" or ",-" after it.
func amountContext(t string, start, end int) bool {
	after := strings.TrimLeft(t[end:], " ")
	if strings.HasPrefix(after, ",-") || strings.HasPrefix(after, ".-") || strings.HasPrefix(after, "%") {
		return true
	}
	if w := leadingWord(after); amountAfter[w] {
		return true
	} else {
		for _, stem := range amountStems {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	before := strings.TrimRight(t[:start], " ")
	if identifierBefore(before) {
		return true
	}
	if strings.HasSuffix(before, "€") || strings.HasSuffix(before, "$") || strings.HasSuffix(before, "£") {
		return true
	}
	return amountBefore[lastWord(before)]
}

// Words around a number that make it an amount or a measure.
var (
	amountBefore = set("kr", "nok", "nkr", "usd", "eur", "sek", "dkk", "koster", "kostet", "totalt",
		"beløp", "beløpet", "sum", "summen", "budsjett", "budsjettet", "ramme", "rammen", "cost", "costs", "budget")
	amountAfter = set("kr", "nok", "mill", "mrd", "euro", "dollar", "prosent", "percent", "m2", "m²", "m3",
		"kvm", "km", "m", "meter", "tonn", "liter", "kwh", "mwh", "gwh", "personer", "boliger", "biler",
		"plasser", "elever", "barn", "mennesker", "stk", "år", "dager", "timer", "kg", "daa", "mål", "ganger")
	amountStems = []string{"kron", "innbygg", "million", "milliard", "prosent"}
)

// identifierWords name the public numbers a resident may quote about a
// plan: a national plan-ID, a case or archive number, a property (gnr,
// bnr), an organisation or a municipality number.
var identifierWords = []string{"plan-id", "planid", "plan id", "plannr", "plannummer", "plan nr", "arealplan-id",
	"saksnr", "saksnummer", "sak nr", "sak", "arkivsak", "arkivsaksnr", "journalpost", "journalpostnr", "gnr", "bnr",
	"org.nr", "orgnr", "org nr", "org. nr", "organisasjonsnummer", "org.nummer", "kommunenr", "kommunenummer",
	"vedtak", "id"}

// identifierBefore reports whether text ends with an identifier word
// (and ".", ":" or "-"): the number after it is not a phone number.
func identifierBefore(before string) bool {
	b := strings.ToLower(strings.TrimRight(before[max(0, len(before)-24):], " .:-"))
	for _, w := range identifierWords {
		if strings.HasSuffix(b, w) {
			k := len(b) - len(w)
			if k == 0 || !isWordByte(b[k-1]) {
				return true
			}
		}
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// leadingWord returns the lower-cased letters (and digits) that s starts with.
func leadingWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '²' })
	if end < 0 {
		end = len(s)
	}
	return strings.ToLower(s[:min(end, 24)])
}

// lastWord returns the lower-cased word s ends with (a trailing '.' or ':' dropped).
func lastWord(s string) string {
	s = strings.TrimRight(s, ".:")
	start := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return strings.ToLower(s[start+1:])
}

// roundOrDate reports whether 8 solid digits are a round amount (five
// trailing zeros) or a date written yyyymmdd (1900-2099). A ddmmyyyy date
// is not excluded: it cannot be told from a landline (22122023), and a
// date of birth is as personal.
func roundOrDate(d string) bool {
	if strings.HasSuffix(d, "00000") {
		return true
	}
	day, month := atoi2(d[6:]), atoi2(d[4:6])
	return isYear(d[:4]) && day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// isYear reports whether four digits are a year 1900-2099.
func isYear(d string) bool { return d[:2] == "19" || d[:2] == "20" }

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
