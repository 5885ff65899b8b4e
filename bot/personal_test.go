package bot

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The personal-data corpus: texts generated from templates and random valid
// numbers that CheckInput must refuse, and texts it must let through. Every
// refusal must name the right problem. The seed is fixed so a failure
// repeats; PII_SEED=<number> draws other numbers for exploration.

// genID returns a random valid national identity number (kind "fnr"), D-number
// ("d": day + 40) or H-number ("h": month + 40), computed here independently
// of ValidNationalID.
func genID(r *rand.Rand, kind string) string {
	for {
		day, month, year := 1+r.IntN(28), 1+r.IntN(12), r.IntN(100)
		switch kind {
		case "d":
			day += 40
		case "h":
			month += 40
		}
		d := fmt.Sprintf("%02d%02d%02d%03d", day, month, year, r.IntN(1000))
		k1 := mod11(d, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})
		if k1 == 10 {
			continue
		}
		d += string(rune('0' + k1))
		k2 := mod11(d, []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})
		if k2 == 10 {
			continue
		}
		return d + string(rune('0'+k2))
	}
}

// genAnyChecked returns 11 random digits with valid check digits and no
// birth date (like FH-numbers or numbers a test generator makes up).
func genAnyChecked(r *rand.Rand) string {
	for {
		d := fmt.Sprintf("%09d", r.IntN(1_000_000_000))
		k1 := mod11(d, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})
		if k1 == 10 {
			continue
		}
		d += string(rune('0' + k1))
		if k2 := mod11(d, []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}); k2 != 10 {
			return d + string(rune('0'+k2))
		}
	}
}

func mod11(d string, w []int) int {
	sum := 0
	for i, x := range w {
		sum += int(d[i]-'0') * x
	}
	return (11 - sum%11) % 11
}

// inScript writes the ASCII digits of s with the digits of another script,
// given its zero.
func inScript(s string, zero rune) string {
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return zero + (c - '0')
		}
		return c
	}, s)
}

// digitScripts are zeros of digit sets a resident may paste or type.
var digitScripts = []rune{'０', '٠', '۰', '०', '০', '๐', '𝟎', '𝟘', '𝟢', '𝟬', '𝟶'}

// superscript writes digits as superscripts.
func superscript(s string) string {
	sup := []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return sup[c-'0']
		}
		return c
	}, s)
}

// keycaps writes digits as emoji keycaps ("9️⃣").
func keycaps(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(c)
		if c >= '0' && c <= '9' {
			b.WriteString("\ufe0f\u20e3")
		}
	}
	return b.String()
}

// idForms writes an 11-digit number the ways people do.
func idForms(d string) []string {
	a, b := d[:6], d[6:]
	return []string{
		d, a + "-" + b, a + " " + b, a + "." + b, a + " - " + b, a + "\u00a0" + b, a + "\u2013" + b,
		d[:2] + " " + d[2:4] + " " + d[4:6] + " " + b, d[:2] + "." + d[2:4] + "." + d[4:6] + " " + b,
		d[:2] + "." + d[2:4] + "." + d[4:6] + "-" + b, d[:4] + " " + d[4:8] + " " + d[8:],
		d[:3] + " " + d[3:6] + " " + d[6:9] + " " + d[9:], a + " " + d[6:9] + " " + d[9:],
		d[:2] + "\u202f" + d[2:4] + "\u202f" + d[4:6] + "\u202f" + b, a + "/" + b, a + "   " + b,
		strings.Join(strings.Split(d, ""), " "),
	}
}

var idTemplates = []string{
	"Mitt fødselsnummer er %s, ring meg", "fnr: %s", "%s", "Personnummer %s.", "(fnr %s)",
	"My national ID number is %s!", "D-nummer %s, bor i Asker", "Saksnr 12345678901 %s",
	"Konto 12345678903 og fnr %s", "Jeg heter Kari, %s, og mener parken trenger lys",
	"Fødselsnr.:%s;", "id=%s", "%s er mitt nummer", "Innspill fra %s: flere benker",
}

func genIDTexts(r *rand.Rand) []string {
	var out []string
	for i := range 40 {
		d := genID(r, []string{"fnr", "fnr", "d", "h"}[i%4])
		for k, f := range idForms(d) {
			out = append(out, fmt.Sprintf(idTemplates[(i+k)%len(idTemplates)], f))
		}
		out = append(out,
			fmt.Sprintf(idTemplates[i%len(idTemplates)], inScript(idForms(d)[i%3], digitScripts[i%len(digitScripts)])),
			fmt.Sprintf("fnr %s", superscript(d)), "fnr "+keycaps(d))
		a := genAnyChecked(r)
		out = append(out, fmt.Sprintf(idTemplates[i%len(idTemplates)], []string{a, a[:6] + " " + a[6:], a[:6] + "-" + a[6:],
			a[:2] + " " + a[2:4] + " " + a[4:6] + " " + a[6:]}[i%4]))
	}
	return out
}

// genPhone returns a random Norwegian mobile or landline number (8 digits).
func genPhone(r *rand.Rand, mobile bool) string {
	if mobile {
		return fmt.Sprintf("%c%07d", "49"[r.IntN(2)], r.IntN(10_000_000))
	}
	areas := []string{"21", "22", "23", "32", "33", "51", "55", "61", "62", "63", "64", "66", "67", "69", "70", "73", "75", "77"}
	return areas[r.IntN(len(areas))] + fmt.Sprintf("%06d", r.IntN(1_000_000))
}

