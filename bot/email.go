package bot

import (
	"regexp"
	"strings"
)

// E-mail patterns, matched against folded text (see foldForScan), so a
// full-width ＠ or ． counts as @ and '.'.
var (
	// emailPlain is an ordinary address: kari.nordmann@example.no.
	emailPlain = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
	// emailSpaced has spaces around the @ or the dots and ends in a common
	// top-level domain written in lower case: "ola @ example . no".
	emailSpaced = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+ *@ *[\p{L}\p{N}\-]+(?: *\. *[\p{L}\p{N}\-]+)* *\. *` + commonTLD)
	// emailDisguised writes @ as a word in brackets, and the dots as dots
	// or words: "ola (at) example (dot) no", "ola[at]example.xyz"; or @ with
	// a word for the last dot: "ola@example dot no".
	emailDisguised = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+(?:\s*` + bracketed(atWords) + `\s*` +
		domainPart + `(?:` + anyDot + `)\p{L}{2,6}(?:[^\p{L}\p{N}]|$)| *@ *` + domainPart + `(?:` + wordDot + `)` + anyTLD + `)`)
	// emailWords writes @ and the last dot as bare words: "ola at example
	// dot no", "ola snabel-a example punktum no". A bare "at" before a
	// plain dot counts only with a mail provider ("ola at gmail.com"):
	// "look at asker.no" is a web address. With a mail provider the last
	// dot may be left out: "ola at gmail com", "ola krøll hotmail no".
	emailWords = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+\s+(?:(?i:at)\s+` + domainPart + `(?:` + wordDot + `| +\. +)|` +
		`(?i:snabel-?a|krøll-?alfa|alfa-?krøll|krøll)\s+` + domainPart + `(?:` + anyDot + `)|` +
		`(?i:at)\s+` + personalMail + `(?:` + anyDot + `| +)|` +
		`(?i:snabel-?a|krøll-?alfa|alfa-?krøll|krøll)\s+` + mailProvider + ` +)` + anyTLD)
	// emailProvider is an address without its top-level domain at a
	// known mail provider: "kari@gmail".
	emailProvider = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+ *@ *` + mailProvider + `(?:[^\p{L}\p{N}]|$)`)
)

const (
	atWords = `(?i:at|@|snabel-?a|krøll-?alfa|alfa-?krøll|krøll|a)`
	// wordDot is a dot written as a word, bare or in brackets.
	wordDot = `\s+(?i:dot|punktum|punkt|prikk)\s+|\s*[(\[{<]\s*(?i:dot|punktum|punkt|prikk|\.)\s*[)\]}>]\s*`
	// anyDot is a word dot or a '.' with optional spaces.
	anyDot = wordDot + `| *\. *`
	// commonTLD is a top-level domain residents are likely to use, in lower
	// case and followed by something other than a letter or digit.
	commonTLD = tlds + `(?:[^\p{L}\p{N}]|$)`
	// anyTLD is commonTLD in any case (in a disguise, case means nothing).
	anyTLD = `(?i:` + tlds + `)(?:[^\p{L}\p{N}]|$)`
	tlds   = `(?:no|com|net|org|se|dk|fi|is|uk|de|eu|io|info|nu|biz|edu|gov|app|dev|fr|nl|es|pl|ch|me|co|online|email|mail)`
	// domainPart is a domain's labels before its last dot.
	domainPart = `[\p{L}\p{N}\-]+(?:(?:` + anyDot + `)[\p{L}\p{N}\-]+)*`
	// personalMail names mail services whose name is no ordinary word.
	personalMail = `(?i:gmail|googlemail|hotmail|outlook|yahoo|icloud|online|protonmail|altibox|getmail|broadpark)`
	// mailProvider names common mail services.
	mailProvider = `(?i:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|online|protonmail|proton|altibox|getmail|broadpark|msn|aol|example)`
)

// atEscapes decode the @ of URL and HTML escapes.
var atEscapes = strings.NewReplacer("%40", "@", "&#64;", "@", "&#x40;", "@", "&#X40;", "@", "&commat;", "@")

// bracketed returns a pattern for words in (), [], {} or <>.
func bracketed(words string) string {
	return `[(\[{<]\s*` + words + `\s*[)\]}>]`
}

// HasEmail reports whether s contains an e-mail address: ordinary, with a
// full-width or small at sign or dot, with spaces around the @ or the dots,
// or with @ and dot written as words ("ola at example dot no", "ola (at)
// example (dot) no", "ola[at]example.no", "ola snabel-a example punktum
// no").
func HasEmail(s string) bool { return hasEmail(foldForScan(s)) }

// hasEmail is HasEmail on folded text.
func hasEmail(t string) bool {
	if strings.Contains(t, "%40") || strings.Contains(t, "&#") || strings.Contains(t, "&commat;") {
		t = atEscapes.Replace(t) // ola%40example.no, ola&#64;example.no
	}
	// Cheap tests first: every pattern needs an @, a bracket or an at word.
	at := strings.Contains(t, "@")
	if at && (emailPlain.MatchString(t) || emailSpaced.MatchString(t) || emailProvider.MatchString(t)) {
		return true
	}
	if (at || strings.ContainsAny(t, "([{<")) && emailDisguised.MatchString(t) {
		return true
	}
	return hasAtWord(t) && emailWords.MatchString(t)
}

// hasAtWord reports whether t has a word that may stand for @: "at",
// "snabel-a", "krøllalfa", "alfakrøll", "krøll" (any case).
func hasAtWord(t string) bool {
	for _, f := range strings.Fields(t) {
		if len(f) <= 10 {
			switch w := strings.ToLower(f); {
			case w == "at", strings.HasPrefix(w, "snabel"), strings.HasPrefix(w, "krøll"), strings.HasPrefix(w, "alfa"):
				return true
			}
		}
	}
	return false
}
