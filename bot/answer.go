package bot

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// CatalogFunc adapts a function to CatalogSource.
type CatalogFunc func() *Catalog

// Catalog returns f().
func (f CatalogFunc) Catalog() *Catalog { return f() }

// AnswererConfig is what NewAnswerer needs.
type AnswererConfig struct {
	// Catalog gives the catalogue answers are taken from (with start-date overrides).
	Catalog CatalogSource
	// Base, when set, is the catalogue the matcher is built from; it changes
	// only when the catalogue file does. Defaults to Catalog.
	Base            CatalogSource
	Localizer       Localizer
	NewUnderstander func(*Catalog) Understander
	Now             func() time.Time
	Location        *time.Location
}

// Answerer answers questions from the catalogue. It needs no store, so the
// `ask` command can use it alone. It is safe for concurrent use.
type Answerer struct {
	cfg AnswererConfig

	mu  sync.Mutex // serialises rebuilding the matcher
	und atomic.Pointer[builtMatcher]
}

// builtMatcher is a matcher and the catalogue it was built from.
type builtMatcher struct {
	on  *Catalog
	und Understander
}

// NewAnswerer returns an Answerer; missing Now and Location default to
// time.Now and Europe/Oslo (UTC if the zone data is unavailable).
func NewAnswerer(cfg AnswererConfig) *Answerer {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		loc, err := time.LoadLocation("Europe/Oslo")
		if err != nil {
			loc = time.UTC
		}
		cfg.Location = loc
	}
	if cfg.Base == nil {
		cfg.Base = cfg.Catalog
	}
	return &Answerer{cfg: cfg}
}

// understander returns the matcher for the current base catalogue, building
// a new one only when the catalogue itself was replaced.
func (a *Answerer) understander() Understander {
	base := a.cfg.Base.Catalog()
	if b := a.und.Load(); b != nil && b.on == base {
		return b.und
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if b := a.und.Load(); b != nil && b.on == base {
		return b.und
	}
	b := &builtMatcher{on: base, und: a.cfg.NewUnderstander(base)}
	a.und.Store(b)
	return b.und
}

// Understand classifies text with the current catalogue's matcher.
func (a *Answerer) Understand(text string) Understanding { return a.understander().Understand(text) }

// Ask understands text and answers it in the detected language.
func (a *Answerer) Ask(text string) Reply {
	u := a.Understand(text)
	return a.Answer(u, u.Lang)
}

func (a *Answerer) t(lang Lang, id string, data map[string]any) string {
	return a.cfg.Localizer.Text(lang, id, data)
}

// Answer composes the reply to an understood message in lang.
func (a *Answerer) Answer(u Understanding, lang Lang) Reply {
	cat := a.cfg.Catalog.Catalog()
	p, hasPlan := cat.Plan(u.Plan)
	var r Reply
	switch u.Intent {
	case IntentPlanPurpose, IntentPlanThemes, IntentPlanStart, IntentPlanInfo:
		if !hasPlan {
			r = a.planless(cat, u.Intent, lang)
			break
		}
		r = a.planAnswer(cat, p, u.Intent, lang)
	case IntentPlansList:
		r = a.PlansList(lang)
	case IntentTemaplanAbout:
		r = a.sections(lang, Section{Title: a.t(lang, "about.title", nil),
			Body: cat.General.About.In(lang) + "\n\n" + cat.General.Origin.In(lang)})
	case IntentParticipationHow:
		r = a.sections(lang, Section{Title: a.t(lang, "participation.title", nil),
			Body: cat.General.Participation.In(lang) + "\n\n" + a.t(lang, "participation.bot", nil)})
	case IntentParticipationMeeting:
		link := a.link(lang, "meeting.video", cat.General.MeetingURL)
		if link == "" {
			link = a.link(lang, "meeting.page", cat.General.PlansURL)
		}
		r = a.sections(lang, Section{Title: a.t(lang, "meeting.title", nil), Body: cat.General.Meeting.In(lang) + link})
	case IntentCorona:
		r = a.sections(lang, Section{Title: a.t(lang, "corona.title", nil),
			Body: cat.General.Corona.In(lang) + a.link(lang, "corona.link", cat.General.CoronaURL)})
	case IntentInputSubmit:
		r = a.simple(lang, "input.how", planData(p, hasPlan, lang))
	case IntentHelp:
		r = a.Help(lang)
	case IntentGreeting:
		r = a.simple(lang, "greeting.text", nil)
	default:
		r = a.simple(lang, "unknown.text", nil)
		u.Intent = IntentUnknown
	}
	r.Intent, r.Lang = u.Intent, lang
	if hasPlan {
		r.Plan = p.ID
	}
	return r
}

func planData(p Plan, ok bool, lang Lang) map[string]any {
	if !ok {
		return map[string]any{"ID": "<plan>", "Name": ""}
	}
	return map[string]any{"ID": p.ID, "Name": p.Name.In(lang), "Short": p.Short.In(lang)}
}

func (a *Answerer) simple(lang Lang, id string, data map[string]any) Reply {
	return Reply{Lang: lang, Text: a.t(lang, id, data)}
}

// sections builds a reply whose Text is the sections joined, titles on
// their own line.
func (a *Answerer) sections(lang Lang, secs ...Section) Reply {
	return Reply{Lang: lang, Sections: secs, Text: joinSections(secs)}
}

func joinSections(secs []Section) string {
	var b strings.Builder
	for i, s := range secs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if s.Title != "" {
			b.WriteString(s.Title)
			if s.Body != "" {
				b.WriteString("\n")
			}
		}
		b.WriteString(s.Body)
	}
	return b.String()
}

