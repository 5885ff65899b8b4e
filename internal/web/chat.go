package web

import (
	"context"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// handleTimeout bounds one engine call.
const handleTimeout = 10 * time.Second

// pageView is the chat page.
type pageView struct {
	tr
	CSRF, Nonce string
	View        string // the page's own query (embed, plan), kept through posts
	Embed       bool
	Entries     []entry
	Turn        int
	Welcome     *welcomeView
	Other       bot.Lang // the language the switch offers
	SayError    string   // the chat box was sent empty
}

// welcomeView is the greeting of an empty conversation, with suggestions.
type welcomeView struct {
	Suggestions []string     // texts posted as they are
	Choices     []choiceView // plan buttons when the page is preset to a plan
}

var planPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// viewQuery keeps only the page options from q: embed=1 and a plan id.
func viewQuery(q url.Values) url.Values {
	out := url.Values{}
	if q.Get("embed") == "1" {
		out.Set("embed", "1")
	}
	if p := q.Get("plan"); planPattern.MatchString(p) {
		out.Set("plan", p)
	}
	if l := q.Get("lang"); l == "nb" || l == "en" {
		out.Set("lang", l)
	}
	return out
}

// page serves the chat page with the session's conversation.
func (a *Adapter) page(w http.ResponseWriter, r *http.Request) {
	sid := a.ensureSession(w, r)
	a.showPage(w, r, sid, viewQuery(r.URL.Query()), http.StatusOK, "")
}

// showPage renders the chat page for view q, with sayError (a message id)
// at the chat box when it was sent empty.
func (a *Adapter) showPage(w http.ResponseWriter, r *http.Request, sid string, q url.Values, code int, sayError string) {
	lang := pageLang(r, q)
	if lc, ok := a.cfg.Responder.(bot.LangChooser); ok { // a typed choice of language counts too
		lang = lc.LangFor(r.Context(), bot.PlatformWeb, sid, string(lang))
	}
	entries, turn := a.convs.snapshot(a.convKey(sid))
	p := &pageView{tr: tr{Lang: lang, loc: a.loc}, CSRF: a.csrfToken(sid), Nonce: newToken(),
		View: q.Encode(), Embed: q.Get("embed") == "1", Entries: entries, Turn: turn, Other: otherLang(lang)}
	if len(entries) == 0 {
		p.Welcome = a.welcome(lang, q.Get("plan"))
	}
	if sayError != "" {
		p.SayError = a.text(lang, sayError, nil)
	}
	a.render(w, code, "page", p)
}

func otherLang(l bot.Lang) bot.Lang {
	if l == bot.EN {
		return bot.NB
	}
	return bot.EN
}

// welcome offers example questions, and the preset plan's buttons.
func (a *Adapter) welcome(lang bot.Lang, plan string) *welcomeView {
	w := &welcomeView{Suggestions: []string{a.text(lang, "web.suggest.plans", nil),
		a.text(lang, "web.suggest.input", nil), a.text(lang, "web.suggest.mine", nil)}}
	if plan == "" {
		return w
	}
	for _, c := range a.cfg.Responder.SuggestPlans(plan, lang, 5) {
		if c.Value == plan {
			data := map[string]any{"Name": c.Label}
			w.Choices = []choiceView{
				{Label: a.text(lang, "web.plan.about", data), Value: bot.ActPlanInfo + ":" + plan},
				{Label: a.text(lang, "web.plan.input", data), Value: bot.ActOpenForm + ":" + plan, Style: "primary"},
			}
		}
	}
	return w
}

// say takes one post (text, a button or the input form), hands it to the
// engine and answers with the new entries (fetch) or a redirect to the page.
func (a *Adapter) say(w http.ResponseWriter, r *http.Request) {
	sid, ok := a.checkPost(w, r)
	if !ok {
		return
	}
	view := viewQuery(postedView(r))
	lang := pageLang(r, view)
	key := a.convKey(sid)
	m := bot.Message{Platform: bot.PlatformWeb, Channel: "web", User: sid, Locale: string(lang), Direct: true,
		PagePlan: view.Get("plan")}
	you, sent, err := a.readMessage(r, key, &m)
	if err != nil {
		a.refuse(w, r, http.StatusBadRequest, "web.error.unreadable")
		return
	}
	// A button or a form post carries the page's nonce as its event id, so
	// a post sent twice (a double click, a reload) is handled once. Typed
	// text needs none: the engine keys a confirmed input by its dialog, and a
	// question asked twice is answered twice, harmlessly, without a write.
	if n := r.PostFormValue("nonce"); tokenPattern.MatchString(n) && m.Action != nil {
		m.EventID = hex.EncodeToString(a.mac("event", sid, n)[:16])
	}
	if you == "" && m.Action == nil { // the chat box sent empty: say so at the box
		if isFetch(r) {
			a.refuse(w, r, http.StatusUnprocessableEntity, "web.error.empty")
			return
		}
		a.showPage(w, r, sid, view, http.StatusUnprocessableEntity, "web.error.empty")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), handleTimeout)
	defer cancel()
	if a.cfg.Metrics != nil {
		start := time.Now()
		defer func() { a.cfg.Metrics.Answer(bot.PlatformWeb, time.Since(start)) }()
	}
	replies := a.cfg.Responder.Handle(ctx, m)
	if len(replies) == 0 { // a repeated post (same nonce): already answered
		a.done(w, r, nil)
		return
	}
	a.done(w, r, a.record(ctx, a.baseURL(r), key, a.youLang(you, replies, lang), you, replies, sent))
}

