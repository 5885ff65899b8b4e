package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

func (e *Engine) vocab() *vocab {
	e.vc.once.Do(func() { e.vc.v = buildVocab(e.cfg.Localizer, e.cfg.Langs) })
	return e.vc.v
}

// handleCommand runs a /temaplan command; args is what follows /temaplan.
// An unknown first word is taken as a question.
func (e *Engine) handleCommand(ctx context.Context, t *turn, args string) []Reply {
	if args == "" {
		return []Reply{e.ans.Help(t.lang)}
	}
	word, rest := splitFirst(args)
	key := e.vocab().command(word)
	switch key {
	case cmdHelp:
		return []Reply{e.ans.Help(t.lang)}
	case cmdPlans:
		return []Reply{e.ans.PlansList(t.lang)}
	case cmdPlan:
		return []Reply{e.planCommand(t, rest)}
	case cmdInput:
		return e.inputCommand(ctx, t, rest)
	case cmdMy:
		return []Reply{e.mine(ctx, t)}
	case cmdDelete:
		return []Reply{e.deleteOwn(ctx, t, rest)}
	case cmdLanguage:
		return []Reply{e.setLanguage(ctx, t, rest)}
	case cmdPrivacy:
		return []Reply{e.privacyNotice(t)}
	case cmdAsk:
		if rest == "" {
			return []Reply{e.ans.Help(t.lang)}
		}
		return e.handleFree(ctx, t, rest)
	case cmdUnhide:
		// "vis" also reads as "show": "/temaplan vis klima" shows the plan.
		if ref, _ := splitFirst(rest); normRef(ref) == "" && e.resolvePlan(rest) != "" {
			return []Reply{e.planCommand(t, rest)}
		}
		return []Reply{e.staffCommand(ctx, t, key, rest)}
	case cmdReminders, cmdDigest, cmdStart, cmdHide, cmdArchive:
		return []Reply{e.staffCommand(ctx, t, key, rest)}
	}
	if d, ok, err := e.activeDialog(ctx, t); err != nil {
		return e.withoutStore(t, args)
	} else if ok {
		return e.continueDialog(ctx, t, d, args)
	}
	return e.handleFree(ctx, t, args)
}

func (e *Engine) planCommand(t *turn, rest string) Reply {
	if rest == "" {
		return e.ans.PlansList(t.lang)
	}
	plan := e.resolvePlan(rest)
	if plan == "" {
		return e.unknownPlan(t, rest)
	}
	return e.ans.Answer(Understanding{Intent: IntentPlanInfo, Plan: plan, Lang: t.lang}, t.lang)
}

// inputCommand handles "innspill [plan] [text]". The first word (or two)
// name the plan; the rest is the text.
func (e *Engine) inputCommand(ctx context.Context, t *turn, rest string) []Reply {
	if rest == "" {
		return e.startInput(ctx, t, "", "")
	}
	first, text := splitFirst(rest)
	if plan := e.exactPlan(first); plan != "" {
		return e.startInput(ctx, t, plan, text)
	}
	if second, text2 := splitFirst(text); second != "" {
		if plan := e.exactPlan(first + " " + second); plan != "" {
			return e.startInput(ctx, t, plan, text2)
		}
	}
	if plan := e.resolvePlan(first); plan != "" {
		return e.startInput(ctx, t, plan, text)
	}
	// Keep the text; ask for the plan with the nearest suggestions.
	out := e.notice(ctx, t)
	if err := e.saveDialog(ctx, t, Dialog{Step: StepPlan, Text: text}); err != nil {
		return append(out, e.unavailable(t))
	}
	return append(out, e.unknownPlan(t, first))
}

// exactPlan matches s against plan ids, names, short names and aliases
// (case-insensitive, whole string), or returns "".
func (e *Engine) exactPlan(s string) string {
	s = normWord(s)
	if s == "" {
		return ""
	}
	for _, p := range e.catalog().Plans {
		if p.ID == s {
			return p.ID
		}
		for _, txt := range []Text{p.Name, p.Short} {
			for _, v := range txt {
				if normWord(v) == s {
					return p.ID
				}
			}
		}
		for _, l := range p.Aliases {
			for _, v := range l {
				if normWord(v) == s {
					return p.ID
				}
			}
		}
	}
	return ""
}

var refPattern = regexp.MustCompile(`^INN-[0-9A-Z]{6}$`)

// normRef upper-cases a typed reference and adds a missing "INN-"; it returns
// "" when the result is not a well-formed reference (so no odd text ever
// reaches a query).
func normRef(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "INN-") && len(s) == 6 {
		s = "INN-" + s
	}
	if !refPattern.MatchString(s) {
		return ""
	}
	return s
}