// phoneForms writes a phone number the common ways.
func phoneForms(p string, mobile bool) []string {
	out := []string{p, p + ".", p + ",", "(" + p + ")"}
	for _, sep := range []string{" ", ".", "-", "\u00a0", "/"} {
		out = append(out, p[:3]+sep+p[3:5]+sep+p[5:], p[:2]+sep+p[2:4]+sep+p[4:6]+sep+p[6:])
		if mobile {
			out = append(out, p[:4]+sep+p[4:])
		}
	}
	for _, cc := range []string{"+47 ", "+47", "0047 ", "(+47) ", "+47-", "(0047) ", "+ 47 "} {
		out = append(out, cc+p, cc+p[:3]+" "+p[3:5]+" "+p[5:], cc+p[:2]+" "+p[2:4]+" "+p[4:6]+" "+p[6:])
	}
	return out
}

var phoneTemplates = []string{
	"Ring meg på %s.", "Tlf: %s", "Mobil %s, helst etter kl. 16", "(tlf %s)", "Call me at %s!",
	"Kontakt meg på %s eller send sms", "Nummeret mitt er %s;", "%s", "Jeg er på %s?",
	"Send svar til %s og takk", "mob.%s", "SMS: %s :)", "Kari (%s) har ideer om parken",
}

func genPhoneTexts(r *rand.Rand) []string {
	var out []string
	for i := range 16 {
		mobile := i%3 != 2
		p := genPhone(r, mobile)
		for k, f := range phoneForms(p, mobile) {
			out = append(out, fmt.Sprintf(phoneTemplates[(i+k)%len(phoneTemplates)], f))
		}
		out = append(out, fmt.Sprintf(phoneTemplates[i%len(phoneTemplates)], inScript(phoneForms(p, mobile)[i%5], digitScripts[i%len(digitScripts)])))
	}
	out = append(out, "Call me on +44 20 7946 0958 please", "Ring +46 70 123 45 67 i Sverige",
		"Nummer i Sverige: 0046 70 123 45 67", "+4591234567 er dansk", "tlf 91 234 567 takk",
		"Ring meg på 9123 4567.", "Ring meg på 912.34.567", "Ring meg på 912 34 567.", "telefon: 22 123 456",
		"ring 9 1 2 3 4 5 6 7 i kveld", "Mobil 9123 45 67", "Ring 91234 567", "Tlf. 91 23 45 67 / 92 34 56 78",
		"47 91 23 45 67", "912 34 567 22 12 34 56", "+1 (555) 123-4567", "(22) 12 34 56", "91 2345 67", "22 123 456",
		"Ring +47 (0) 912 34 567", "0047-91234567", "tel:+4791234567", "Ring 91234567 kristian", "Ring 4791234567",
		keycaps("91234567"), "Ring 9\u03011\u0301234567")
	return out
}

var (
	emailNames   = []string{"ola", "kari.nordmann", "per_hansen", "anne-lise", "ole.olsen85", "Ida.Berg", "nn"}
	emailDomains = [][]string{{"example", "no"}, {"gmail", "com"}, {"asker", "kommune", "no"}, {"online", "no"},
		{"hotmail", "com"}, {"outlook", "com"}, {"live", "no"}, {"proton", "me"}}
)

// emailForms writes an address plainly and disguised.
func emailForms(name string, dom []string) []string {
	join := func(at, dot string) string { return name + at + strings.Join(dom, dot) }
	return []string{
		join("@", "."), strings.ToUpper(join("@", ".")), join("＠", "."), join("＠", "．"), join("﹫", "."),
		join(" @ ", "."), join("@", " ."), join(" @ ", " . "), join("@ ", ". "),
		join(" at ", " dot "), join(" AT ", " DOT "), join(" (at) ", " (dot) "), join("(at)", "(dot)"),
		join("[at]", "."), join(" [at] ", " [dot] "), join("{at}", "{dot}"), join(" <at> ", " <dot> "),
		join(" snabel-a ", " punktum "), join(" krøllalfa ", " prikk "), join(" snabel-a ", "."),
		join("(@)", "(.)"), join(" at ", " punktum "), join(" (snabel-a) ", " (punktum) "), join("[@]", "[.]"),
		join("@", " dot "), join(" @ ", " (dot) "), strings.ToUpper(join(" at ", " dot ")),
	}
}

var emailTemplates = []string{
	"Skriv til %s om saken", "e-post: %s", "%s", "Mail me at %s.", "(%s)", "Svar gjerne på %s, takk!",
	"Kontakt: %s;", "eposten min er %s og jeg bor i Asker",
}

func genEmailTexts() []string {
	var out []string
	for i, n := range emailNames {
		for j, d := range emailDomains {
			if (i+j)%2 == 1 {
				continue
			}
			for k, f := range emailForms(n, d) {
				out = append(out, fmt.Sprintf(emailTemplates[(i+j+k)%len(emailTemplates)], f))
			}
		}
	}
	return append(out, "ola at gmail.com", "skriv til kari.nordmann at hotmail.com", "kari@gmail", "per @ outlook",
		"ola at online.no", "ola.nordmann(at)gmail(dot)com", "ola krøll example punktum no", "ola at example . no",
		"ola (at) example (dot) xyz", "ola(a)example.no",
		"ola@example·no", "andre\u0301@example.no", "ola%40example.no", "ola&#64;example.no", "ola&commat;example.no")
}
