package bot

import (
	"slices"
	"strings"
	"testing"
)

// FuzzCheckInput checks that CheckInput never panics and that personal
// data added to any text is still caught, whatever comes before it.
func FuzzCheckInput(f *testing.F) {
	for _, s := range append(slices.Clone(passTexts), "fnr 010190 12480", "ola＠example.no", "Ring 912 34 567.",
		"kr 12 000 000", "\x00\xff", "１２３", "+47", "(at)", "20/11429") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CheckInput(s)
		if c.OK() != (len(c.Problems) == 0) {
			t.Fatal("OK disagrees with Problems")
		}
		if slices.Contains(c.Problems, ProblemBinary) {
			return
		}
		for add, want := range map[string]string{
			" fnr 01019012480 ": ProblemNationalID, " tlf 91234567 ": ProblemPhone, " ola@example.no ": ProblemEmail,
		} {
			if got := CheckInput(s + add); !slices.Contains(got.Problems, want) && !slices.Contains(got.Problems, ProblemBinary) {
				t.Errorf("%q + %q: problems %v, want %s", s, add, got.Problems, want)
			}
		}
	})
}

// BenchmarkCheckInput measures the whole check of one resident's input:
// cleaning, length, national id, phone, e-mail and profanity.
func BenchmarkCheckInput(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"typical", "Jeg ønsker flere sykkelparkeringer ved Asker stasjon, og buss 250 bør gå oftere etter kl. 22.00. Budsjettet på kr 12 000 000 for 2026 holder ikke."},
		{"numbers", "Sak 20/11429, møte 17.11.2020 kl 18.00-20.00, 1384 Asker, E18, RV 23, 45 %, 2020-2026, kr 25 000 000, linje 285."},
		{"longest", strings.Repeat("Flere benker langs turveiene i 2026, kr 1 500 000. ", 78)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				if !CheckInput(bc.text).OK() {
					b.Fatal("refused")
				}
			}
		})
	}
}
