package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Buttons and forms: they arrive as the same intents as typed words.

// action understands a button press or a form submission.
func (in *interpreter) action(a *Action, d Dialog) Meaning {
	m := Meaning{Command: true, Intent: IntentHelp}
	switch a.ID {
	case ActPlanInfo:
		m.Intent, m.Plan = IntentPlanInfo, in.idx.resolve(a.Value, nil)
		if m.Plan == "" {
			m.Given = a.Value
		}
	case ActChoosePlan:
		m.Intent, m.Plan = IntentInputSubmit, in.idx.resolve(a.Value, nil)
		if inInput(d) {
			m.Intent = IntentPlanChange
		}
		if m.Plan == "" {
			m.Intent, m.Given = IntentInputSubmit, a.Value
		}
	case ActMoreInput:
		m.Intent, m.Skip = IntentInputList, max(atoiOr0(a.Value), 0)
	case ActMorePlans:
		m.Intent, m.Skip = IntentPlansList, max(atoiOr0(a.Value), 0)
	case ActConfirm:
		m.Intent = IntentYes
	case ActAmend:
		m.Intent, m.Amend = IntentUnknown, a.Value
	case ActCancel:
		m.Intent = IntentCancel
	case ActLanguage:
		m.Intent = IntentLanguage
		m.Want, _ = ParseLang(a.Value)
	case ActOpenForm:
		m.Intent, m.Form, m.Plan = IntentInputSubmit, true, in.idx.resolve(a.Value, nil)
	case ActSubmitForm:
		m.Intent, m.Form, m.Fields = IntentInputSubmit, true, a.Fields
		if m.Fields == nil {
			m.Fields = map[string]string{}
		}
		m.Plan = in.idx.resolve(m.Fields[FieldPlan], nil)
		if text := m.Fields[FieldText]; strings.TrimSpace(text) != "" { // the form's text tells its language
			t := in.parse(text, false, Dialog{})
			m.Lang, m.LangSure, m.Words = t.Lang, t.LangSure, t.Words
		}
	}
	return m
}

// formIntent opens the input form (with the privacy notice the first
// time) or takes a submitted form.
func (e *Engine) formIntent(ctx context.Context, t *turn, m Meaning) outcome {
	if m.Fields != nil {
		r := e.submitForm(ctx, t, m)
		if r.Ref != "" {
			return reply(r).done()
		}
		return reply(r)
	}
	out := e.notice(ctx, t)
	r := e.askText(t, m.Plan)
	if m.Plan == "" {
		r = e.askPlan(t, "input.ask_plan", nil)
	}
	return reply(append(out, r)...)
}

// submitForm validates and stores a form submission. Problems come back as
// FieldErrors so the form can show them next to the field.
func (e *Engine) submitForm(ctx context.Context, t *turn, m Meaning) Reply {
	errs := map[string]string{}
	switch {
	case strings.TrimSpace(m.Fields[FieldPlan]) == "":
		errs[FieldPlan] = e.text(t.lang, "form.plan_missing", nil)
	case m.Plan == "":
		errs[FieldPlan] = e.unknownPlan(t, m.Fields[FieldPlan], ActChoosePlan).Text
	}
	c := CheckInput(m.Fields[FieldText])
	if !c.OK() {
		errs[FieldText] = e.problemText(t.lang, c)
	}
	if len(errs) > 0 {
		return Reply{Lang: t.lang, Intent: IntentInputSubmit, Private: true, FieldErrors: errs,
			Text: joinErrors(errs)}
	}
	if t.prefs.NoticeSeen.IsZero() {
		e.notice(ctx, t) // the form showed the notice; remember it
	}
	o := e.save(ctx, t, Dialog{Plan: m.Plan, Text: c.Text, Flags: c.Flags, SubmitKey: formKey(t, m.Plan, c.Text, e.cfg.Now())})
	r := o.replies[0]
	if r.Ref == "" { // not saved: show why in the form
		r.FieldErrors = map[string]string{FieldText: r.Text}
	}
	return r
}

func joinErrors(errs map[string]string) string {
	var parts []string
	for _, k := range []string{FieldPlan, FieldText} {
		if v := errs[k]; v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "\n")
}

// formKey is the idempotency key of a form submission: the same resident
// sending the same text to the same plan on the same day is the same input.
// A platform's form retry, or a resident who was told "not saved" while the
// write in fact landed (a database stopping mid-write) and sends the form
// again as a new interaction, gets the stored copy back instead of a second.
func formKey(t *turn, plan, text string, now time.Time) string {
	h := sha256.Sum256([]byte(t.author + "\x00" + plan + "\x00" + text))
	return "form-" + now.UTC().Format("20060102") + "-" + hex.EncodeToString(h[:12])
}
