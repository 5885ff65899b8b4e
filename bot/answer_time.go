package bot

import "fmt"

// staleAfter is how far the catalogue's as_of date may lie behind today
// before answers say which date their facts describe.
const staleAfter = 180 // days

// stale reports whether the catalogue describes a situation well in the past.
func (a *Answerer) stale(cat *Catalog) bool {
	asOf := cat.General.AsOf
	if asOf.IsZero() {
		return false
	}
	today := a.cfg.Now().In(a.cfg.Location)
	return today.Sub(asOf.At(0, 0, a.cfg.Location)).Hours() > 24*staleAfter
}

// asOf is "Per juni 2020:" / "As of June 2020:" for the catalogue's date.
func (a *Answerer) asOf(cat *Catalog, lang Lang) string {
	key := asOfKey{cat.General.AsOf, lang}
	if s, ok := a.asOfs.Load(key); ok {
		return s.(string)
	}
	d := cat.General.AsOf
	s := a.t(lang, "asof.prefix", map[string]any{
		"Month": a.t(lang, fmt.Sprintf("month.%d", int(d.Month)), nil), "Year": d.Year})
	a.asOfs.Store(key, s)
	return s
}

// asOfKey keys the cached "as of" prefix: one per date and language.
type asOfKey struct {
	date Date
	lang Lang
}

// timed returns message id, or when the catalogue is stale its ".asof"
// variant (past tense) after "As of <month year>".
func (a *Answerer) timed(cat *Catalog, lang Lang, id string, data map[string]any) string {
	if !a.stale(cat) {
		return a.t(lang, id, data)
	}
	return a.asOf(cat, lang) + " " + a.t(lang, id+".asof", data)
}

// start says when work on p starts: from the exact date when known (a past
// date is never told as future), else from the plan's wave as of the
// catalogue's date.
func (a *Answerer) start(cat *Catalog, p Plan, lang Lang) string {
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
		s = a.timed(cat, lang, "plan.start.first", nil)
	default:
		s = a.timed(cat, lang, "plan.start.later", nil)
	}
	return s + " " + a.t(lang, "plan.start.caveat", nil)
}

// status is the plan's status, as of the catalogue's date when that is long past.
func (a *Answerer) status(cat *Catalog, p Plan, lang Lang) string {
	if !a.stale(cat) {
		return a.t(lang, "status."+p.Status, nil)
	}
	return a.asOf(cat, lang) + " " + a.t(lang, "status."+p.Status+".asof", nil)
}

// FormatDate writes d the way lang writes dates ("1. desember 2026", "1 December 2026").
func (a *Answerer) FormatDate(d Date, lang Lang) string {
	return a.t(lang, "date.format", map[string]any{
		"Day": d.Day, "Month": a.t(lang, fmt.Sprintf("month.%d", int(d.Month)), nil), "Year": d.Year})
}
