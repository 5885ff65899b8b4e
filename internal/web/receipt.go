package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// privateLink stores a new link for ref and returns its address; lost is
// true when it could not be stored (the receipt then says so).
func (a *Adapter) privateLink(ctx context.Context, base, ref string) (link string, lost bool) {
	tok := newToken()
	if err := a.cfg.Store.SaveWebLink(ctx, bot.WebLink{Hash: hashToken(tok), Ref: ref, Created: a.cfg.Now()}); err != nil {
		a.log.Warn("web: store private link", "ref", ref, "err", err)
		return "", true
	}
	return base + "/web/r/" + tok, false
}

// baseURL is the configured public address, else the request's own.
func (a *Adapter) baseURL(r *http.Request) string {
	if a.cfg.BaseURL != "" {
		return strings.TrimSuffix(a.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// receiptView is the private page of one submission.
type receiptView struct {
	tr
	CSRF      string
	Found     bool
	Deleted   bool
	Message   string // the outcome of a delete
	Ref       string
	Plan      string
	Date      string
	Status    string
	Text      string
	Deletable bool
	Confirm   bool // asking whether to delete
}

// TRef returns the web string id with the submission's reference filled in.
func (v *receiptView) TRef(id string) string {
	return v.loc.Text(v.Lang, id, map[string]any{"Ref": v.Ref})
}

// receiptPage shows the submission behind a private link.
func (a *Adapter) receiptPage(w http.ResponseWriter, r *http.Request) {
	sid := a.ensureSession(w, r)
	lang := pageLang(r, nil)
	if !a.limits.allow(a.clientKey(r), a.cfg.ClientPerMinute) {
		a.refuse(w, r, http.StatusTooManyRequests, "web.error.slow_down")
		return
	}
	v := &receiptView{tr: tr{Lang: lang, loc: a.loc}, CSRF: a.csrfToken(sid)}
	_, s, err := a.linked(r.Context(), r.PathValue("token"))
	code := http.StatusOK
	switch {
	case err == nil:
		a.fillReceipt(v, s)
	case errors.Is(err, bot.ErrNotFound):
		code = http.StatusNotFound
	default:
		a.refuse(w, r, http.StatusServiceUnavailable, "web.error.unavailable")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, code, "receipt", v)
}

// receiptDelete deletes the submission behind a private link, after asking:
// the first post (delete=1) shows the question, the second (confirm=1)
// deletes.
func (a *Adapter) receiptDelete(w http.ResponseWriter, r *http.Request) {
	sid, ok := a.checkPost(w, r)
	if !ok {
		return
	}
	lang := pageLang(r, nil)
	v := &receiptView{tr: tr{Lang: lang, loc: a.loc}, CSRF: a.csrfToken(sid)}
	tok := r.PathValue("token")
	l, s, err := a.linked(r.Context(), tok)
	code := http.StatusOK
	switch {
	case errors.Is(err, bot.ErrNotFound):
		code = http.StatusNotFound
	case err != nil:
		a.refuse(w, r, http.StatusServiceUnavailable, "web.error.unavailable")
		return
	case r.PostFormValue("confirm") != "1":
		a.fillReceipt(v, s)
		v.Confirm = v.Deletable
	default:
		err = a.cfg.Store.DeleteSubmission(r.Context(), s.Ref, s.AuthorHash)
		switch {
		case err == nil || errors.Is(err, bot.ErrNotFound):
			if err := a.cfg.Store.DeleteWebLink(r.Context(), l.Hash); err != nil {
				a.log.Warn("web: delete private link", "ref", s.Ref, "err", err)
			}
			a.log.Info("submission deleted through its private link", "ref", s.Ref) // the logger names the platform
			v.Deleted, v.Message = true, a.text(lang, "web.receipt.deleted", map[string]any{"Ref": s.Ref})
		case errors.Is(err, bot.ErrArchived):
			a.fillReceipt(v, s)
			v.Message = a.text(lang, "web.receipt.archived", map[string]any{"Ref": s.Ref})
		default:
			a.log.Warn("web: delete through private link", "ref", s.Ref, "err", err)
			a.refuse(w, r, http.StatusServiceUnavailable, "web.error.unavailable")
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, code, "receipt", v)
}

// linked returns the link and submission behind tok: bot.ErrNotFound for a
// malformed or unknown token or a submission deleted since.
func (a *Adapter) linked(ctx context.Context, tok string) (bot.WebLink, bot.Submission, error) {
	if !tokenPattern.MatchString(tok) {
		return bot.WebLink{}, bot.Submission{}, bot.ErrNotFound
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	l, err := a.cfg.Store.WebLink(ctx, hashToken(tok))
	if err != nil {
		return l, bot.Submission{}, err
	}
	s, err := a.cfg.Store.Submission(ctx, l.Ref)
	return l, s, err
}

func (a *Adapter) fillReceipt(v *receiptView, s bot.Submission) {
	v.Found, v.Ref, v.Text, v.Plan = true, s.Ref, s.Text, s.Plan
	for _, c := range a.cfg.Responder.SuggestPlans(s.Plan, v.Lang, 5) {
		if c.Value == s.Plan {
			v.Plan = c.Label
		}
	}
	layout := "02.01.2006"
	if v.Lang == bot.EN {
		layout = "2 January 2006"
	}
	v.Date = s.Created.In(a.zone()).Format(layout)
	v.Status = a.text(v.Lang, "submission.status."+string(s.Status), nil)
	v.Deletable = s.Status != bot.SubmissionArchived
}

// zone is the time zone dates are shown in.
func (a *Adapter) zone() *time.Location {
	if a.cfg.Location != nil {
		return a.cfg.Location
	}
	return time.UTC
}
