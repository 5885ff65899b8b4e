package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// dialogKey identifies a resident's dialog in one channel.
func dialogKey(t *turn) string {
	m := t.m
	return m.Platform + ":" + m.Workspace + ":" + m.Channel + ":" + t.author
}

// errStoreDown reports a store known to be unreachable in this turn.
var errStoreDown = fmt.Errorf("store down: %w", ErrUnavailable)

// activeDialog loads the resident's unfinished dialog: ok is false when there
// is none; err is set when the store cannot be reached. A dialog found
// carries its language to a reply whose own language was only a guess.
func (e *Engine) activeDialog(ctx context.Context, t *turn) (Dialog, bool, error) {
	if t.down {
		return Dialog{}, false, errStoreDown
	}
	d, err := e.cfg.Store.Dialog(e.storeCtx(ctx), dialogKey(t), e.cfg.Now())
	switch {
	case errors.Is(err, ErrNotFound):
		return Dialog{}, false, nil
	case err != nil:
		e.storeErr("dialog", err)
		t.down = errors.Is(err, ErrUnavailable)
		return Dialog{}, false, err
	}
	// "ok", "ja", a plan name: too short to tell the language; keep the dialog's.
	short := len(strings.Fields(t.m.Text)) < 4
	if d.Lang != "" && (!t.langSure || (t.langText && short)) {
		t.lang = d.Lang
	}
	return d, true, nil
}

func (e *Engine) saveDialog(ctx context.Context, t *turn, d Dialog) error {
	now := e.cfg.Now()
	d.Key, d.Lang, d.Updated, d.Expires = dialogKey(t), t.lang, now, now.Add(e.cfg.DialogTTL)
	if err := e.cfg.Store.SaveDialog(e.storeCtx(ctx), d); err != nil {
		e.storeErr("save_dialog", err)
		return err
	}
	return nil
}

func (e *Engine) dropDialog(ctx context.Context, t *turn) {
	if err := e.cfg.Store.DeleteDialog(e.storeCtx(ctx), dialogKey(t)); err != nil {
		e.storeErr("delete_dialog", err)
	}
}

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
	return []Reply{e.privacyNotice(t)}
}

func (e *Engine) privacyNotice(t *turn) Reply {
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Private: true,
		Sections: []Section{{Title: e.text(t.lang, "privacy.title", nil), Body: e.text(t.lang, "privacy.notice", nil)}},
		Text:     e.text(t.lang, "privacy.title", nil) + "\n" + e.text(t.lang, "privacy.notice", nil)}
}

// startInput begins (or restarts) the input dialog with what is known.
func (e *Engine) startInput(ctx context.Context, t *turn, plan, text string) []Reply {
	out := e.notice(ctx, t)
	d := Dialog{Step: StepPlan, Plan: plan}
	if plan == "" {
		if text != "" {
			d.Text = text
		}
		if err := e.saveDialog(ctx, t, d); err != nil {
			return append(out, e.unavailable(t))
		}
		return append(out, e.askPlan(t, "input.ask_plan", nil))
	}
	if text == "" {
		d.Step = StepText
		if err := e.saveDialog(ctx, t, d); err != nil {
			return append(out, e.unavailable(t))
		}
		return append(out, e.askText(t, plan))
	}
	return append(out, e.takeText(ctx, t, d, text)...)
}

