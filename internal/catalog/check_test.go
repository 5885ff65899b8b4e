package catalog

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// checkValid asserts the invariants a parsed catalogue must hold, checked
// independently of the validator (used by tests and FuzzParse).
func checkValid(t *testing.T, c *bot.Catalog) {
	t.Helper()
	if c == nil {
		t.Fatal("nil catalogue without an error")
	}
	count := map[string]int{}
	owner := map[string]string{}
	for _, p := range c.Plans {
		count[p.ID]++
		for _, l := range bot.Langs {
			if p.Name[l] == "" || p.Short[l] == "" {
				t.Errorf("plan %q: name or short name missing in %s", p.ID, l)
			}
			if (p.Purpose[bot.NB] == "") != (p.Purpose[l] == "") {
				t.Errorf("plan %q: purpose in nb but not %s (or the reverse)", p.ID, l)
			}
			for _, a := range append(append([]string{p.Name[l], p.Short[l]}, p.Aliases[l]...), p.ID) {
				k := strings.Join(strings.Fields(strings.ToLower(a)), " ")
				if o, ok := owner[k]; ok && o != p.ID {
					t.Errorf("%q belongs to plans %q and %q", a, o, p.ID)
				}
				owner[k] = p.ID
			}
		}
		if p.Wave != bot.WaveFirst && p.Wave != bot.WaveLater {
			t.Errorf("plan %q: wave %q", p.ID, p.Wave)
		}
		if !slices.Contains([]string{bot.StatusPlanned, bot.StatusInProgress, bot.StatusHearing, bot.StatusAdopted}, p.Status) {
			t.Errorf("plan %q: status %q", p.ID, p.Status)
		}
		if u, err := url.Parse(p.URL); p.URL != "" && (err != nil || u.Scheme != "https" || u.Host == "") {
			t.Errorf("plan %q: url %q", p.ID, p.URL)
		}
		for _, m := range p.Milestones {
			if m.Date.IsZero() || m.ID == "" {
				t.Errorf("plan %q: milestone %+v", p.ID, m)
			}
		}
	}
	for _, id := range RequiredIDs() {
		if count[id] != 1 {
			t.Errorf("plan %q appears %d times", id, count[id])
		}
	}
	for _, l := range bot.Langs {
		g := c.General
		if g.Municipality == "" || g.About[l] == "" || g.Origin[l] == "" || g.Participation[l] == "" ||
			g.Meeting[l] == "" || g.Corona[l] == "" {
			t.Errorf("general facts incomplete in %s", l)
		}
	}
}