// youLang is the language of what the resident said: the text's own when
// clear, else the language they were answered in, else the page's.
func (a *Adapter) youLang(you string, replies []bot.Reply, page bot.Lang) bot.Lang {
	if tl, ok := a.cfg.Responder.(bot.TextLanger); ok {
		if l, sure := tl.TextLang(you); sure {
			return l
		}
	}
	if len(replies) > 0 && replies[0].Lang != "" {
		return replies[0].Lang
	}
	return page
}

// readMessage fills m from the post and returns what the resident "said"
// (for the page) and the form fields sent. It fails on text that is not
// UTF-8 or holds control characters other than line breaks and tabs.
func (a *Adapter) readMessage(r *http.Request, key string, m *bot.Message) (you string, sent map[string]string, err error) {
	choice := r.PostFormValue("choice")
	if choice == "" {
		text := strings.TrimSpace(r.PostFormValue("text"))
		if !plainText(text) {
			return "", nil, errUnreadable
		}
		m.Text = text
		return text, nil, nil
	}
	act, value, ok := parseChoice(choice)
	if !ok {
		return "", nil, errUnreadable
	}
	m.Action = &bot.Action{ID: act, Value: value}
	if act == bot.ActSubmitForm {
		sent = map[string]string{bot.FieldPlan: r.PostFormValue("plan"), bot.FieldText: r.PostFormValue("text")}
		if !plainText(sent[bot.FieldPlan]) || !plainText(sent[bot.FieldText]) {
			return "", nil, errUnreadable
		}
		m.Action.Fields = sent
		return sent[bot.FieldText], sent, nil
	}
	if you = a.convs.label(key, choice); you == "" {
		you = value
		if you == "" {
			you = act
		}
	}
	return you, nil, nil
}

var errUnreadable = errors.New("web: unreadable post")

// plainText reports whether s is UTF-8 without control characters (line
// breaks and tabs allowed).
func plainText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return isControl(r) && r != '\n' && r != '\r' && r != '\t'
	})
}

// record renders the replies (making private links for receipts) and adds
// the turn to the conversation.
func (a *Adapter) record(ctx context.Context, base, key string, lang bot.Lang, you string, replies []bot.Reply, sent map[string]string) []entry {
	last := a.convs.lastForm(key)
	replies = bot.RenderHints(replies, a.hint)
	noticed := a.convs.noticed(key) || a.showsNotice(replies)
	var add []entry
	if you != "" { // a language switch, or a form sent empty, says nothing
		add = append(add, entry{You: true, Lang: lang, Text: you})
	}
	views := make([]*replyView, 0, len(replies))
	var form *bot.Form
	for i, rep := range replies {
		v := a.newReplyView(rep, last, sent, len(add)+i)
		if rep.Ref != "" {
			v.Link, v.LinkLost = a.privateLink(ctx, base, rep.Ref)
		}
		if v.Form != nil && rep.Form != nil {
			form = rep.Form
		}
		if v.Form != nil { // the privacy notice is shown once a conversation
			if noticed {
				v.Form.Notice = ""
			}
			noticed = true
		}
		views = append(views, v)
		add = append(add, entry{Lang: v.Lang, Reply: v})
	}
	return a.convs.add(key, add, form, labels(views), noticed)
}

// hint shows an engine hint as words to write in the chat: «mine».
func (a *Adapter) hint(h bot.Hint) string {
	return a.text(h.Lang, "web.hint", map[string]any{"Words": h.Words})
}

// showsNotice reports whether replies hold the engine's full privacy notice
// (shown before a resident's first input).
func (a *Adapter) showsNotice(replies []bot.Reply) bool {
	for _, r := range replies {
		if len(r.Sections) > 0 && r.Sections[0].Title == a.text(r.Lang, "privacy.title", nil) {
			return true
		}
	}
	return false
}

