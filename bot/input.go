package bot

import (
	"context"
	"errors"
	"strings"
	"time"
)

// The input (innspill) steps of the dialog: asking for the plan and the
// text, checking the text, confirming and storing it.

// notice returns the privacy notice the first time a resident gives input
// and remembers that it was shown.
func (e *Engine) notice(ctx context.Context, t *turn) []Reply {
	if !t.prefs.NoticeSeen.IsZero() {
		return nil
	}
	// Remember the notice only on top of preferences actually read, so a
	// store hiccup never overwrites a resident's saved language.
	if t.prefsOK {
		t.prefs.NoticeSeen = e.cfg.Now()
		if err := e.cfg.Store.SavePrefs(e.storeCtx(ctx), t.prefs); err != nil {
			e.storeErr("save_prefs", err)
		}
	}
	r := e.ans.privacy(t.lang, "privacy.title") // "Before you give input: privacy"
	r.Intent = IntentInputSubmit
	return []Reply{r}
}

// startInput begins the input dialog with what the message gave: the plan,
// the text (checked before it is kept anywhere) and, when a word should
// have named a plan but did not, that word.
func (e *Engine) startInput(ctx context.Context, t *turn, plan, text, given string) outcome {
	pre := e.notice(ctx, t)
	d := Dialog{Step: StepPlan, Plan: plan}
	var o outcome
	switch {
	case plan != "" && text != "":
		o = e.takeText(t, d, text)
	case plan != "":
		d.Step = StepText
		o = reply(e.askText(t, plan)).then(d)
	case text != "":
		c := CheckInput(text)
		if !c.OK() {
			o = reply(e.problemReply(t, c), e.askPlan(t, "input.ask_plan", nil)).then(d)
			break
		}
		d.Text, d.Flags = c.Text, c.Flags
		ask := e.askPlan(t, "input.ask_plan", nil)
		if given != "" {
			ask = e.unknownPlan(t, given, ActChoosePlan)
		}
		ask.Text = e.text(t.lang, "input.kept", nil) + "\n\n" + quote(d.Text) + "\n\n" + ask.Text
		o = reply(ask).then(d)
	case given != "":
		o = reply(e.unknownPlan(t, given, ActChoosePlan)).then(d)
	default:
		o = reply(e.askPlan(t, "input.ask_plan", nil)).then(d)
	}
	for i := range pre {
		pre[i].Plan = plan
	}
	o.replies = append(pre, o.replies...)
	return o
}

// askPlan asks which plan the input is for, offering every plan.
func (e *Engine) askPlan(t *turn, id string, data map[string]any) Reply {
	cat := e.catalog()
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Private: true, Text: e.text(t.lang, id, data),
		Choices: e.ans.planChoices(cat, t.lang, ActChoosePlan), Form: e.form(t, "")}
}

// askText asks for the input text for plan.
func (e *Engine) askText(t *turn, plan string) Reply {
	p, _ := e.catalog().Plan(plan)
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Plan: plan, Private: true,
		Text: e.text(t.lang, "input.ask_text", map[string]any{"Name": p.Short.In(t.lang),
			"Max": MaxInputRunes}),
		Choices: []Choice{{Label: e.text(t.lang, "button.open_form", nil), Action: ActOpenForm, Value: plan},
			{Label: e.text(t.lang, "button.cancel", nil), Action: ActCancel}},
		Form: e.form(t, plan)}
}

// form describes the input form, with plan preselected when known.
func (e *Engine) form(t *turn, plan string) *Form {
	cat := e.catalog()
	opts := make([]Choice, 0, len(cat.Plans))
	for _, p := range cat.Plans {
		opts = append(opts, Choice{Label: p.Name.In(t.lang), Value: p.ID})
	}
	l := t.lang
	return &Form{
		Title: e.text(l, "form.title", nil), Notice: e.text(l, "privacy.short", nil), Plan: plan, Plans: opts,
		PlanLabel: e.text(l, "form.plan", nil), TextLabel: e.text(l, "form.text", nil),
		TextPlaceholder: e.text(l, "form.placeholder", nil), Submit: e.text(l, "form.submit", nil),
		Cancel: e.text(l, "button.cancel", nil), MaxLen: MaxInputRunes,
	}
}

