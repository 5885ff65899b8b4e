package bot

import (
	"context"
	"errors"
	"regexp"
)

// caseNumberPattern matches a case number (saksnummer) such as 20/11429,
// optionally with a document number (20/11429-3).
var caseNumberPattern = regexp.MustCompile(`^\d{2}/\d{1,6}(-\d{1,4})?$`)

// staffCommand runs a staff-only command; everyone else is refused politely.
func (e *Engine) staffCommand(ctx context.Context, t *turn, m Meaning) Reply {
	if !t.m.Staff {
		e.log.Info("staff command refused", "platform", t.m.Platform, "command", string(m.Intent))
		return e.privateSimple(t, "", "staff.refused", nil)
	}
	rest := m.Args
	switch m.Intent {
	case IntentStaffReminders:
		return e.remindersCommand(ctx, t, rest)
	case IntentStaffDigest:
		return e.digestCommand(ctx, t, rest)
	case IntentStaffStart:
		return e.startCommand(ctx, t, rest)
	case IntentStaffHide:
		return e.statusCommand(ctx, t, rest, SubmissionHidden)
	case IntentStaffUnhide:
		return e.statusCommand(ctx, t, rest, SubmissionNew)
	}
	return e.statusCommand(ctx, t, rest, SubmissionArchived)
}

func (e *Engine) target(t *turn) Target {
	return Target{Platform: t.m.Platform, Workspace: t.m.Workspace, Channel: t.m.Channel}
}

func (e *Engine) staffID(t *turn) string { return t.m.Platform + ":" + t.m.User }

// remindersCommand: "varsler på [nb|en]" / "reminders off".
func (e *Engine) remindersCommand(ctx context.Context, t *turn, rest string) Reply {
	state, langArg := splitFirst(rest)
	v := e.ans.vocab()
	switch {
	case v.is(wordOn, state) && !subscribable(t.m.Platform):
		return e.notSubscribable(t, "reminders")
	case v.is(wordOn, state):
		lang := t.lang
		if langArg != "" {
			l, ok := e.ans.vocab().knownLang(langArg)
			if !ok {
				return e.privateSimple(t, "", "reminders.usage", nil)
			}
			lang = l
		}
		err := e.cfg.Store.Subscribe(e.storeCtx(ctx), Subscription{Kind: SubReminders, Target: e.target(t),
			Lang: lang, By: e.staffID(t), Created: e.cfg.Now()})
		if err != nil {
			e.storeErr("subscribe", err)
			return e.privateSimple(t, "", "error.unavailable", nil)
		}
		e.audit(ctx, t, "reminders.on", t.m.Channel, "", string(lang))
		e.changed(ctx)
		return e.public(t, "reminders.on", map[string]any{"Lang": e.text(t.lang, "language.name."+string(lang), nil)})
	case v.is(wordOff, state):
		err := e.cfg.Store.Unsubscribe(e.storeCtx(ctx), SubReminders, e.target(t))
		switch {
		case errors.Is(err, ErrNotFound):
			return e.privateSimple(t, "", "reminders.none", nil)
		case err != nil:
			e.storeErr("unsubscribe", err)
			return e.privateSimple(t, "", "error.unavailable", nil)
		}
		e.audit(ctx, t, "reminders.off", t.m.Channel, "", "")
		return e.public(t, "reminders.off", nil)
	}
	return e.privateSimple(t, "", "reminders.usage", nil)
}

// digestCommand: "digest her|av|nå".
func (e *Engine) digestCommand(ctx context.Context, t *turn, rest string) Reply {
	v := e.ans.vocab()
	switch {
	case (v.is(wordHere, rest) || v.is(wordOn, rest)) && !subscribable(t.m.Platform):
		return e.notSubscribable(t, "digest")
	case v.is(wordHere, rest) || v.is(wordOn, rest):
		err := e.cfg.Store.Subscribe(e.storeCtx(ctx), Subscription{Kind: SubDigest, Target: e.target(t),
			Lang: t.lang, By: e.staffID(t), Created: e.cfg.Now()})
		if err != nil {
			e.storeErr("subscribe", err)
			return e.privateSimple(t, "", "error.unavailable", nil)
		}
		e.audit(ctx, t, "digest.on", t.m.Channel, "", string(t.lang))
		return e.public(t, "digest.on", nil)
	case v.is(wordOff, rest):
		err := e.cfg.Store.Unsubscribe(e.storeCtx(ctx), SubDigest, e.target(t))
		switch {
		case errors.Is(err, ErrNotFound):
			return e.privateSimple(t, "", "digest.none", nil)
		case err != nil:
			e.storeErr("unsubscribe", err)
			return e.privateSimple(t, "", "error.unavailable", nil)
		}
		e.audit(ctx, t, "digest.off", t.m.Channel, "", "")
		return e.public(t, "digest.off", nil)
	case v.is(wordNow, rest):
		if e.cfg.Digest == nil {
			return e.privateSimple(t, "", "digest.unavailable", nil)
		}
		n, err := e.cfg.Digest.DigestNow(ctx, e.target(t))
		if err != nil {
			e.log.Warn("digest now failed", "platform", t.m.Platform, "err", err)
			return e.privateSimple(t, "", "digest.failed", nil)
		}
		if n == 0 {
			return e.privateSimple(t, "", "digest.empty", nil)
		}
		return e.privateSimple(t, "", "digest.sent", map[string]any{"Count": n})
	}
	if word, date := splitFirst(rest); v.is(wordPeriodSince, word) {
		return e.digestSinceCommand(ctx, t, date)
	}
	return e.privateSimple(t, "", "digest.usage", nil)
}

