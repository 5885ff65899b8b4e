package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestBrokenFiles(t *testing.T) {
	tests := []struct {
		file string
		want []string // the error message, line by line
	}{
		{"unknown-field.yaml", []string{
			`unknown-field.yaml:4: field general.mayor is not a known field (check the spelling and the indentation)`,
			`unknown-field.yaml:30: plan "klima": field purpse is not a known field (check the spelling and the indentation)`,
		}},
		{"missing-plans.yaml", []string{
			`missing-plans.yaml:34: plan "kultur": field id "kultur" is already used by plan #2`,
			`missing-plans.yaml: plan "eldre" is missing from the list of plans`,
			`missing-plans.yaml: plan "vann" is missing from the list of plans`,
		}},
		{"bad-values.yaml", []string{
			`bad-values.yaml:17: plan "kultur": field url "/kultur" is not a full https:// address`,
			`bad-values.yaml:18: plan "kultur": field start "1.9.2020" is not a valid date (use YYYY-MM-DD, e.g. 2020-09-01)`,
			`bad-values.yaml:36: plan #5: field id "Naering_plan" is not a valid id (use lowercase letters a-z, digits and single hyphens)`,
			`bad-values.yaml:37: plan #5: field wave "soon" is not valid (use first, later)`,
			`bad-values.yaml:38: plan #5: field status "done" is not valid (use planned, in-progress, hearing, adopted)`,
			`bad-values.yaml:39: plan #5: field start "2020-02-30" is not a valid date (use YYYY-MM-DD, e.g. 2020-09-01)`,
			`bad-values.yaml:40: plan #5: field url "http://example.org/naering" is not a full https:// address`,
			`bad-values.yaml:88: plan "vann": field milestones[0].id "Frist" is not a valid id (use lowercase letters a-z, digits and single hyphens)`,
			`bad-values.yaml:88: plan "vann": field milestones[0].date is empty (use YYYY-MM-DD)`,
			`bad-values.yaml:89: plan "vann": field milestones[0].name.en is empty`,
			`bad-values.yaml: plan "naering" is missing from the list of plans`,
		}},
		{"missing-text.yaml", []string{
			`missing-text.yaml:4: field general.about.en is empty`,
			`missing-text.yaml:31: plan "klima": field name.en is empty`,
			`missing-text.yaml:82: plan "vann": field short.nb is empty`,
			`missing-text.yaml:82: plan "vann": field short.en is empty`,
		}},
		{"shared-alias.yaml", []string{
			`shared-alias.yaml:63: plan "grunnskole": field aliases.nb[1] "skole" is also used by plan "skole-barnehagekapasitet" (aliases.nb[1]); a word may point to one plan only`,
			`shared-alias.yaml:63: plan "grunnskole": field aliases.nb[2] "Barnehage" is also used by plan "barnehage" (id); a word may point to one plan only`,
		}},
		{"one-language.yaml", []string{
			`one-language.yaml:17: plan "kultur": field themes.nb is empty while themes.en is set (give both languages, or neither)`,
			`one-language.yaml:30: plan "klima": field purpose.en is empty while purpose.nb is set (give both languages, or neither)`,
			`one-language.yaml:81: plan "eldre": field name.Deutsch "Deutsch" is not a language code (two or three lowercase letters, e.g. nb, en)`,
		}},
		{"wrong-kind.yaml", []string{
			`wrong-kind.yaml:65: plan "barnehage": field wave holds a list where a single value is expected`,
			`wrong-kind.yaml:85: plan "vann": field name holds a single value where a set of named fields is expected`,
		}},
		{"syntax-error.yaml", []string{`syntax-error.yaml:2: did not find expected ',' or ']'`}},
		{"empty.yaml", []string{`empty.yaml: the file is empty`}},
		{"two-documents.yaml", []string{`two-documents.yaml: the file holds more than one YAML document`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c, err := Load(filepath.Join("testdata", tt.file))
			if c != nil {
				t.Errorf("got a catalogue from a broken file")
			}
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				want[i] = "testdata/" + w // Load names the file by the path it was given
			}
			checkError(t, err, want)
		})
	}
}

// checkError asserts err is a *ValidationError wrapping bot.ErrInvalid whose
// message is exactly the lines want.
func checkError(t *testing.T, err error, want []string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, bot.ErrInvalid) {
		t.Fatalf("error %v (%T) is not a *ValidationError wrapping bot.ErrInvalid", err, err)
	}
	got := strings.Split(err.Error(), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("error lines:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	if len(ve.Problems) != len(want) {
		t.Errorf("%d problems, want %d", len(ve.Problems), len(want))
	}
}