// takeText checks text for d's plan and moves to confirmation, or explains
// what must change (the dialog waits for the text; nothing is kept).
func (e *Engine) takeText(t *turn, d Dialog, text string) outcome {
	c := CheckInput(unquote(text))
	if !c.OK() {
		d.Step, d.Text, d.Flags = StepText, "", nil
		return reply(e.problemReply(t, c)).then(d)
	}
	d.Text, d.Flags, d.Step, d.SubmitKey = c.Text, c.Flags, StepConfirm, "dlg-"+newEventID()
	return reply(e.confirmPrompt(t, d)).then(d)
}

// unquote removes the quotation marks around a text given whole in quotes
// ("\"accessible toilets at the playgrounds\"", «…»): they mark the text,
// they are not part of it. Quotes inside the text stay.
func unquote(text string) string {
	s := strings.TrimSpace(text)
	for _, q := range [][2]string{{"\"", "\""}, {"«", "»"}, {"“", "”"}, {"'", "'"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) &&
			!strings.Contains(s[len(q[0]):len(s)-len(q[1])], q[0]) && !strings.Contains(s[len(q[0]):len(s)-len(q[1])], q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return text
}

func (e *Engine) problemReply(t *turn, c InputCheck) Reply {
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Private: true, Text: e.problemText(t.lang, c)}
}

// problemText explains every problem with the text, politely.
func (e *Engine) problemText(lang Lang, c InputCheck) string {
	parts := make([]string, 0, len(c.Problems))
	for _, p := range c.Problems {
		parts = append(parts, e.text(lang, "input.problem."+p, map[string]any{
			"Min": MinInputRunes, "Max": MaxInputRunes, "Count": c.Runes}))
	}
	return strings.Join(parts, "\n")
}

func (e *Engine) confirmPrompt(t *turn, d Dialog) Reply {
	p, _ := e.catalog().Plan(d.Plan)
	name := p.Short.In(t.lang)
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Plan: d.Plan, Private: true,
		Sections: []Section{
			{Title: e.text(t.lang, "input.confirm.title", map[string]any{"Name": name}), Body: d.Text},
			{Body: e.text(t.lang, "input.confirm.ask", nil)},
		},
		Text: e.text(t.lang, "input.confirm.title", map[string]any{"Name": name}) + "\n\n" + quote(d.Text) +
			"\n\n" + e.text(t.lang, "input.confirm.ask", nil),
		Choices: []Choice{
			{Label: e.text(t.lang, "button.send", nil), Action: ActConfirm, Style: "primary"},
			{Label: e.text(t.lang, "button.cancel", nil), Action: ActCancel, Style: "danger"},
		}}
}

// quote prefixes every line with "> " so the resident's text stands apart.
func quote(s string) string {
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}

// unknownPlan says the plan was not recognised and suggests the nearest
// ones (or all) as choices of action.
func (e *Engine) unknownPlan(t *turn, given, action string) Reply {
	cat := e.catalog()
	ids := e.ans.understander().NearestPlans(given, 3)
	var names []string
	var choices []Choice
	for _, id := range ids {
		if p, ok := cat.Plan(id); ok {
			names = append(names, p.Short.In(t.lang)+" ("+p.ID+")")
			choices = append(choices, Choice{Label: p.Short.In(t.lang), Action: action, Value: p.ID})
		}
	}
	id := "input.unknown_plan"
	if len(names) > 0 {
		id = "input.unknown_plan.suggest"
	} else {
		choices = e.ans.planChoices(cat, t.lang, action)
	}
	return Reply{Lang: t.lang, Private: true, Choices: choices,
		Text: e.text(t.lang, id, map[string]any{"Given": clip(given, 40), "Suggestions": e.ans.list(t.lang, names)})}
}