func (a *Answerer) link(lang Lang, id, url string) string {
	if url == "" {
		return ""
	}
	return "\n" + a.t(lang, id, map[string]any{"URL": url})
}

// planless answers a plan question that named no plan.
func (a *Answerer) planless(cat *Catalog, intent Intent, lang Lang) Reply {
	switch intent {
	case IntentPlanPurpose:
		return a.sections(lang, Section{Title: a.t(lang, "about.title", nil), Body: cat.General.About.In(lang)})
	case IntentPlanStart:
		r := a.simple(lang, "start.general", map[string]any{"First": a.names(cat, WaveFirst, lang)})
		r.Choices = a.planChoices(cat, lang, ActPlanInfo)
		return r
	}
	return a.PlansList(lang)
}

// planAnswer answers a question about plan p.
func (a *Answerer) planAnswer(cat *Catalog, p Plan, intent Intent, lang Lang) Reply {
	name := p.Name.In(lang)
	var secs []Section
	switch intent {
	case IntentPlanPurpose:
		secs = []Section{{Title: name, Body: a.purpose(cat, p, lang)}}
	case IntentPlanThemes:
		secs = []Section{{Title: name, Body: a.themes(cat, p, lang)}}
	case IntentPlanStart:
		secs = []Section{{Title: name, Body: a.start(p, lang)}}
	default:
		secs = []Section{{Title: name}}
		if p.Purpose.In(lang) == "" && len(p.Themes.In(lang)) == 0 {
			secs = append(secs, Section{Title: a.t(lang, "heading.details", nil),
				Body: a.t(lang, "plan.details.unknown", map[string]any{"Follow": a.follow(cat, p, lang)})})
		} else {
			secs = append(secs,
				Section{Title: a.t(lang, "heading.purpose", nil), Body: a.purpose(cat, p, lang)},
				Section{Title: a.t(lang, "heading.themes", nil), Body: a.themes(cat, p, lang)})
		}
		secs = append(secs,
			Section{Title: a.t(lang, "heading.start", nil), Body: a.start(p, lang)},
			Section{Title: a.t(lang, "heading.status", nil), Body: a.t(lang, "status."+p.Status, nil)})
	}
	secs = append(secs, Section{Body: a.t(lang, "plan.input.how", map[string]any{"ID": p.ID})})
	r := a.sections(lang, secs...)
	r.Plan = p.ID
	r.Choices = []Choice{{Label: a.t(lang, "button.give_input", nil), Action: ActOpenForm, Value: p.ID, Style: "primary"}}
	return r
}

func (a *Answerer) purpose(cat *Catalog, p Plan, lang Lang) string {
	if s := p.Purpose.In(lang); s != "" {
		return s
	}
	return a.t(lang, "plan.purpose.unknown", map[string]any{"Follow": a.follow(cat, p, lang)})
}

func (a *Answerer) themes(cat *Catalog, p Plan, lang Lang) string {
	if th := p.Themes.In(lang); len(th) > 0 {
		return a.t(lang, "plan.themes.known", map[string]any{"Themes": a.list(lang, th)})
	}
	return a.t(lang, "plan.themes.unknown", map[string]any{"Follow": a.follow(cat, p, lang)})
}

// follow says where to follow a plan's work.
func (a *Answerer) follow(cat *Catalog, p Plan, lang Lang) string {
	url := p.URL
	if url == "" {
		url = cat.General.PlansURL
	}
	if url == "" {
		return a.t(lang, "plan.follow.nourl", nil)
	}
	return a.t(lang, "plan.follow", map[string]any{"URL": url})
}

