package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// idPattern is the form of plan and milestone ids: lowercase words joined
// by single hyphens.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validator collects the problems of one decoded file.
type validator struct {
	f     *file
	probs []Problem
}

// validate checks a decoded file and returns every problem found.
func validate(f *file) []Problem {
	v := &validator{f: f}
	v.general()
	for i := range f.Plans {
		v.plan(i)
	}
	v.requiredIDs()
	v.sharedTerms()
	return v.probs
}

// add records a problem with field (relative to plan i, or to the top
// of the file when i < 0).
func (v *validator) add(i int, field, msg string) {
	full := field
	if i >= 0 {
		full = "plans[" + strconv.Itoa(i) + "]"
		if field != "" {
			full += "." + field
		}
	}
	p := Problem{Field: field, Message: msg, Line: v.line(full)}
	if i >= 0 {
		p.plan = i + 1
		p.Plan = v.ref(i)
	}
	v.probs = append(v.probs, p)
}

// ref names plan i: its id when usable, else "#n".
func (v *validator) ref(i int) string {
	if id := v.f.Plans[i].ID; idPattern.MatchString(id) {
		return id
	}
	return "#" + strconv.Itoa(i+1)
}

// line returns the line of path or of its nearest known parent.
func (v *validator) line(path string) int {
	for path != "" {
		if l, ok := v.f.lines[path]; ok {
			return l
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return 0
}

func (v *validator) general() {
	g := v.f.General
	if strings.TrimSpace(g.Municipality) == "" {
		v.add(-1, "general.municipality", "is empty")
	}
	v.required(-1, "general.about", g.About)
	v.required(-1, "general.origin", g.Origin)
	v.required(-1, "general.participation", g.Participation)
	v.required(-1, "general.meeting", g.Meeting)
	v.required(-1, "general.corona", g.Corona)
	v.url(-1, "general.plans_url", g.PlansURL)
	v.url(-1, "general.meeting_url", g.MeetingURL)
	v.url(-1, "general.corona_url", g.CoronaURL)
	v.date(-1, "general.as_of", g.AsOf, false)
}

func (v *validator) plan(i int) {
	p := v.f.Plans[i]
	switch {
	case p.ID == "":
		v.add(i, "id", "is empty")
	case !idPattern.MatchString(p.ID):
		v.add(i, "id", fmt.Sprintf("%q is not a valid id (use lowercase letters a-z, digits and single hyphens)", p.ID))
	}
	for j := 0; j < i; j++ {
		if p.ID != "" && v.f.Plans[j].ID == p.ID {
			v.add(i, "id", fmt.Sprintf("%q is already used by plan #%d", p.ID, j+1))
			break
		}
	}
	v.required(i, "name", p.Name)
	v.required(i, "short", p.Short)
	v.oneOf(i, "wave", p.Wave, bot.WaveFirst, bot.WaveLater)
	v.oneOf(i, "status", p.Status, bot.StatusPlanned, bot.StatusInProgress, bot.StatusHearing, bot.StatusAdopted)
	v.date(i, "start", p.Start, false)
	v.url(i, "url", p.URL)
	v.list(i, "aliases", p.Aliases)
	v.optional(i, "purpose", p.Purpose)
	v.list(i, "themes", p.Themes)
	v.allOrNone(i, "themes", len(p.Themes["nb"]) > 0, len(p.Themes["en"]) > 0)
	v.milestones(i)
}

func (v *validator) milestones(i int) {
	seen := map[string]bool{}
	for j, m := range v.f.Plans[i].Milestones {
		field := "milestones[" + strconv.Itoa(j) + "]"
		switch {
		case m.ID == "":
			v.add(i, field+".id", "is empty")
		case !idPattern.MatchString(m.ID):
			v.add(i, field+".id", fmt.Sprintf("%q is not a valid id (use lowercase letters a-z, digits and single hyphens)", m.ID))
		case seen[m.ID]:
			v.add(i, field+".id", fmt.Sprintf("%q is used by two milestones of this plan", m.ID))
		}
		seen[m.ID] = true
		v.required(i, field+".name", m.Name)
		v.date(i, field+".date", m.Date, true)
	}
}

// required checks that t has a non-empty text in every supported language
// and no other languages.
func (v *validator) required(i int, field string, t map[string]string) {
	v.langKeys(i, field, keys(t))
	for _, l := range bot.Langs {
		if strings.TrimSpace(t[string(l)]) == "" {
			v.add(i, field+"."+string(l), "is empty")
		}
	}
}

// optional checks that t is either empty or set in every language.
func (v *validator) optional(i int, field string, t map[string]string) {
	v.langKeys(i, field, keys(t))
	v.allOrNone(i, field, strings.TrimSpace(t["nb"]) != "", strings.TrimSpace(t["en"]) != "")
}

// allOrNone reports a field set in one language but not the other.
func (v *validator) allOrNone(i int, field string, nb, en bool) {
	switch {
	case nb && !en:
		v.add(i, field+".en", "is empty while "+field+".nb is set (give both languages, or neither)")
	case en && !nb:
		v.add(i, field+".nb", "is empty while "+field+".en is set (give both languages, or neither)")
	}
}

// list checks the languages and entries of a list field.
func (v *validator) list(i int, field string, t map[string][]string) {
	ks := make([]string, 0, len(t))
	for k, l := range t {
		ks = append(ks, k)
		for j, s := range l {
			if strings.TrimSpace(s) == "" {
				v.add(i, fmt.Sprintf("%s.%s[%d]", field, k, j), "is empty")
			}
		}
	}
	v.langKeys(i, field, ks)
}
