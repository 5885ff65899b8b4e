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

// passTexts are written the way residents write about plans: none holds
// personal data and none may be refused.
var passTexts = []string{
	"I 2020 brukte vi 12000000 kroner, i 2026 blir det mer", "Budsjettet er kr 12 000 000 for hele perioden",
	"Det koster 1 500 000 kroner", "Prosjektet får kr 25 000 000 og 45 000 000 NOK senere",
	"kr 25.000.000 til skolen", "Over 25 000 000 kroner til veier", "Vi trenger 35000000 kr til hallen",
	"Totalt 95 000 000,- over fire år", "NOK 45 000 000 er for lite",
	"Buss 250 går for sjelden", "linje 285 og buss 250 bør gå hver time", "Bussene 260, 261 og 265 må gå oftere",
	"Møtet var 17.11.2020 i rådhuset", "Fra 1. juni 2020 til 31.12.2026", "Oppstart 2020-11-17 ble utsatt",
	"Formannskapet 17.11.2020 flyttet datoene", "Høringsfrist 01.02.2021 kl 12.00",
	"Se sak 20/11429 og møtet 10.06.2020 kl 18", "Innspill til saksnummer 20/11429-3", "Saksnr. 21/01234 gjelder klima",
	"Jeg bor i 1384 Asker", "Postnummer 1386 Asker og 1394 Nesbru", "E18 gjennom Asker må i tunnel",
	"RV 23 og Fv 167 er farlige for syklister", "Møte kl. 08.15 og kl 20.00-22.00", "Åpent 08:15–15:30 hver dag",
	"Åpningstid 20.00 - 22.00 på fredager", "12,5 % flere syklister", "45 % av budsjettet", "Andelen økte med 3,25 prosent",
	"Ringeriksveien 12 har 24 leiligheter", "Asker har ca. 95 000 innbyggere", "Området er 1 200 m2 stort",
	"Planperioden er 2020-2026", "Kommunedelplan 2021–2032 for klima", "Mellom 2020 og 2026 skal det skje mye",
	"i årene 2024 2025 2026 bør dere bygge", "Organisasjonsnummer 974 760 673 er kommunens",
	"Tallet 12 34 56 78 er bare et eksempel", "Koden 0123 4567 virker ikke", "Bare sju sifre: 912 34 56",
	"Ni sifre: 912 345 678", "Se https://www.asker.kommune.no/temaplaner for mer",
	"Look at asker.no for more", "Jeg mener at asker.kommune.no bør bli bedre", "I'm at work. No more parking please",
	"Vi møtes @ biblioteket kl 18 i morgen", "Takk <@U12345678> for svaret", "Følg @askerkommune på Instagram",
	"Første 10, 20, 30 og 40 meter er bratte", "Flere ladestasjoner ved Asker stasjon",
	"Jeg er 45 år og har bodd her i 20 år", "Veien er 2,5 km lang og 8 meter bred",
	"Vi var 250 personer på møtet 12. mars", "I 1990 var det 40 000 innbyggere, i 2020 94 000",
	"Gnr. 45 bnr. 123 i Asker", "Reguleringsplan ID 0220-2020-003", "Uke 45 og uke 46 passer",
	"temaplan klima 2023 - 2024", "Hus nr 12, 14 og 16", "Plan 2020 2026 er for lang",
	"Mobilnett dekker 98 % av kommunen", "Send meg svar her i chatten", "Epost er ikke nødvendig",
	"+2 grader i snitt innen 2050", "Vi møtes @ biblioteket. No more cars!", "Look at example.com for details",
	"Les mer på asker.kommune.no/klima", "Datoen 2020 11 17 og 17/11/2020", "Skoleåret 2020/2021 og 2025/2026",
	"Jeg synes at kommunen. No offence", "Klokka 07.30 - 08.30 og 15.30-16.30",
	"Tallene 2019 2020 2021 2022", "ISBN 978-82-03-12345-6", "kl. 09.00-15.00", "Konto 1234 56 78903",
	"Asker (2020) 2021", "buss 250 (285) og 260", "Linje 250/285", "fra 20 til 22 (ca 30 mennesker)",
	"Budsjettet 2021 2022: 45 500 000 og 46 000 000", "Vi har 24 (25) 26 27 plasser", "kr 45 345 678",
	"45 345 678 kroner", "Koster 22 345 678 totalt", "i tidsrommet 2025 - 2030 (4 år)", "Tlf kommer senere",
	"Sak 2020/123456 og 2021/234567", "uke 12 13 14 15", "1 2 3 4 5 6 7 8 9", "10 20 30 40 50 60 70 80",
	"Planen (2021-2024) og (2025-2028)", "E18 (2025) 2026", "Budsjett 45 000 000 +12 000 000 i 2026", "Det blir 10 000 000 + 12 000 000 kroner til sammen",
}

