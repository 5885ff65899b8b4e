package bot

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/askerkommune/temaplanbot/bot/act"
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
	// Langs are the languages whose locale words are understood (default Langs).
	Langs []Lang
	// Retention is named in the privacy answers (period and contact).
	Retention Retention
}

// Answerer understands messages and answers questions from the catalogue.
// It needs no store, so the `ask` command can use it alone. It is safe for
// concurrent use.
type Answerer struct {
	cfg AnswererConfig

	vocabOnce sync.Once
	v         *vocab
	acts      *act.Model // the dialog-act model, read with the vocabulary

	mu  sync.Mutex // serialises rebuilding the matcher
	und atomic.Pointer[builtMatcher]

	asOfs sync.Map // asOfKey -> "Per juni 2020:"
	texts sync.Map // textKey -> message without data
}

// builtMatcher is the understanding step built for one catalogue.
type builtMatcher struct {
	on  *Catalog
	und Understander
	in  *interpreter
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
	if len(cfg.Langs) == 0 {
		cfg.Langs = Langs
	}
	return &Answerer{cfg: cfg}
}

func (a *Answerer) vocab() *vocab {
	a.vocabOnce.Do(func() {
		a.v = buildVocab(a.cfg.Localizer, a.cfg.Langs)
		if m, err := act.Default(); err == nil { // a damaged file leaves the exact rules alone (tested in package act)
			a.acts = m
		}
	})
	return a.v
}

// built returns the understanding step for the current base catalogue,
// building a new one only when the catalogue itself was replaced.
func (a *Answerer) built() *builtMatcher {
	base := a.cfg.Base.Catalog()
	if b := a.und.Load(); b != nil && b.on == base {
		return b
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if b := a.und.Load(); b != nil && b.on == base {
		return b
	}
	und := a.cfg.NewUnderstander(base)
	v := a.vocab() // reads the act model too
	b := &builtMatcher{on: base, und: und, in: &interpreter{v: v, idx: newPlanIndex(base, und), acts: a.acts}}
	a.und.Store(b)
	return b
}

func (a *Answerer) understander() Understander { return a.built().und }

func (a *Answerer) interp() *interpreter { return a.built().in }

// Understand classifies text with the current catalogue's matcher alone.
func (a *Answerer) Understand(text string) Understanding { return a.understander().Understand(text) }

// Parse runs the understanding step on text with no dialog under way: the
// meaning a message has on its own (as `ask --json` shows it).
func (a *Answerer) Parse(text string) Meaning {
	in := *a.interp()
	in.noText = true
	return in.parse(text, false, Dialog{})
}

// Ask understands text and answers it in the language it is written in
// (the language asked for, for a language switch), without a store.
func (a *Answerer) Ask(text string) Reply {
	m := a.Parse(text)
	lang := m.Lang
	if lang == "" {
		lang = NB
	}
	if m.Intent == IntentLanguage && m.Want != "" {
		lang = m.Want
	}
	return a.answerAlone(m, lang)
}

// answerAlone answers m without a store or dialog: questions from the
// catalogue; what needs the chat (own input, confirmations) is explained.
func (a *Answerer) answerAlone(m Meaning, lang Lang) Reply {
	var r Reply
	switch m.Intent {
	case IntentPrivacy:
		r = a.privacyFor(lang, m)
	case IntentLanguage:
		r = a.simple(lang, "language.set", nil)
		if m.Want == "" {
			r = a.simple(lang, "language.usage", nil)
		}
	case IntentInputList, IntentInputDelete, IntentYes, IntentNo, IntentCancel, IntentStaffReminders,
		IntentStaffDigest, IntentStaffStart, IntentStaffHide, IntentStaffUnhide, IntentStaffArchive:
		r = a.simple(lang, "ask.chat_only", nil)
	case IntentPlanChange, IntentStaffSummary:
		r = a.Answer(Understanding{Intent: IntentPlanInfo, Plan: m.Plan}, lang)
	default:
		r = a.Answer(Understanding{Intent: m.Intent, Plan: m.Plan}, lang)
	}
	r.Intent, r.Lang = m.Intent, lang
	if m.Plan != "" {
		r.Plan = m.Plan
	}
	return r
}

// t returns message id in lang. Messages without data are the same every
// time (the locale files do not change while the program runs), so they
// are looked up once.
func (a *Answerer) t(lang Lang, id string, data map[string]any) string {
	if data != nil {
		return a.cfg.Localizer.Text(lang, id, data)
	}
	key := textKey{lang, id}
	if s, ok := a.texts.Load(key); ok {
		return s.(string)
	}
	s := a.cfg.Localizer.Text(lang, id, nil)
	a.texts.Store(key, s)
	return s
}

// textKey keys the cache of messages without data.
type textKey struct {
	lang Lang
	id   string
}

// Answer composes the reply to a question in lang.
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
			Body: cat.General.Participation.In(lang) + a.link(lang, "participation.page", cat.General.PlansURL) +
				"\n\n" + a.t(lang, "participation.bot", nil)})
	case IntentParticipationMeeting:
		link := a.link(lang, "meeting.video", cat.General.MeetingURL)
		if link == "" {
			link = a.link(lang, "meeting.page", cat.General.PlansURL)
		}
		r = a.sections(lang, Section{Title: a.t(lang, "meeting.title", nil), Body: cat.General.Meeting.In(lang) + link})
	case IntentCorona:
		c := Section{Title: a.t(lang, "corona.title", nil),
			Body: cat.General.Corona.In(lang) + a.link(lang, "corona.link", cat.General.CoronaURL)}
		if !hasPlan {
			r = a.sections(lang, c)
			break
		}
		// corona and one plan: when that plan starts (dates moved), then the general word
		start := a.planAnswer(cat, p, IntentPlanStart, lang)
		r = a.sections(lang, append(start.Sections, c)...)
	case IntentInputSubmit:
		r = a.simple(lang, "input.how", planData(p, hasPlan, lang))
	case IntentHelp:
		r = a.Help(lang)
	case IntentGreeting:
		r = a.simple(lang, "greeting.text", nil)
	default:
		u.Intent = IntentUnknown
		if hasPlan { // asked about a plan what the catalogue does not say
			r = a.simple(lang, "unknown.plan", planData(p, true, lang))
			break
		}
		r = a.simple(lang, "unknown.text", nil)
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
		if a.stale(cat) {
			r.Text = a.asOf(cat, lang) + " " + a.t(lang, "start.general.asof", map[string]any{"First": a.names(cat, WaveFirst, lang)})
		}
		r.Choices = a.planChoices(cat, lang, ActPlanInfo)
		return r
	}
	return a.PlansList(lang)
}