// edit returns minimal.yaml with each old string replaced by its new one.
func edit(t *testing.T, pairs ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("minimal.yaml has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return []byte(s)
}

func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  []string // nil: valid
	}{
		{"general url must be https", []string{"  municipality: Asker kommune\n",
			"  municipality: Asker kommune\n  corona_url: http://asker.kommune.no/korona\n"},
			[]string{`t.yaml:5: field general.corona_url "http://asker.kommune.no/korona" is not a full https:// address`}},
		{"municipality required", []string{"  municipality: Asker kommune\n", "  municipality: \" \"\n"},
			[]string{`t.yaml:4: field general.municipality is empty`}},
		{"empty alias", []string{"aliases: {nb: [klima-nb]", "aliases: {nb: [klima-nb, \"\"]"},
			[]string{`t.yaml:34: plan "klima": field aliases.nb[1] is empty`}},
		{"name shared by two plans", []string{"short: {nb: vannplanen,", "short: {nb: KLIMAPLANEN,"},
			[]string{`t.yaml:87: plan "vann": field short.nb "KLIMAPLANEN" is also used by plan "klima" (short.nb); a word may point to one plan only`}},
		{"alias clash ignores spacing", []string{"aliases: {nb: [vann-nb]", "aliases: {nb: [\"the   klima plan\"]"},
			[]string{`t.yaml:88: plan "vann": field aliases.nb[0] "the   klima plan" is also used by plan "klima" (short.en); a word may point to one plan only`}},
		{"same word twice in one plan is fine", []string{"aliases: {nb: [vann-nb], en: [vann-en]}", "aliases: {nb: [water], en: [Water]}"}, nil},
		{"doubled milestone id", []string{"  - id: vann\n", "  - id: vann\n    milestones:\n" +
			"      - {id: frist, date: \"2021-03-15\", name: {nb: Frist, en: Deadline}}\n" +
			"      - {id: frist, date: 2021-04-15, name: {nb: Frist, en: Deadline}}\n"},
			[]string{`t.yaml:86: plan "vann": field milestones[1].id "frist" is used by two milestones of this plan`}},
		{"empty id", []string{"  - id: vann\n", "  - id: \"\"\n"},
			[]string{`t.yaml:83: plan #13: field id is empty`, `t.yaml: plan "vann" is missing from the list of plans`}},
		{"empty wave and status", []string{"  - id: vann\n    wave: later\n    status: planned\n", "  - id: vann\n"},
			[]string{`t.yaml:83: plan "vann": field wave is empty (use first, later)`,
				`t.yaml:83: plan "vann": field status is empty (use planned, in-progress, hearing, adopted)`}},
		{"url with user info", []string{"  - id: vann\n", "  - id: vann\n    url: https://me@asker.kommune.no/\n"},
			[]string{`t.yaml:84: plan "vann": field url "https://me@asker.kommune.no/" is not a full https:// address`}},
		{"unquoted date and all fields", []string{"  - id: vann\n", "  - id: vann\n    start: 2020-09-01\n" +
			"    url: https://www.asker.kommune.no/vann/\n    case_number: 20/11429\n" +
			"    purpose: {nb: Rent vann., en: Clean water.}\n    themes: {nb: [drikkevann], en: [drinking water]}\n"}, nil},
		{"a fifteenth plan is allowed", []string{"plans:\n", "plans:\n  - id: naturmangfold\n    wave: later\n    status: planned\n" +
			"    name: {nb: Temaplan for naturmangfold, en: Theme plan for biodiversity}\n" +
			"    short: {nb: naturmangfoldplanen, en: the biodiversity plan}\n"}, nil},
		{"many problems at once", []string{
			"name: {nb: Temaplan klima, en: Theme plan klima}", "name: {nb: Temaplan klima}",
			"  - id: vann\n    wave: later\n", "  - id: vann\n    wave: sometime\n",
			"  - id: eldre\n", "  - id: eldre\n    start: 2020-9-1\n"},
			[]string{`t.yaml:32: plan "klima": field name.en is empty`,
				`t.yaml:78: plan "eldre": field start "2020-9-1" is not a valid date (use YYYY-MM-DD, e.g. 2020-09-01)`,
				`t.yaml:85: plan "vann": field wave "sometime" is not valid (use first, later)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("t.yaml", edit(t, tt.edits...))
			if tt.want == nil {
				if err != nil || c == nil {
					t.Fatalf("want a valid catalogue, got %v", err)
				}
				checkValid(t, c)
				return
			}
			checkError(t, err, tt.want)
		})
	}
}

func TestParseKeepsValues(t *testing.T) {
	c, err := Parse("t.yaml", edit(t, "  - id: vann\n", "  - id: vann\n    start: 2020-09-01\n"+
		"    url: \" https://www.asker.kommune.no/vann/ \"\n    case_number: 20/11429\n"+
		"    milestones:\n      - {id: frist, date: \"2021-03-15\", name: {nb: Frist, en: Deadline}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.Plan("vann")
	if p.Start != (bot.Date{Year: 2020, Month: 9, Day: 1}) || p.URL != "https://www.asker.kommune.no/vann/" ||
		p.CaseNumber != "20/11429" {
		t.Errorf("vann = start %v, url %q, case %q", p.Start, p.URL, p.CaseNumber)
	}
	want := bot.Milestone{ID: "frist", Name: bot.Text{bot.NB: "Frist", bot.EN: "Deadline"}, Date: bot.Date{Year: 2021, Month: 3, Day: 15}}
	if len(p.Milestones) != 1 || p.Milestones[0].ID != want.ID || p.Milestones[0].Date != want.Date ||
		p.Milestones[0].Name[bot.EN] != "Deadline" {
		t.Errorf("milestones = %+v, want [%+v]", p.Milestones, want)
	}
}
