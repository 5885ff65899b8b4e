package bot

import (
	"fmt"
	"time"
)

// Text is content in several languages, keyed by Lang.
type Text map[Lang]string

// In returns the text in lang, falling back to bokmål, then to any language.
func (t Text) In(lang Lang) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[NB]; s != "" {
		return s
	}
	for _, s := range t {
		if s != "" {
			return s
		}
	}
	return ""
}

// TextList is a list of phrases in several languages (themes, aliases).
type TextList map[Lang][]string

// In returns the list in lang, falling back to bokmål.
func (t TextList) In(lang Lang) []string {
	if l := t[lang]; len(l) > 0 {
		return l
	}
	return t[NB]
}

// Date is a calendar day without a time zone (a plan's start date).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses YYYY-MM-DD. It returns an error wrapping ErrInvalid.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD: %w", s, ErrInvalid)
	}
	return DateOf(t), nil
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d as YYYY-MM-DD ("" when unset).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// At returns the instant of clock time hh:mm on day d in loc.
func (d Date) At(hour, minute int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, loc)
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// Plan waves as in the source text.
const (
	WaveFirst = "first" // the four plans worked on first
	WaveLater = "later" // plans starting later in 2020
)

// Plan status codes; their wording lives in locales as "status.<code>".
const (
	StatusPlanned    = "planned"
	StatusInProgress = "in-progress"
	StatusHearing    = "hearing"
	StatusAdopted    = "adopted"
)

// Plan is one theme plan (temaplan) in the catalogue.
type Plan struct {
	ID      string   // stable id, e.g. "klima"
	Name    Text     // official name
	Short   Text     // short name people use ("klimaplanen", "the climate plan")
	Aliases TextList // other names and keywords people use for it
	// Hints are further words that point to the plan but are shared with
	// other plans or too general to be an alias ("skole", "environment"),
	// in any language. A leading "!" marks the plan a shared word means by
	// default. They weigh less than names and aliases.
	Hints   []string
	Purpose Text     // empty where the source says nothing
	Themes  TextList // empty where the source says nothing
	Wave    string   // WaveFirst or WaveLater
	Start   Date     // exact start date when known (dates move: data, not code)
	Status  string   // Status* code
	URL     string   // the municipality's page, when known
	// CaseNumber is the case (saksnummer) written input is filed under, when known.
	CaseNumber string
	Milestones []Milestone
}

// Milestone is a dated event in a plan's work other than the start
// (e.g. an input deadline); reminders announce it like a start.
type Milestone struct {
	ID   string // stable within the plan, e.g. "input-deadline"
	Name Text
	Date Date
}

// General holds the catalogue's facts that are not about one plan.
type General struct {
	Municipality  string
	About         Text   // what a theme plan is
	Origin        Text   // how the work was started (action programme, case 0036/19)
	Participation Text   // how residents take part
	Meeting       Text   // the digital participation meeting of 10 June 2020
	MeetingURL    string // video recording
	Corona        Text
	CoronaURL     string
	PlansURL      string // the theme plans overview page
	// AsOf is the day the catalogue's facts describe (its source's date).
	// When it lies well behind today, answers say "as of <month year>".
	AsOf Date
}

// Catalog is the plan catalogue. Use Plan to look a plan up by id.
type Catalog struct {
	Plans   []Plan
	General General
}

// Plan returns the plan with id, or false.
func (c *Catalog) Plan(id string) (Plan, bool) {
	for _, p := range c.Plans {
		if p.ID == id {
			return p, true
		}
	}
	return Plan{}, false
}

// WithStarts returns a copy of c where the plans named in starts have that
// start date (staff overrides from the store).
func (c *Catalog) WithStarts(starts map[string]Date) *Catalog {
	out := &Catalog{General: c.General, Plans: make([]Plan, len(c.Plans))}
	copy(out.Plans, c.Plans)
	for i, p := range out.Plans {
		if d, ok := starts[p.ID]; ok {
			out.Plans[i].Start = d
		}
	}
	return out
}

// CatalogSource returns the current catalogue; it may change while the
// program runs (a reloaded file, a staff member moving a start date).
type CatalogSource interface {
	Catalog() *Catalog
}