// planAnswer answers a question about plan p. "What is it about", its
// purpose and its themes all get both purpose and themes.
func (a *Answerer) planAnswer(cat *Catalog, p Plan, intent Intent, lang Lang) Reply {
	name := p.Name.In(lang)
	var secs []Section
	switch intent {
	case IntentPlanPurpose, IntentPlanThemes:
		secs = []Section{{Title: name}}
		secs = append(secs, a.details(cat, p, lang)...)
	case IntentPlanStart:
		secs = []Section{{Title: name, Body: a.start(cat, p, lang)}}
	default:
		secs = []Section{{Title: name}}
		secs = append(secs, a.details(cat, p, lang)...)
		secs = append(secs,
			Section{Title: a.t(lang, "heading.start", nil), Body: a.start(cat, p, lang)},
			Section{Title: a.t(lang, "heading.status", nil), Body: a.status(cat, p, lang)})
	}
	secs = append(secs, Section{Body: a.t(lang, "plan.input.how", map[string]any{"ID": p.ID})})
	r := a.sections(lang, secs...)
	r.Plan = p.ID
	r.Choices = []Choice{{Label: a.t(lang, "button.give_input", nil), Action: ActOpenForm, Value: p.ID, Style: "primary"}}
	return r
}

// details are a plan's purpose and themes, or one section saying they are not known yet.
func (a *Answerer) details(cat *Catalog, p Plan, lang Lang) []Section {
	if p.Purpose.In(lang) == "" && len(p.Themes.In(lang)) == 0 {
		return []Section{{Title: a.t(lang, "heading.details", nil),
			Body: a.timed(cat, lang, "plan.details.unknown", map[string]any{"Follow": a.follow(cat, p, lang)})}}
	}
	return []Section{
		{Title: a.t(lang, "heading.purpose", nil), Body: a.purpose(cat, p, lang)},
		{Title: a.t(lang, "heading.themes", nil), Body: a.themes(cat, p, lang)},
	}
}

func (a *Answerer) purpose(cat *Catalog, p Plan, lang Lang) string {
	if s := p.Purpose.In(lang); s != "" {
		return s
	}
	return a.timed(cat, lang, "plan.purpose.unknown", map[string]any{"Follow": a.follow(cat, p, lang)})
}

func (a *Answerer) themes(cat *Catalog, p Plan, lang Lang) string {
	if th := p.Themes.In(lang); len(th) > 0 {
		return a.t(lang, "plan.themes.known", map[string]any{"Themes": a.list(lang, th)})
	}
	return a.timed(cat, lang, "plan.themes.unknown", map[string]any{"Follow": a.follow(cat, p, lang)})
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