// digestSinceCommand: "digest since 2026-03-01" shows a summary of the input
// since the start of that day, posting nothing to digest channels.
func (e *Engine) digestSinceCommand(ctx context.Context, t *turn, date string) Reply {
	d, err := ParseDate(date)
	if err != nil {
		return e.privateSimple(t, "", "digest.since.usage", nil)
	}
	sr, ok := e.cfg.Digest.(SummaryRunner)
	if !ok {
		return e.privateSimple(t, "", "digest.unavailable", nil)
	}
	replies, err := sr.DigestSince(ctx, e.target(t), t.lang, d.At(0, 0, e.ans.cfg.Location))
	if err != nil || len(replies) == 0 {
		e.log.Warn("digest since failed", "platform", t.m.Platform, "err", err)
		return e.privateSimple(t, "", "digest.failed", nil)
	}
	r := replies[0]
	r.Intent = IntentStaffDigest
	return r
}

// startCommand: "oppstart <plan> <YYYY-MM-DD>" moves a plan's start date.
func (e *Engine) startCommand(ctx context.Context, t *turn, rest string) Reply {
	planArg, dateArg := splitFirst(rest)
	plan := e.ans.interp().idx.resolve(planArg, nil)
	d, err := ParseDate(dateArg)
	if plan == "" || err != nil {
		return e.privateSimple(t, "", "start.usage", nil)
	}
	old, _ := e.catalog().Plan(plan)
	if err := e.cfg.Store.SetPlanStart(e.storeCtx(ctx), plan, d); err != nil {
		e.storeErr("set_plan_start", err)
		return e.privateSimple(t, "", "error.unavailable", nil)
	}
	e.setStart(plan, d)
	e.changed(ctx)
	e.audit(ctx, t, "plan.start", plan, old.Start.String(), d.String())
	e.log.Info("plan start moved", "platform", t.m.Platform, "plan", plan, "date", d.String())
	oldText := e.text(t.lang, "start.none", nil)
	if !old.Start.IsZero() {
		oldText = e.ans.FormatDate(old.Start, t.lang)
	}
	r := e.public(t, "start.set", map[string]any{
		"Name": old.Short.In(t.lang), "Date": e.ans.FormatDate(d, t.lang), "Old": oldText})
	r.Intent, r.Plan = IntentPlanStart, plan
	return r
}

// public is a reply meant for the whole channel.
func (e *Engine) public(t *turn, id string, data map[string]any) Reply {
	r := e.simple(t, "", id, data)
	r.Public = true
	return r
}

// statusCommand hides, unhides or archives a submission.
func (e *Engine) statusCommand(ctx context.Context, t *turn, rest string, status SubmissionStatus) Reply {
	refArg, caseArg := splitFirst(rest)
	ref := normRef(refArg)
	usage := "status.usage." + string(status)
	if ref == "" || (status == SubmissionArchived && !caseNumberPattern.MatchString(caseArg)) {
		return e.privateSimple(t, "", usage, nil)
	}
	s, err := e.cfg.Store.Submission(e.storeCtx(ctx), ref)
	switch {
	case errors.Is(err, ErrNotFound):
		return e.privateSimple(t, "", "status.not_found", map[string]any{"Ref": ref})
	case err != nil:
		e.storeErr("submission", err)
		return e.privateSimple(t, "", "error.unavailable", nil)
	}
	caseNo := ""
	if status == SubmissionArchived {
		caseNo = caseArg
	} else if status == SubmissionNew && s.CaseNumber != "" {
		status, caseNo = SubmissionArchived, s.CaseNumber // unhiding an archived one keeps it archived
	}
	if err := e.cfg.Store.SetSubmissionStatus(e.storeCtx(ctx), ref, status, caseNo); err != nil {
		e.storeErr("set_status", err)
		return e.privateSimple(t, "", "error.unavailable", nil)
	}
	e.audit(ctx, t, "submission."+string(status), ref, string(s.Status), string(status)+" "+caseNo)
	return e.privateSimple(t, "", "status.done."+string(status), map[string]any{"Ref": ref, "Case": caseNo})
}

// audit records a staff action; a failure is logged, the action stands.
func (e *Engine) audit(ctx context.Context, t *turn, action, object, old, new string) {
	err := e.cfg.Store.Audit(e.storeCtx(ctx), AuditEntry{Action: action, Object: object, By: e.staffID(t),
		At: e.cfg.Now(), Old: old, New: new})
	if err != nil {
		e.storeErr("audit", err)
	}
}

// changed tells Config.Changes, if set, that reminders may be due at once.
func (e *Engine) changed(ctx context.Context) {
	if e.cfg.Changes != nil {
		e.cfg.Changes.Changed(ctx)
	}
}
