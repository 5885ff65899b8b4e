package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Self-service: a resident's own input, deleting it, and their language.

// ownClip is how much of each own input a list shows: enough to know it
// again (most are shorter), at most 5 a page within Discord's 2,000.
const ownClip = 240

// ownList is the numbered list of subs.
func (e *Engine) ownList(t *turn, subs []Submission) string { return e.ownListFrom(t, subs, 0) }

// ownListFrom is the list of subs numbered from skip+1.
func (e *Engine) ownListFrom(t *turn, subs []Submission, skip int) string {
	cat := e.catalog()
	var b strings.Builder
	for i, s := range subs {
		p, _ := cat.Plan(s.Plan)
		fmt.Fprintf(&b, "\n%d. %s", skip+i+1, e.text(t.lang, "my.item", map[string]any{
			"Ref": s.Ref, "Name": p.Short.In(t.lang), "Date": e.ans.FormatDate(DateOf(s.Created.In(e.ans.cfg.Location)), t.lang),
			"Status": e.text(t.lang, "submission.status."+string(s.Status), nil), "Text": clip(s.Text, ownClip)}))
	}
	return b.String()
}

// deleteMenu shows the resident's own input to choose one to delete (only
// the newest when latest).
func (e *Engine) deleteMenu(ctx context.Context, t *turn, latest bool) outcome {
	subs, _, err := e.cfg.Store.SubmissionsPage(e.storeCtx(ctx), t.author, 0, myPage)
	if err != nil {
		e.storeErr("submissions_by", err)
		return reply(e.privateSimple(t, IntentInputDelete, "error.unavailable", nil))
	}
	if len(subs) == 0 {
		return reply(e.privateSimple(t, IntentInputDelete, "my.none", nil))
	}
	if latest {
		subs = subs[:1] // newest first
	}
	id := "delete.choose"
	if len(subs) == 1 {
		id = "delete.choose.one"
	}
	r := e.privateSimple(t, IntentInputDelete, "my.title", map[string]any{"Count": len(subs)})
	r.Text += e.ownList(t, subs) + "\n\n" + e.text(t.lang, id, map[string]any{"Ref": subs[0].Ref})
	refs := make([]string, 0, len(subs))
	for _, s := range subs {
		refs = append(refs, s.Ref)
	}
	return reply(r).then(Dialog{Step: StepDelete, Menu: refs, MenuKind: MenuDelete})
}

// deleteConfirm asks whether to delete the resident's input ref, picked
// from a list by its place; the menu of all again when it is not theirs.
func (e *Engine) deleteConfirm(ctx context.Context, t *turn, ref string) outcome {
	subs, _, err := e.cfg.Store.SubmissionsPage(e.storeCtx(ctx), t.author, 0, myPage)
	if err != nil {
		e.storeErr("submissions_by", err)
		return reply(e.privateSimple(t, IntentInputDelete, "error.unavailable", nil))
	}
	for _, s := range subs {
		if s.Ref != ref {
			continue
		}
		r := e.privateSimple(t, IntentInputDelete, "my.title", map[string]any{"Count": 1})
		r.Text += e.ownList(t, []Submission{s}) + "\n\n" + e.text(t.lang, "delete.choose.one", map[string]any{"Ref": ref})
		return reply(r).then(Dialog{Step: StepDelete, Menu: []string{ref}, MenuKind: MenuDelete})
	}
	return e.deleteMenu(ctx, t, false)
}

func (e *Engine) privateSimple(t *turn, intent Intent, id string, data map[string]any) Reply {
	r := e.simple(t, intent, id, data)
	r.Private = true
	return r
}

// deleteOwn deletes one of the resident's own submissions.
func (e *Engine) deleteOwn(ctx context.Context, t *turn, ref string) Reply {
	if ref == "" {
		return e.privateSimple(t, IntentInputDelete, "delete.usage", nil)
	}
	err := e.cfg.Store.DeleteSubmission(e.storeCtx(ctx), ref, t.author)
	switch {
	case err == nil:
		e.log.Info("submission deleted by author", "platform", t.m.Platform, "ref", ref)
		return e.privateSimple(t, IntentInputDelete, "delete.done", map[string]any{"Ref": ref})
	case errors.Is(err, ErrNotFound):
		return e.privateSimple(t, IntentInputDelete, "delete.not_found", map[string]any{"Ref": ref})
	case errors.Is(err, ErrArchived):
		return e.privateSimple(t, IntentInputDelete, "delete.archived", map[string]any{"Ref": ref})
	}
	e.storeErr("delete_submission", err)
	return e.privateSimple(t, IntentInputDelete, "error.unavailable", nil)
}

// setLanguage stores the resident's explicit language choice and answers
// in it from now on.
func (e *Engine) setLanguage(ctx context.Context, t *turn, lang Lang) Reply {
	if lang == "" {
		return e.privateSimple(t, IntentLanguage, "language.usage", nil)
	}
	if !t.prefsOK { // never overwrite preferences we could not read
		return e.privateSimple(t, IntentLanguage, "error.unavailable", nil)
	}
	t.prefs.Lang = lang
	if err := e.cfg.Store.SavePrefs(e.storeCtx(ctx), t.prefs); err != nil {
		e.storeErr("save_prefs", err)
		return e.privateSimple(t, IntentLanguage, "error.unavailable", nil)
	}
	t.lang = lang
	return e.privateSimple(t, IntentLanguage, "language.set", nil)
}