// save stores the confirmed input and answers with the receipt, only after
// the database acknowledged the write. When it fails the dialog stays, so
// "yes" again retries with the same idempotency key.
func (e *Engine) save(ctx context.Context, t *turn, d Dialog) outcome {
	now := e.cfg.Now()
	n, err := e.cfg.Store.CountSubmissionsSince(e.storeCtx(ctx), t.author, now.Add(-time.Hour))
	if err != nil {
		e.storeErr("count_submissions", err)
		return reply(e.notSaved(t))
	}
	if n >= e.cfg.SubmitLimit {
		return reply(e.simple(t, "", "input.rate_limited", map[string]any{"Limit": e.cfg.SubmitLimit}))
	}
	// The idempotency key: the dialog's (every "yes" to the same text), else
	// the event's (a form submission retried by the platform), else fresh.
	eventID := d.SubmitKey
	if eventID == "" {
		eventID = t.m.EventID
	}
	if eventID == "" {
		eventID = newEventID()
	}
	s := Submission{Plan: d.Plan, Text: d.Text, Lang: t.lang, Platform: t.m.Platform, Workspace: t.m.Workspace,
		Channel: t.m.Channel, AuthorHash: t.author, Created: now, Status: SubmissionNew, Flags: d.Flags, EventID: eventID}
	e.tagThemes(&s)
	var stored Submission
	for range 3 {
		s.Ref = newRef()
		stored, _, err = e.cfg.Store.AddSubmission(e.storeCtx(ctx), s)
		if !errors.Is(err, ErrConflict) {
			break
		}
	}
	if err != nil {
		e.storeErr("add_submission", err)
		return reply(e.notSaved(t))
	}
	if e.cfg.Recorder != nil {
		e.cfg.Recorder.SubmissionStored(t.m.Platform)
	}
	e.log.Info("submission stored", "platform", t.m.Platform, "plan", stored.Plan, "ref", stored.Ref)
	// Keep the receipt with the event that earned it: if this event is
	// processed again (a copy taking over after a crash before the answer
	// was delivered), replayedReceipt answers it the same way.
	return reply(e.receipt(t, stored)).then(Dialog{Step: StepIdle, Plan: stored.Plan,
		Receipt: stored.Ref, ReceiptEvent: t.m.EventID})
}

func (e *Engine) receipt(t *turn, s Submission) Reply {
	p, _ := e.catalog().Plan(s.Plan)
	return Reply{Lang: t.lang, Plan: s.Plan, Ref: s.Ref, Private: true,
		Text: e.text(t.lang, "input.receipt", map[string]any{"Name": p.Short.In(t.lang), "Ref": s.Ref})}
}

// notSaved tells the resident the input was NOT stored and how to retry.
func (e *Engine) notSaved(t *turn) Reply {
	return e.simple(t, "", "input.not_saved", nil)
}

// unavailable says the bot cannot keep the dialog right now.
func (e *Engine) unavailable(t *turn) Reply {
	return e.simple(t, "", "error.unavailable", nil)
}

// clip shortens s to n characters, adding an ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// replayedReceipt answers an event that already earned a receipt (the same
// platform event processed again) with that receipt, so the resident is
// told exactly once what was stored, never "nothing is waiting".
//
// A new "yes" right after a receipt (nothing else said in between, within
// receiptRecall) is most often a resident who never saw the receipt (the
// answer was lost with a connection) and confirms again: it is told that the
// input is already stored, with its reference, instead of "nothing waits".
func (e *Engine) replayedReceipt(t *turn, d Dialog, m Meaning) ([]Reply, bool) {
	if d.Receipt == "" || d.Step != StepIdle {
		return nil, false
	}
	s := Submission{Ref: d.Receipt, Plan: d.Plan}
	switch {
	case t.m.EventID != "" && d.ReceiptEvent == t.m.EventID:
		r := e.receipt(t, s)
		r.Intent = IntentYes
		return []Reply{r}, true
	case m.Intent == IntentYes && e.cfg.Now().Sub(d.Updated) < receiptRecall:
		p, _ := e.catalog().Plan(s.Plan)
		return []Reply{{Lang: t.lang, Intent: IntentYes, Plan: s.Plan, Ref: s.Ref, Private: true,
			Text: e.text(t.lang, "input.already_saved", map[string]any{"Name": p.Short.In(t.lang), "Ref": s.Ref})}}, true
	}
	return nil, false
}

// receiptRecall is how long after a receipt a new "yes" is answered with it.
const receiptRecall = 10 * time.Minute