// start says when work on p starts, from the exact date when known, else the wave.
func (a *Answerer) start(p Plan, lang Lang) string {
	var s string
	switch {
	case !p.Start.IsZero():
		today := DateOf(a.cfg.Now().In(a.cfg.Location))
		id := "plan.start.date.past"
		if today.Before(p.Start) {
			id = "plan.start.date.future"
		}
		s = a.t(lang, id, map[string]any{"Date": a.FormatDate(p.Start, lang)})
	case p.Wave == WaveFirst:
		s = a.t(lang, "plan.start.first", nil)
	default:
		s = a.t(lang, "plan.start.later", nil)
	}
	return s + " " + a.t(lang, "plan.start.caveat", nil)
}

// FormatDate writes d the way lang writes dates ("1. desember 2026", "1 December 2026").
func (a *Answerer) FormatDate(d Date, lang Lang) string {
	return a.t(lang, "date.format", map[string]any{
		"Day": d.Day, "Month": a.t(lang, fmt.Sprintf("month.%d", int(d.Month)), nil), "Year": d.Year})
}

// list joins items as "a, b and c" in lang.
func (a *Answerer) list(lang Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + a.t(lang, "list.and", nil) + items[len(items)-1]
}

func (a *Answerer) names(cat *Catalog, wave string, lang Lang) string {
	var out []string
	for _, p := range cat.Plans {
		if p.Wave == wave {
			out = append(out, p.Name.In(lang))
		}
	}
	return a.list(lang, out)
}

func (a *Answerer) planChoices(cat *Catalog, lang Lang, action string) []Choice {
	out := make([]Choice, 0, len(cat.Plans))
	for _, p := range cat.Plans {
		out = append(out, Choice{Label: p.Short.In(lang), Action: action, Value: p.ID})
	}
	return out
}

// PlansList lists every plan by wave.
func (a *Answerer) PlansList(lang Lang) Reply {
	cat := a.cfg.Catalog.Catalog()
	var first, later strings.Builder
	for _, p := range cat.Plans {
		b := &later
		if p.Wave == WaveFirst {
			b = &first
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "- %s (%s)", p.Name.In(lang), p.ID)
	}
	r := a.sections(lang,
		Section{Body: a.t(lang, "plans.list.intro", map[string]any{"Count": len(cat.Plans)})},
		Section{Title: a.t(lang, "plans.list.first", nil), Body: first.String()},
		Section{Title: a.t(lang, "plans.list.later", nil), Body: later.String()},
		Section{Body: a.t(lang, "plans.list.footer", nil)},
	)
	r.Intent = IntentPlansList
	return r
}

// Help says what the bot can do.
func (a *Answerer) Help(lang Lang) Reply {
	r := a.sections(lang, Section{Title: a.t(lang, "help.title", nil), Body: a.t(lang, "help.text", nil)})
	r.Intent = IntentHelp
	return r
}

// Overview is the plan list with how to give input (Slack App Home).
func (a *Answerer) Overview(lang Lang) Reply {
	r := a.PlansList(lang)
	r.Sections = append([]Section{{Title: a.t(lang, "overview.title", nil), Body: a.t(lang, "overview.intro", nil)}}, r.Sections...)
	r.Sections = append(r.Sections, Section{Title: a.t(lang, "overview.input.title", nil), Body: a.t(lang, "overview.input", nil)})
	r.Text = joinSections(r.Sections)
	r.Choices = []Choice{{Label: a.t(lang, "button.give_input", nil), Action: ActOpenForm, Style: "primary"}}
	return r
}

// SuggestPlans returns plans matching query (names and aliases, every
// language; typos tolerated), best first, as choices with the plan id as Value.
func (a *Answerer) SuggestPlans(query string, lang Lang, limit int) []Choice {
	cat := a.cfg.Catalog.Catalog()
	if limit <= 0 {
		limit = 25
	}
	q := strings.ToLower(strings.TrimSpace(query))
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] && len(ids) < limit {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range cat.Plans {
		if q == "" || matchesPrefix(p, q) {
			add(p.ID)
		}
	}
	if q != "" {
		for _, id := range a.understander().NearestPlans(q, limit) {
			add(id)
		}
	}
	out := make([]Choice, 0, len(ids))
	for _, id := range ids {
		p, _ := cat.Plan(id)
		out = append(out, Choice{Label: p.Name.In(lang), Action: ActChoosePlan, Value: id})
	}
	return out
}

func matchesPrefix(p Plan, q string) bool {
	if strings.HasPrefix(p.ID, q) {
		return true
	}
	for _, t := range []Text{p.Name, p.Short} {
		for _, s := range t {
			if strings.Contains(strings.ToLower(s), q) {
				return true
			}
		}
	}
	for _, l := range p.Aliases {
		for _, s := range l {
			if strings.HasPrefix(strings.ToLower(s), q) {
				return true
			}
		}
	}
	return false
}
