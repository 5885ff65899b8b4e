package catalog

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// firstWave are the plans the source text describes with purpose and themes.
var firstWave = []string{"medborgerskap", "kultur", "fysisk-aktivitet", "klima"}

func TestDefaultHasTheFourteenPlans(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	var ids []string
	for _, p := range c.Plans {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, RequiredIDs()) {
		t.Fatalf("ids = %v, want %v", ids, RequiredIDs())
	}
	for _, p := range c.Plans {
		t.Run(p.ID, func(t *testing.T) { checkDefaultPlan(t, p) })
	}
}

func checkDefaultPlan(t *testing.T, p bot.Plan) {
	first := slices.Contains(firstWave, p.ID)
	for _, l := range bot.Langs {
		if p.Name[l] == "" || p.Short[l] == "" || len(p.Aliases[l]) == 0 {
			t.Errorf("%s: name, short name or aliases missing", l)
		}
		if first != (p.Purpose[l] != "") || first != (len(p.Themes[l]) > 0) {
			t.Errorf("%s: purpose/themes present = %v, want %v (only the first four have them)",
				l, p.Purpose[l] != "", first)
		}
	}
	if !strings.HasPrefix(p.Name[bot.NB], "Temaplan for ") || !strings.HasPrefix(p.Name[bot.EN], "Theme plan for ") {
		t.Errorf("names %q / %q do not start with Temaplan for / Theme plan for", p.Name[bot.NB], p.Name[bot.EN])
	}
	wantWave, wantStatus := bot.WaveLater, bot.StatusPlanned
	if first {
		wantWave, wantStatus = bot.WaveFirst, bot.StatusInProgress
	}
	if p.Wave != wantWave || p.Status != wantStatus {
		t.Errorf("wave, status = %q, %q; want %q, %q", p.Wave, p.Status, wantWave, wantStatus)
	}
	if !p.Start.IsZero() || p.CaseNumber != "" || len(p.Milestones) > 0 {
		t.Errorf("start %v, case %q, milestones %v: the source gives none", p.Start, p.CaseNumber, p.Milestones)
	}
	if p.URL != "" && !strings.HasPrefix(p.URL, "https://www.asker.kommune.no/") {
		t.Errorf("url %q is not on the municipality's site", p.URL)
	}
}

func TestDefaultGeneralFacts(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	g := c.General
	if g.Municipality != "Asker kommune" {
		t.Errorf("municipality = %q", g.Municipality)
	}
	for name, txt := range map[string]bot.Text{"about": g.About, "origin": g.Origin,
		"participation": g.Participation, "meeting": g.Meeting, "corona": g.Corona} {
		for _, l := range bot.Langs {
			if txt[l] == "" {
				t.Errorf("general.%s.%s is empty", name, l)
			}
		}
	}
	mustContain := map[string][]string{
		g.About[bot.NB]:         {"12-årsperspektiv", "hvert fjerde år", "samfunnsdel", "ingen nye mål"},
		g.About[bot.EN]:         {"12-year", "every four years", "no\nnew goals"},
		g.Origin[bot.NB]:        {"Handlingsprogrammet 2020–2023", "0036/19", "koronapandemien"},
		g.Origin[bot.EN]:        {"2020–2023", "0036/19", "corona"},
		g.Meeting[bot.NB]:       {"10. juni 2020", "videoopptak"},
		g.Meeting[bot.EN]:       {"10 June 2020", "video"},
		g.Participation[bot.NB]: {"folkevalgte", "lag og foreninger", "nettsider"},
	}
	for txt, subs := range mustContain {
		for _, s := range subs {
			// Folded YAML joins lines with spaces; compare on single spaces.
			if !strings.Contains(txt, strings.ReplaceAll(s, "\n", " ")) {
				t.Errorf("%q does not mention %q", txt, s)
			}
		}
	}
	if _, err := url.Parse(g.PlansURL); err != nil || g.PlansURL == "" {
		t.Errorf("plans_url %q", g.PlansURL)
	}
}

func TestDefaultTextIsPlain(t *testing.T) {
	data := DefaultData()
	for i, r := range string(data) {
		if r >= 0x1F000 || (r >= 0x2600 && r <= 0x27BF) {
			t.Fatalf("emoji or pictograph %q at byte %d", r, i)
		}
	}
	if strings.Contains(string(data), "\t") {
		t.Error("plans.yaml contains a tab")
	}
}

func TestLoad(t *testing.T) {
	def, err := Load("")
	if err != nil || len(def.Plans) != 14 {
		t.Fatalf(`Load(""): %d plans, %v`, len(def.Plans), err)
	}
	c, err := Load(filepath.Join("testdata", "minimal.yaml"))
	if err != nil {
		t.Fatalf("Load minimal: %v", err)
	}
	if p, ok := c.Plan("klima"); !ok || p.Name.In(bot.EN) != "Theme plan klima" {
		t.Errorf("klima = %+v, %v", p, ok)
	}
	_, err = Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

func TestDefaultDataIsACopy(t *testing.T) {
	d := DefaultData()
	d[0] = 'X'
	if DefaultData()[0] == 'X' {
		t.Error("DefaultData shares its bytes")
	}
	if _, err := Default(); err != nil {
		t.Error(err)
	}
}

func TestMinimalFixtureMatchesRules(t *testing.T) {
	// The broken fixtures are derived from minimal.yaml: it must stay valid.
	data, err := os.ReadFile(filepath.Join("testdata", "minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("minimal.yaml", data); err != nil {
		t.Fatal(err)
	}
}