// genPassTexts makes more texts that must pass: random years, amounts,
// dates, case numbers, postcodes, times, bus lines and 11-digit numbers
// whose check digit is wrong.
func genPassTexts(r *rand.Rand) []string {
	var out []string
	for range 30 {
		y := 1950 + r.IntN(100)
		amount := 1_000_000 + r.IntN(90)*1_000_000
		out = append(out,
			fmt.Sprintf("I %d skjedde det mye, og i %d enda mer", y, y+1+r.IntN(20)),
			fmt.Sprintf("kr %s til tiltaket", thousands(amount, " ")),
			fmt.Sprintf("%s kroner fra staten", thousands(amount, " ")),
			fmt.Sprintf("Beløpet er kr %s", thousands(amount, ".")),
			fmt.Sprintf("Møtet %02d.%02d.%d kl. %02d.%02d", 1+r.IntN(28), 1+r.IntN(12), y, r.IntN(24), r.IntN(60)),
			fmt.Sprintf("Sak %02d/%05d gjelder planen", r.IntN(30), r.IntN(100000)),
			fmt.Sprintf("Postadresse %d Asker", 1370+r.IntN(30)),
			fmt.Sprintf("Buss %d og linje %d", 200+r.IntN(100), 200+r.IntN(100)),
			fmt.Sprintf("Perioden %d-%d", y, y+1+r.IntN(12)),
			fmt.Sprintf("Kl. %02d.%02d-%02d.%02d er det stengt", r.IntN(24), 15*r.IntN(4), r.IntN(24), 15*r.IntN(4)),
			fmt.Sprintf("Nummer %s har feil kontrollsiffer", badCheck(genID(r, "fnr"))),
			fmt.Sprintf("%d %% av folk vil ha det, %d,%d prosent ikke", r.IntN(100), r.IntN(100), r.IntN(10)),
		)
	}
	return out
}

// thousands writes n with sep between groups of three digits.
func thousands(n int, sep string) string {
	s := fmt.Sprint(n)
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, parts...), sep)
}

// badCheck changes the last check digit of a valid number.
func badCheck(d string) string {
	last := (d[10]-'0'+1+byte(len(d)%9))%10 + '0'
	return d[:10] + string(last)
}

// TestPersonalDataCorpus is the generated corpus: every text with personal
// data is refused with the right problem, every other text passes.
func TestPersonalDataCorpus(t *testing.T) {
	seed := uint64(11)
	if v, err := strconv.ParseUint(os.Getenv("PII_SEED"), 10, 64); err == nil {
		seed = v
	}
	r := rand.New(rand.NewPCG(seed, 2026))
	groups := []struct {
		problem string
		texts   []string
	}{
		{ProblemNationalID, genIDTexts(r)},
		{ProblemPhone, genPhoneTexts(r)},
		{ProblemEmail, genEmailTexts()},
		{"", append(slices.Clone(passTexts), genPassTexts(r)...)},
	}
	total := 0
	for _, g := range groups {
		missed := 0
		for _, text := range g.texts {
			c := CheckInput(text)
			switch {
			case g.problem == "" && !c.OK():
				missed++
				t.Errorf("refused %v, must pass: %q", c.Problems, text)
			case g.problem != "" && !slices.Contains(c.Problems, g.problem):
				missed++
				t.Errorf("not refused as %s (problems %v): %q", g.problem, c.Problems, text)
			}
		}
		total += len(g.texts)
		name := g.problem
		if name == "" {
			name = "must pass"
		}
		t.Logf("%-10s %4d texts, %d wrong", name, len(g.texts), missed)
	}
	if total < 500 {
		t.Errorf("corpus has %d texts, want hundreds", total)
	}
}

// TestDigitValueCoversEveryScript checks the assumption digitValue rests
// on: Unicode's decimal digits come in rows of ten starting at zero.
func TestDigitValueCoversEveryScript(t *testing.T) {
	for _, zero := range digitScripts {
		for d := range rune(10) {
			if v, ok := digitValue(zero + d); !ok || rune(v) != d {
				t.Errorf("digitValue(%U) = %d, %v; want %d", zero+d, v, ok, d)
			}
		}
	}
	for r := rune(0x80); r <= 0x1FFFF; r++ {
		if v, ok := digitValue(r); ok && v == 0 && !strings.ContainsRune("⁰₀⓪⓿🄀", r) {
			for d := range rune(10) {
				if w, ok := digitValue(r + d); !ok || rune(w) != d {
					t.Fatalf("digit row at %U: %U has value %d, %v", r, r+d, w, ok)
				}
			}
		}
	}
	if _, ok := digitValue('a'); ok {
		t.Error("a letter counted as a digit")
	}
}
