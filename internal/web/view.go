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
	More     []bot.Section // the middle of a long answer, behind "read more"
	After    []bot.Section // a long answer's short last part, after "read more"
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

// An answer up to foldLimit characters is shown whole. A longer one shows
// its first parts (sections up to foldShow characters, at least one with a
// body) and a short last part (the call to action), with the rest, when it
// is worth hiding (foldMin characters), behind "read more".
const (
	foldLimit = 480
	foldShow  = 240
	foldMin   = 160
	foldTail  = 160
)

// fold moves the middle of a long answer to More (and its short last part
// to After).
func (v *replyView) fold() {
	size := utf8.RuneCountInString(v.Text)
	for _, s := range v.Sections {
		size += sectionLen(s)
	}
	if size <= foldLimit {
		return
	}
	if len(v.Sections) == 0 || len(v.Sections) == 1 && v.Sections[0].Title == "" {
		text := v.Text
		if text == "" {
			text = v.Sections[0].Body
		}
		first, rest, ok := strings.Cut(text, "\n")
		if ok && utf8.RuneCountInString(rest) >= foldMin {
			v.Text, v.Sections, v.More = first, nil, []bot.Section{{Body: rest}}
		}
		return
	}
	show, shown, body := 0, 0, false
	for _, s := range v.Sections {
		if shown >= foldShow && body {
			break
		}
		show, shown, body = show+1, shown+sectionLen(s), body || s.Body != ""
	}
	end := len(v.Sections)
	if last := v.Sections[end-1]; end-1 > show && sectionLen(last) <= foldTail {
		end--
	}
	hidden := 0
	for _, s := range v.Sections[show:end] {
		hidden += sectionLen(s)
	}
	if hidden < foldMin {
		return
	}
	v.Sections, v.More, v.After = v.Sections[:show], v.Sections[show:end], v.Sections[end:]
}

func sectionLen(s bot.Section) int {
	return utf8.RuneCountInString(s.Title) + utf8.RuneCountInString(s.Body)
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
