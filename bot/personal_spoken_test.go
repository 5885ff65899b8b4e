package bot

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The second personal-data corpus: the forms people type when they do not
// write a number in digits (phone numbers in words in bokmål, nynorsk and
// English, a letter for a digit, an identity number's last five digits
// after its birth date and the word for it, an e-mail address without its
// dot), generated with valid numbers, and look-alikes that must pass
// (plan-IDs, gnr/bnr, organisation numbers with valid check digits, case
// numbers, amounts, dates, postcodes, counting words).

// digitNames are the digit words of each language.
var digitNames = map[string][10]string{
	"nb":  {"null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"},
	"nb2": {"null", "én", "to", "tre", "fire", "fem", "seks", "syv", "åtte", "ni"},
	"nn":  {"null", "ein", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"},
	"en":  {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
	"EN":  {"Oh", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"},
}

// spellDigits writes each digit of d as a word, joined by sep.
func spellDigits(d, lang, sep string) string {
	words := make([]string, len(d))
	for i := range d {
		words[i] = digitNames[lang][d[i]-'0']
	}
	return strings.Join(words, sep)
}

// spellPairs writes d (even length) in bokmål two-digit numbers:
// "91234567" -> "nittien tjuetre førtifem sekstisju".
func spellPairs(d string) string {
	tens := []string{"", "", "tjue", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti"}
	teens := []string{"ti", "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"}
	var out []string
	for i := 0; i+1 < len(d); i += 2 {
		a, b := d[i]-'0', d[i+1]-'0'
		switch {
		case a == 0:
			out = append(out, "null", digitNames["nb"][b])
		case a == 1:
			out = append(out, teens[b])
		case b == 0:
			out = append(out, tens[a])
		default:
			out = append(out, tens[a]+digitNames["nb"][b])
		}
	}
	return strings.Join(out, " ")
}

// lookAlike replaces the first 1 in d by I or l, or else its first 0 by
// O (d as it is when it has neither).
func lookAlike(r *rand.Rand, d string) string {
	if i := strings.IndexByte(d, '1'); i >= 0 {
		return d[:i] + string("Il"[r.IntN(2)]) + d[i+1:]
	}
	return strings.Replace(d, "0", "O", 1)
}

var spokenTemplates = []string{"Ring meg på %s.", "tlf %s", "Nummeret mitt er %s", "Call me on %s", "%s",
	"Ring eller send sms til %s i kveld", "Mobilen min: %s, helst etter jobb"}

// genSpokenTexts returns texts that must be refused, by problem.
func genSpokenTexts(r *rand.Rand) map[string][]string {
	out := map[string][]string{}
	langs := []string{"nb", "nb2", "nn", "en", "EN"}
	for i := range 60 {
		p := genPhone(r, i%3 != 2)
		tpl := spokenTemplates[i%len(spokenTemplates)]
		sep := []string{" ", ", ", " - ", "  "}[i%4]
		out[ProblemPhone] = append(out[ProblemPhone],
			fmt.Sprintf(tpl, spellDigits(p, langs[i%len(langs)], sep)),
			fmt.Sprintf(tpl, spellPairs(p)),
			fmt.Sprintf(tpl, spellDigits(p[:3], langs[i%len(langs)], " ")+" "+p[3:5]+" "+p[5:]),
			fmt.Sprintf(tpl, lookAlike(r, p)),
			fmt.Sprintf(tpl, spellDigits(p, "en", "-")),
			fmt.Sprintf(tpl, strings.Replace(p[:3]+" "+p[3:5]+" "+p[5:], "0", "o", 1)),
			fmt.Sprintf(tpl, lookAlike(r, p[:3])+" "+p[3:5]+" "+p[5:]))
		id := genID(r, "fnr")
		year := "19" + id[4:6]
		out[ProblemNationalID] = append(out[ProblemNationalID],
			fmt.Sprintf("Født %s.%s.%s, personnr %s", id[:2], id[2:4], year, id[6:]),
			fmt.Sprintf("fødd %s.%s.%s og personnummer %s", id[:2], id[2:4], id[4:6], id[6:]),
			fmt.Sprintf("%s%s%s personnummer: %s", id[:2], id[2:4], id[4:6], id[6:]),
			fmt.Sprintf("Fødselsnummeret mitt er %s %s", id[:6], lookAlike(r, id[6:])),
			fmt.Sprintf("pnr %s, født %s", id[6:], id[:6]),
			fmt.Sprintf("Født %s.%s.%s %s", id[:2], id[2:4], year, id[6:]),
			fmt.Sprintf("pers.nr. %s (født %s.%s.%s)", id[6:], id[:2], id[2:4], year),
			spellDigits(id, langs[i%len(langs)], " "))
		name := emailNames[i%len(emailNames)]
		prov := []string{"gmail", "hotmail", "outlook", "yahoo", "icloud", "online", "altibox"}[i%7]
		tld := []string{"com", "no", "COM", "net"}[i%4]
		at := []string{" at ", " krøll ", " snabel-a ", " krøllalfa ", " AT "}[i%5]
		out[ProblemEmail] = append(out[ProblemEmail], fmt.Sprintf("skriv til %s%s%s %s", name, at, prov, tld),
			fmt.Sprintf("%s%s%s punktum %s", name, at, prov, tld))
	}
	return out
}

// genOrgNumber returns a random organisation number with a valid mod-11
// check digit (weights 3 2 7 6 5 4 3 2).
func genOrgNumber(r *rand.Rand) string {
	for {
		d := fmt.Sprintf("%d%07d", 8+r.IntN(2), r.IntN(10_000_000))
		if k := mod11(d, []int{3, 2, 7, 6, 5, 4, 3, 2}); k != 10 {
			return d + strconv.Itoa(k%11)
		}
	}
}

// genLookAlikes returns texts with numbers that are no personal data.
func genLookAlikes(r *rand.Rand) []string {
	var out []string
	for range 60 {
		org := genOrgNumber(r)
		plan := fmt.Sprintf("20%02d%04d", r.IntN(26), r.IntN(10000))
		out = append(out,
			fmt.Sprintf("Se plan-ID %s i kartet", plan), fmt.Sprintf("nasjonal planID %s gjelder her", plan),
			fmt.Sprintf("Planid: %s, vedtatt %d", plan, 2000+r.IntN(26)),
			fmt.Sprintf("Eiendommen gnr. %d bnr. %d ved sjøen", 1+r.IntN(200), 1+r.IntN(900)),
			fmt.Sprintf("gnr/bnr %d/%d", 1+r.IntN(200), 1+r.IntN(900)),
			fmt.Sprintf("Laget har org.nr. %s %s %s", org[:3], org[3:6], org[6:]),
			fmt.Sprintf("organisasjonsnummer %s", org),
			fmt.Sprintf("Jf. saksnummer %02d/%05d", 15+r.IntN(11), r.IntN(100000)),
			fmt.Sprintf("sak %d/%d-%d", 2015+r.IntN(11), r.IntN(100000), 1+r.IntN(9)),
			fmt.Sprintf("Det koster kr %d %03d %03d", 1+r.IntN(99), r.IntN(1000), r.IntN(1000)),
			fmt.Sprintf("%d %03d %03d kroner til sykkelveier", 1+r.IntN(99), r.IntN(1000), r.IntN(1000)),
			fmt.Sprintf("Møtet %02d.%02d.20%02d kl. 18", 1+r.IntN(28), 1+r.IntN(12), r.IntN(30)),
			fmt.Sprintf("fra %d til %d", 2020+r.IntN(5), 2026+r.IntN(10)),
			fmt.Sprintf("Vi bor på %04d Asker", 1370+r.IntN(30)),
			fmt.Sprintf("%s barn, %s voksne og %s hunder", digitNames["nb"][1+r.IntN(9)], digitNames["nb"][1+r.IntN(9)], digitNames["nb"][1+r.IntN(9)]),
			"en to tre ganger i uka", "Tenk om ti tolv år", "one two three, go!",
			fmt.Sprintf("Olav l. og 2O elever i klasse %d", 1+r.IntN(10)))
	}
	return append(out, "Bygg om E18 ved Slependen", "Rv. 23 og E134 trenger støyskjerm", "buss 140 og 150 går hvert 10. minutt",
		"møte kl. 19.00-21.00 i uke 45", "fra 2024 til 2027", "5O% mer sykkel innen 2030", "Kirkeveien 12 B, 1383 Asker",
		"Sak 20/11429 og 21/12345-3", "tre fire fem skoler", "Asker har 98 000 innbyggere", "O-lag og IL Holmen",
		"en, to, tre, fire, fem lekeplasser", "Covid-19 endret alt", "nr. 1 på lista", "I 2O25 bør det skje")
}

// TestPersonalDataSpokenCorpus: 0 texts stored that should be refused,
// 0 refused that should pass.
func TestPersonalDataSpokenCorpus(t *testing.T) {
	seed := uint64(20)
	if v, err := strconv.ParseUint(os.Getenv("PII_SEED"), 10, 64); err == nil {
		seed = v
	}
	r := rand.New(rand.NewPCG(seed, 2026))
	refuse := genSpokenTexts(r)
	for _, problem := range []string{ProblemPhone, ProblemNationalID, ProblemEmail} {
		missed := 0
		for _, text := range refuse[problem] {
			if c := CheckInput(text); !slices.Contains(c.Problems, problem) {
				missed++
				t.Errorf("not refused as %s (problems %v): %q", problem, c.Problems, text)
			}
		}
		t.Logf("%-10s %4d texts, %d wrong", problem, len(refuse[problem]), missed)
	}
	pass := genLookAlikes(r)
	wrong := 0
	for _, text := range pass {
		if c := CheckInput(text); !c.OK() {
			wrong++
			t.Errorf("refused %v, must pass: %q", c.Problems, text)
		}
	}
	t.Logf("must pass  %4d texts, %d wrong", len(pass), wrong)
}