// mine lists the resident's own submissions.
func (e *Engine) mine(ctx context.Context, t *turn) Reply {
	subs, err := e.cfg.Store.SubmissionsBy(e.storeCtx(ctx), t.author)
	if err != nil {
		e.storeErr("submissions_by", err)
		return e.privateSimple(t, "error.unavailable", nil)
	}
	if len(subs) == 0 {
		return e.privateSimple(t, "my.none", nil)
	}
	cat := e.catalog()
	var b strings.Builder
	for _, s := range subs {
		p, _ := cat.Plan(s.Plan)
		fmt.Fprintf(&b, "\n- %s", e.text(t.lang, "my.item", map[string]any{
			"Ref": s.Ref, "Name": p.Short.In(t.lang), "Date": e.ans.FormatDate(DateOf(s.Created.In(e.ans.cfg.Location)), t.lang),
			"Status": e.text(t.lang, "submission.status."+string(s.Status), nil), "Text": clip(s.Text, 80)}))
	}
	r := e.privateSimple(t, "my.title", map[string]any{"Count": len(subs)})
	r.Text += b.String() + "\n\n" + e.text(t.lang, "my.footer", nil)
	return r
}

func (e *Engine) privateSimple(t *turn, id string, data map[string]any) Reply {
	r := e.simple(t, IntentHelp, id, data)
	r.Private = true
	return r
}

// deleteOwn deletes one of the resident's own submissions.
func (e *Engine) deleteOwn(ctx context.Context, t *turn, arg string) Reply {
	ref := normRef(arg)
	if ref == "" {
		return e.privateSimple(t, "delete.usage", nil)
	}
	err := e.cfg.Store.DeleteSubmission(e.storeCtx(ctx), ref, t.author)
	switch {
	case err == nil:
		e.log.Info("submission deleted by author", "platform", t.m.Platform, "ref", ref)
		return e.privateSimple(t, "delete.done", map[string]any{"Ref": ref})
	case errors.Is(err, ErrNotFound):
		return e.privateSimple(t, "delete.not_found", map[string]any{"Ref": ref})
	case errors.Is(err, ErrArchived):
		return e.privateSimple(t, "delete.archived", map[string]any{"Ref": ref})
	}
	e.storeErr("delete_submission", err)
	return e.privateSimple(t, "error.unavailable", nil)
}

// setLanguage stores the resident's explicit language choice.
func (e *Engine) setLanguage(ctx context.Context, t *turn, arg string) Reply {
	lang, ok := e.knownLang(arg)
	if !ok {
		return e.privateSimple(t, "language.usage", nil)
	}
	if !t.prefsOK { // never overwrite preferences we could not read
		return e.privateSimple(t, "error.unavailable", nil)
	}
	t.prefs.Lang = lang
	if err := e.cfg.Store.SavePrefs(e.storeCtx(ctx), t.prefs); err != nil {
		e.storeErr("save_prefs", err)
		return e.privateSimple(t, "error.unavailable", nil)
	}
	t.lang = lang
	return e.privateSimple(t, "language.set", nil)
}

// handleAction handles a button press or a form submission.
func (e *Engine) handleAction(ctx context.Context, t *turn) []Reply {
	a := t.m.Action
	switch a.ID {
	case ActPlanInfo:
		return []Reply{e.planCommand(t, a.Value)}
	case ActOpenForm:
		out := e.notice(ctx, t)
		r := e.askText(t, a.Value)
		if a.Value == "" {
			r = e.askPlan(t, "input.ask_plan", nil)
		}
		return append(out, r)
	case ActChoosePlan:
		if d, ok, _ := e.activeDialog(ctx, t); ok && d.Step == StepPlan {
			return e.continueDialog(ctx, t, d, a.Value)
		}
		return e.startInput(ctx, t, e.resolvePlan(a.Value), "")
	case ActConfirm:
		d, ok, err := e.activeDialog(ctx, t)
		if err != nil {
			return []Reply{e.notSaved(t)}
		}
		if ok && d.Step == StepConfirm {
			return e.save(ctx, t, d)
		}
		return []Reply{e.privateSimple(t, "input.nothing_to_confirm", nil)}
	case ActCancel:
		e.dropDialog(ctx, t)
		return []Reply{e.simple(t, IntentInputSubmit, "input.cancelled", nil)}
	case ActSubmitForm:
		return []Reply{e.submitForm(ctx, t, a.Fields)}
	}
	return []Reply{e.ans.Help(t.lang)}
}

// submitForm validates and stores a form submission. Problems come back as
// FieldErrors so the form can show them next to the field.
func (e *Engine) submitForm(ctx context.Context, t *turn, f map[string]string) Reply {
	errs := map[string]string{}
	plan := e.resolvePlan(f[FieldPlan])
	if plan == "" {
		errs[FieldPlan] = e.unknownPlan(t, f[FieldPlan]).Text
	}
	c := CheckInput(f[FieldText])
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
	rs := e.save(ctx, t, Dialog{Plan: plan, Text: c.Text, Flags: c.Flags})
	r := rs[0]
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
