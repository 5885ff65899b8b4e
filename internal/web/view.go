package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// tr gives templates the adapter's strings in one language: {{.T "web.send"}}.
type tr struct {
	Lang bot.Lang
	loc  bot.Localizer
}

// T returns the web string id in the view's language.
func (t tr) T(id string) string { return t.loc.Text(t.Lang, id, nil) }

// replyView is a bot reply ready for the template.
type replyView struct {
	tr
	Sections []bot.Section
	Text     string        // shown when there are no sections
	More     []bot.Section // the rest of a long answer, behind "read more"
	Choices  []choiceView
	Form     *formView
	Ref      string
	Link     string // the private link of a receipt
	LinkLost bool   // a receipt whose private link could not be stored
	Notice   bool   // the adapter's own message (limits, errors)
	// FormErrors marks a form sent back with errors: the reply says so,
	// and the errors stand at their fields.
	FormErrors bool
}

// choiceView is a button: Value is "action:value", posted as "choice".
type choiceView struct {
	Label, Value, Style string
}

// formView is the input form with any field errors.
type formView struct {
	tr
	ID                          string
	Title, Notice               string
	PlanLabel, TextLabel        string
	Placeholder, Submit, Cancel string
	Plans                       []option
	Text                        string
	MaxLen                      int
	PlanError, TextError        string
}

type option struct {
	Value, Label string
	Selected     bool
}

// buttonActions are the actions a button may post; any other is refused.
var buttonActions = map[string]bool{
	bot.ActConfirm: true, bot.ActCancel: true, bot.ActChoosePlan: true, bot.ActPlanInfo: true, bot.ActOpenForm: true,
}

// newReplyView renders r. A reply offering to open the form shows the form
// at once (there is no modal on a web page); a reply with field errors shows
// the last form again with the resident's values and the errors.
func (a *Adapter) newReplyView(r bot.Reply, last *bot.Form, sent map[string]string, id int) *replyView {
	lang := r.Lang
	if lang == "" {
		lang = bot.NB
	}
	v := &replyView{tr: tr{Lang: lang, loc: a.loc}, Sections: r.Sections, Ref: r.Ref}
	if len(v.Sections) == 0 {
		v.Text = r.Text
	}
	openForm := false
	for _, c := range r.Choices {
		openForm = openForm || c.Action == bot.ActOpenForm && r.Form != nil
	}
	for _, c := range r.Choices {
		if openForm && (c.Action == bot.ActOpenForm || c.Action == bot.ActCancel) {
			continue // the form is shown at once, with its own cancel button
		}
		if buttonActions[c.Action] {
			v.Choices = append(v.Choices, choiceView{Label: c.Label, Value: c.Action + ":" + c.Value, Style: c.Style})
		}
	}
	switch {
	case len(r.FieldErrors) > 0 && last != nil:
		v.Form = a.newFormView(last, lang, id, sent)
		v.Form.PlanError, v.Form.TextError = r.FieldErrors[bot.FieldPlan], r.FieldErrors[bot.FieldText]
		v.Text, v.Sections = "", nil // the errors stand at their fields
		v.FormErrors = v.Form.PlanError != "" || v.Form.TextError != ""
		if !v.FormErrors {
			v.Text = r.Text
		}
	case openForm:
		v.Form = a.newFormView(r.Form, lang, id, nil)
	}
	v.fold()
	return v
}

// An answer up to foldLimit characters is shown whole; a longer one shows
// its first parts (sections up to foldShow characters, at least one with a
// body) and the rest behind "read more".
const (
	foldLimit = 480
	foldShow  = 240
)

// fold moves all but the first part of a long answer to More.
func (v *replyView) fold() {
	size, show, shown, body := utf8.RuneCountInString(v.Text), 0, 0, false
	for i, s := range v.Sections {
		n := utf8.RuneCountInString(s.Title) + utf8.RuneCountInString(s.Body)
		if show == i && (shown < foldShow || !body) {
			show, shown, body = i+1, shown+n, body || s.Body != ""
		}
		size += n
	}
	switch {
	case size <= foldLimit:
	case len(v.Sections) > 1 && show < len(v.Sections):
		v.Sections, v.More = v.Sections[:show], v.Sections[show:]
	case len(v.Sections) == 1:
		if first, rest, ok := strings.Cut(v.Sections[0].Body, "\n"); ok && strings.TrimSpace(rest) != "" {
			v.Sections = []bot.Section{{Title: v.Sections[0].Title, Body: first}}
			v.More = []bot.Section{{Body: rest}}
		}
	default:
		if first, rest, ok := strings.Cut(v.Text, "\n"); ok && strings.TrimSpace(rest) != "" {
			v.Text, v.More = first, []bot.Section{{Body: rest}}
		}
	}
}

func (a *Adapter) newFormView(f *bot.Form, lang bot.Lang, id int, sent map[string]string) *formView {
	fv := &formView{tr: tr{Lang: lang, loc: a.loc}, ID: "f" + strconv.Itoa(id), Title: f.Title, Notice: f.Notice,
		PlanLabel: f.PlanLabel, TextLabel: f.TextLabel, Placeholder: f.TextPlaceholder, Submit: f.Submit,
		Cancel: f.Cancel, Text: f.Text, MaxLen: f.MaxLen}
	plan := f.Plan
	if sent != nil {
		plan, fv.Text = sent[bot.FieldPlan], sent[bot.FieldText]
	}
	for _, p := range f.Plans {
		fv.Plans = append(fv.Plans, option{Value: p.Value, Label: p.Label, Selected: p.Value == plan})
	}
	return fv
}

// labels maps the buttons of views to their labels, so a pressed button
// can be shown as what the resident "said".
func labels(views []*replyView) map[string]string {
	m := map[string]string{}
	for _, v := range views {
		for _, c := range v.Choices {
			m[c.Value] = c.Label
		}
	}
	return m
}

// parseChoice splits a posted "action:value"; ok is false for an action no
// button offers or a value that is not short plain text.
func parseChoice(s string) (act, value string, ok bool) {
	act, value, _ = strings.Cut(s, ":")
	if !buttonActions[act] && act != bot.ActSubmitForm || len(value) > 100 || strings.ContainsFunc(value, isControl) {
		return "", "", false
	}
	return act, value, true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