// done answers a post: the new entries for the script, else a redirect to
// the page (post/redirect/get), to the latest reply.
func (a *Adapter) done(w http.ResponseWriter, r *http.Request, added []entry) {
	if isFetch(r) {
		sid := session(r)
		var turn int
		if len(added) > 0 {
			turn = added[0].Turn
		}
		a.render(w, http.StatusOK, "entries", &pageView{Entries: added, Turn: turn, CSRF: a.csrfToken(sid),
			View: viewQuery(postedView(r)).Encode()})
		return
	}
	target := "/web/"
	if q := viewQuery(postedView(r)).Encode(); q != "" {
		target += "?" + q
	}
	http.Redirect(w, r, target+"#latest", http.StatusSeeOther)
}

// postedView reads the page options the post carried in its "view" field.
func postedView(r *http.Request) url.Values {
	q, _ := url.ParseQuery(r.PostFormValue("view"))
	return q
}

// isFetch reports a post made by chat.js, which wants HTML to append.
func isFetch(r *http.Request) bool { return r.Header.Get("X-Requested-With") == "temaplanbot" }

// checkPost parses a post and checks its type, session, CSRF token and the
// rate limits, answering the refusal itself when ok is false.
func (a *Adapter) checkPost(w http.ResponseWriter, r *http.Request) (sid string, ok bool) {
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	if !strings.EqualFold(strings.TrimSpace(ct), "application/x-www-form-urlencoded") {
		a.refuse(w, r, http.StatusUnsupportedMediaType, "web.error.unreadable")
		return "", false
	}
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.Header().Set("Connection", "close")
			a.refuse(w, r, http.StatusRequestEntityTooLarge, "web.error.too_large")
			return "", false
		}
		a.refuse(w, r, http.StatusBadRequest, "web.error.unreadable")
		return "", false
	}
	sid = session(r)
	if !a.checkCSRF(r, sid) {
		a.refuse(w, r, http.StatusForbidden, "web.error.expired")
		return "", false
	}
	if !a.allowPost(r, sid) {
		a.log.Info("web post over the rate limit")
		a.refuse(w, r, http.StatusTooManyRequests, "web.error.slow_down")
		return "", false
	}
	return sid, true
}

// setLang stores the resident's choice of page language.
func (a *Adapter) setLang(w http.ResponseWriter, r *http.Request) {
	if _, ok := a.checkPost(w, r); !ok {
		return
	}
	if l, ok := bot.ParseLang(r.PostFormValue("lang")); ok {
		a.setCookie(w, langCookie, string(l), sessionMaxAge)
		a.chooseLang(r, l)
	}
	target := "/web/"
	if q := viewQuery(postedView(r)).Encode(); q != "" {
		target += "?" + q
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// chooseLang tells the engine of the switch: an explicit choice, like a
// typed "answer in English", so the latest of the two wins. Its answer
// joins the conversation.
func (a *Adapter) chooseLang(r *http.Request, l bot.Lang) {
	sid := session(r)
	ctx, cancel := context.WithTimeout(r.Context(), handleTimeout)
	defer cancel()
	m := bot.Message{Platform: bot.PlatformWeb, Channel: "web", User: sid, Locale: string(l), Direct: true,
		Action: &bot.Action{ID: bot.ActLanguage, Value: string(l)}}
	if replies := a.cfg.Responder.Handle(ctx, m); len(replies) > 0 {
		a.record(ctx, a.baseURL(r), a.convKey(sid), l, "", replies, nil)
	}
}

// rejectReasons names the metrics reason of each refusal message.
var rejectReasons = map[string]string{
	"web.error.origin": "origin", "web.error.expired": "csrf", "web.error.too_large": "size",
	"web.error.unreadable": "malformed", "web.error.slow_down": "rate_limit",
}

// refuse answers a request the chat cannot take with a short page (or, for
// the script, a notice to append) in the page's language. It never echoes
// anything from the request.
func (a *Adapter) refuse(w http.ResponseWriter, r *http.Request, code int, id string) {
	if reason := rejectReasons[id]; reason != "" && a.cfg.Metrics != nil {
		a.cfg.Metrics.Rejected(bot.PlatformWeb, reason)
	}
	lang := pageLang(r, postedView(r))
	v := &replyView{tr: tr{Lang: lang, loc: a.loc}, Text: a.text(lang, id, nil), Notice: true}
	if isFetch(r) {
		a.render(w, code, "entries", &pageView{Entries: []entry{{ID: 0, Lang: lang, Reply: v}}})
		return
	}
	a.render(w, code, "notice", &pageView{tr: v.tr, Entries: []entry{{Lang: lang, Reply: v}}})
}