// askPlan asks which plan the input is for, offering every plan.
func (e *Engine) askPlan(t *turn, id string, data map[string]any) Reply {
	cat := e.catalog()
	r := Reply{Lang: t.lang, Intent: IntentInputSubmit, Private: true, Text: e.text(t.lang, id, data),
		Choices: e.ans.planChoices(cat, t.lang, ActChoosePlan), Form: e.form(t, "")}
	return r
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
// what must change (the dialog stays at the text step, nothing is stored).
func (e *Engine) takeText(ctx context.Context, t *turn, d Dialog, text string) []Reply {
	c := CheckInput(text)
	d.Step = StepText
	if !c.OK() {
		if err := e.saveDialog(ctx, t, d); err != nil {
			return []Reply{e.unavailable(t)}
		}
		return []Reply{e.problemReply(t, c)}
	}
	d.Text, d.Flags, d.Step, d.SubmitKey = c.Text, c.Flags, StepConfirm, "dlg-"+newEventID()
	if err := e.saveDialog(ctx, t, d); err != nil {
		return []Reply{e.unavailable(t)}
	}
	return []Reply{e.confirmPrompt(t, d)}
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
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Plan: d.Plan, Private: true,
		Sections: []Section{
			{Title: e.text(t.lang, "input.confirm.title", map[string]any{"Name": p.Short.In(t.lang)}), Body: d.Text},
			{Body: e.text(t.lang, "input.confirm.ask", nil)},
		},
		Text: e.text(t.lang, "input.confirm.title", map[string]any{"Name": p.Short.In(t.lang)}) + "\n\n" + quote(d.Text) +
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

// continueDialog handles a message while an input dialog is open.
func (e *Engine) continueDialog(ctx context.Context, t *turn, d Dialog, text string) []Reply {
	v := e.vocab()
	if v.is(wordCancel, text) || (d.Step == StepConfirm && v.is(wordNo, text)) {
		e.dropDialog(ctx, t)
		return []Reply{e.simple(t, IntentInputSubmit, "input.cancelled", nil)}
	}
	switch d.Step {
	case StepPlan:
		if plan := e.resolvePlan(text); plan != "" {
			d.Plan = plan
			if d.Text != "" {
				return e.takeText(ctx, t, d, d.Text)
			}
			d.Step = StepText
			if err := e.saveDialog(ctx, t, d); err != nil {
				return []Reply{e.unavailable(t)}
			}
			return []Reply{e.askText(t, plan)}
		}
		if r, ok := e.sideQuestion(t, text, "input.waiting.plan"); ok {
			return r
		}
		return []Reply{e.unknownPlan(t, text)}
	case StepText:
		if r, ok := e.sideQuestion(t, text, "input.waiting.text"); ok {
			return r
		}
		return e.takeText(ctx, t, d, text)
	default:
		if v.is(wordYes, text) {
			return e.save(ctx, t, d)
		}
		if r, ok := e.sideQuestion(t, text, "input.waiting.confirm"); ok {
			return r
		}
		return []Reply{e.confirmPrompt(t, d), e.simple(t, IntentInputSubmit, "input.confirm.unclear", nil)}
	}
}

// questionIntents are intents that, mid-dialog, are answered as a question
// rather than taken as the resident's input.
var questionIntents = map[Intent]bool{
	IntentPlanPurpose: true, IntentPlanThemes: true, IntentPlanStart: true, IntentPlansList: true,
	IntentTemaplanAbout: true, IntentParticipationHow: true, IntentParticipationMeeting: true,
	IntentCorona: true, IntentHelp: true,
}

// sideQuestion answers a short question asked in the middle of a dialog and
// reminds the resident what the dialog is waiting for.
func (e *Engine) sideQuestion(t *turn, text, waiting string) ([]Reply, bool) {
	words := len(strings.Fields(text))
	if words == 0 || words > 15 {
		return nil, false
	}
	u := e.understand(t, text)
	asks := strings.HasSuffix(strings.TrimSpace(text), "?") || words <= 4
	if !questionIntents[u.Intent] || !asks {
		return nil, false
	}
	return []Reply{e.ans.Answer(u, t.lang), e.simple(t, IntentInputSubmit, waiting, nil)}, true
}

// resolvePlan finds the plan a short answer names (id, name, alias, typo), or "".
func (e *Engine) resolvePlan(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	cat := e.catalog()
	if _, ok := cat.Plan(strings.ToLower(text)); ok {
		return strings.ToLower(text)
	}
	if u := e.ans.Understand(text); u.Plan != "" {
		return u.Plan
	}
	return ""
}

// unknownPlan says the plan was not recognised and suggests the nearest ones.
func (e *Engine) unknownPlan(t *turn, text string) Reply {
	cat := e.catalog()
	ids := e.ans.understander().NearestPlans(text, 3)
	var names []string
	var choices []Choice
	for _, id := range ids {
		if p, ok := cat.Plan(id); ok {
			names = append(names, p.Short.In(t.lang)+" ("+p.ID+")")
			choices = append(choices, Choice{Label: p.Short.In(t.lang), Action: ActChoosePlan, Value: p.ID})
		}
	}
	id := "input.unknown_plan"
	if len(names) > 0 {
		id = "input.unknown_plan.suggest"
	} else {
		choices = e.ans.planChoices(cat, t.lang, ActChoosePlan)
	}
	r := Reply{Lang: t.lang, Intent: IntentInputSubmit, Private: true, Choices: choices,
		Text: e.text(t.lang, id, map[string]any{"Given": clip(text, 40), "Suggestions": e.ans.list(t.lang, names)})}
	return r
}

// save stores the confirmed input and answers with the receipt, only after
// the database acknowledged the write.
func (e *Engine) save(ctx context.Context, t *turn, d Dialog) []Reply {
	now := e.cfg.Now()
	n, err := e.cfg.Store.CountSubmissionsSince(e.storeCtx(ctx), t.author, now.Add(-time.Hour))
	if err != nil {
		e.storeErr("count_submissions", err)
		return []Reply{e.notSaved(t)}
	}
	if n >= e.cfg.SubmitLimit {
		return []Reply{e.simple(t, IntentInputSubmit, "input.rate_limited", map[string]any{"Limit": e.cfg.SubmitLimit})}
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
		return []Reply{e.notSaved(t)}
	}
	if e.cfg.Recorder != nil {
		e.cfg.Recorder.SubmissionStored(t.m.Platform)
	}
	e.log.Info("submission stored", "platform", t.m.Platform, "plan", stored.Plan, "ref", stored.Ref)
	e.dropDialog(ctx, t)
	return []Reply{e.receipt(t, stored)}
}

func (e *Engine) receipt(t *turn, s Submission) Reply {
	p, _ := e.catalog().Plan(s.Plan)
	return Reply{Lang: t.lang, Intent: IntentInputSubmit, Plan: s.Plan, Ref: s.Ref, Private: true,
		Text: e.text(t.lang, "input.receipt", map[string]any{"Name": p.Short.In(t.lang), "Ref": s.Ref})}
}

// notSaved tells the resident the input was NOT stored and how to retry.
func (e *Engine) notSaved(t *turn) Reply {
	return e.simple(t, IntentInputSubmit, "input.not_saved", nil)
}

// unavailable says the bot cannot keep the dialog right now.
func (e *Engine) unavailable(t *turn) Reply {
	return e.simple(t, IntentInputSubmit, "error.unavailable", nil)
}

// clip shortens s to n characters, adding an ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
