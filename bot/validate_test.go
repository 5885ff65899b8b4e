package bot

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckInput(t *testing.T) {
	long := strings.Repeat("Flere benker langs turveiene. ", 140)
	tests := []struct {
		name     string
		in       string
		problems []string
		flags    []string
		text     string
	}{
		{"fine", "Flere ladestasjoner ved Asker stasjon", nil, nil, "Flere ladestasjoner ved Asker stasjon"},
		{"empty", "", []string{ProblemEmpty}, nil, ""},
		{"whitespace", " \t\n  ", []string{ProblemEmpty}, nil, ""},
		{"short", "ok bra", []string{ProblemShort}, nil, "ok bra"},
		{"long", long, []string{ProblemLong}, nil, strings.TrimSpace(long)},
		{"invisible stripped", "Mer\u200b lys\u202e i\u00ad parken\x07", nil, nil, "Mer lys i parken"},
		{"binary", "abc\xff\xfe\x00def ghijkl", []string{ProblemBinary}, nil, ""},
		{"many controls", "\x01\x02\x03\x04\x05\x06ab", []string{ProblemBinary}, nil, "ab"},
		{"national id", "Mitt fødselsnummer er 01010150074, ring meg", []string{ProblemNationalID}, nil, ""},
		{"national id spaced", "fnr 010101 50074 her", []string{ProblemNationalID}, nil, ""},
		{"11 digits bad checksum", "Saksnummer 01010150075 i arkivet", nil, nil, "Saksnummer 01010150075 i arkivet"},
		{"phone", "Ring meg på 912 34 567 om dette", []string{ProblemPhone}, nil, ""},
		{"phone +47", "Kontakt +47 91234567 for mer", []string{ProblemPhone}, nil, ""},
		{"phone intl", "Call me on +44 20 7946 0958 please", []string{ProblemPhone}, nil, ""},
		{"email", "Skriv til kari.nordmann@example.no om saken", []string{ProblemEmail}, nil, ""},
		{"case number is no phone", "Se sak 20/11429 og møtet 10.06.2020 kl 18", nil, nil, "Se sak 20/11429 og møtet 10.06.2020 kl 18"},
		{"year and amounts", "I 2020 brukte vi 12000000 kroner", nil, nil, "I 2020 brukte vi 12000000 kroner"},
		// The variants issue 11 found stored.
		{"id with dash", "Fødselsnummer 010190-12480 her", []string{ProblemNationalID}, nil, ""},
		{"id in pairs", "fnr 01 01 90 12480 her", []string{ProblemNationalID}, nil, ""},
		{"id full-width", "fnr ０１０１９０１２４８０ her", []string{ProblemNationalID}, nil, ""},
		{"id after another number", "Sak 12345678901 01019012480 her", []string{ProblemNationalID}, nil, ""},
		{"phone 4-4", "Ring meg på 9123 4567 i dag", []string{ProblemPhone}, nil, ""},
		{"phone dots", "Ring meg på 912.34.567 i dag", []string{ProblemPhone}, nil, ""},
		{"phone full stop", "Ring meg på 912 34 567.", []string{ProblemPhone}, nil, ""},
		{"phone comma", "Ring meg på 912 34 567, takk", []string{ProblemPhone}, nil, ""},
		{"email full-width at", "Skriv til ola＠example.no om saken", []string{ProblemEmail}, nil, ""},
		{"email space before dot", "Skriv til ola@example .no om saken", []string{ProblemEmail}, nil, ""},
		{"email in words", "Skriv til ola at example dot no om saken", []string{ProblemEmail}, nil, ""},
		{"profanity flagged", "Det er faen meg på tide med sykkelvei", nil, []string{FlagProfanity}, "Det er faen meg på tide med sykkelvei"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckInput(tt.in)
			if !slices.Equal(c.Problems, tt.problems) {
				t.Errorf("problems = %v, want %v", c.Problems, tt.problems)
			}
			if !slices.Equal(c.Flags, tt.flags) {
				t.Errorf("flags = %v, want %v", c.Flags, tt.flags)
			}
			if tt.text != "" && c.Text != tt.text {
				t.Errorf("text = %q, want %q", c.Text, tt.text)
			}
		})
	}
}

func TestValidNationalID(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"01010150074", true}, {"01010150075", false}, {"0101015001", false}, {"0101015001x", false},
		{"15076500565", true}, {"41010150015", false},
	} {
		if got := ValidNationalID(tt.in); got != tt.want {
			t.Errorf("ValidNationalID(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNormRef(t *testing.T) {
	for in, want := range map[string]string{
		"INN-7K3QF9": "INN-7K3QF9", " inn-7k3qf9 ": "INN-7K3QF9", "7k3qf9": "INN-7K3QF9",
		`{"$gt": ""}`: "", "INN-": "", "INN-7K3QF9X": "", "": "",
	} {
		if got := normRef(in); got != want {
			t.Errorf("normRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewRefShape(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		r := newRef()
		if !refPattern.MatchString(r) || strings.ContainsAny(r[4:], "01IO") {
			t.Fatalf("bad ref %q", r)
		}
		seen[r] = true
	}
	if len(seen) < 990 {
		t.Errorf("refs repeat too often: %d unique of 1000", len(seen))
	}
}

func TestLangFromLocale(t *testing.T) {
	for in, want := range map[string]Lang{"no": NB, "nb-NO": NB, "nn": NB, "en-US": EN, "en-GB": EN, "de": "", "": ""} {
		got, ok := LangFromLocale(in)
		if got != want || ok != (want != "") {
			t.Errorf("LangFromLocale(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestSubstitute(t *testing.T) {
	for _, c := range []struct{ text, said, want string }{
		{"clean the beach every week", "yes but change every week to twice a week", "clean the beach twice a week"},
		{"flere konserter i Asker sentrum", "kan du endre Asker sentrum til Heggedal?", "flere konserter i Heggedal"},
		{"More benches at Vollen", "replace \"Vollen\" with \"Nesbru\"", "More benches at Nesbru"},
		{"reinare bekkar", "byt ut bilane med syklar", ""}, // not in the text: no edit
		{"flere konserter", "ja takk", ""},
	} {
		got, ok := substitute(c.text, c.said)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("substitute(%q, %q) = %q, %v; want %q", c.text, c.said, got, ok, c.want)
		}
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{
		`"accessible toilets at the playgrounds"`: "accessible toilets at the playgrounds",
		"«flere benker»":                          "flere benker",
		`more "green" buses`:                      `more "green" buses`,
		`"one" and "two"`:                         `"one" and "two"`,
		"plain text":                              "plain text",
	} {
		if got := unquote(in); got != want {
			t.Errorf("unquote(%q) = %q, want %q", in, got, want)
		}
	}
}
