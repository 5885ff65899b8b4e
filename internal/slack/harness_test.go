package slack

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/metrics"
	"github.com/askerkommune/temaplanbot/internal/server"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// fakeEngine is a bot.Responder standing in for the engine until
// internal/apptest exists. It answers in the language of the Slack locale,
// offers a form for "innspill"/"input", validates and "stores" form
// submissions once per event id, and records every message.
type fakeEngine struct {
	loc   bot.Localizer
	delay time.Duration // added to messages containing "slow"

	mu     sync.Mutex
	got    []bot.Message
	stored map[string]string // event id -> ref
}

func newFakeEngine(t *testing.T) *fakeEngine {
	t.Helper()
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &fakeEngine{loc: b, stored: map[string]string{}, delay: 2600 * time.Millisecond}
}

func (f *fakeEngine) Localizer() bot.Localizer                        { return f.loc }
func (f *fakeEngine) SuggestPlans(string, bot.Lang, int) []bot.Choice { return nil }

func (f *fakeEngine) Overview(lang bot.Lang) bot.Reply {
	title := map[bot.Lang]string{bot.NB: "Temaplanene i Asker", bot.EN: "Asker's theme plans"}[lang]
	return bot.Reply{Lang: lang, Text: title, Sections: []bot.Section{{Title: title, Body: "klima, kultur"}},
		Choices: []bot.Choice{{Label: "Gi innspill", Action: bot.ActOpenForm, Style: "primary"}}}
}

func (f *fakeEngine) messages() []bot.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Message(nil), f.got...)
}

func (f *fakeEngine) Handle(ctx context.Context, m bot.Message) []bot.Reply {
	f.mu.Lock()
	f.got = append(f.got, m)
	f.mu.Unlock()
	lang := bot.NB
	if l, ok := bot.LangFromLocale(m.Locale); ok {
		lang = l
	}
	if strings.Contains(m.Text, "slow") || (m.Action != nil && m.Action.Value == "slow") {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
		}
	}
	word := map[bot.Lang]string{bot.NB: "Svar", bot.EN: "Answer"}[lang]
	switch {
	case m.Action != nil && m.Action.ID == bot.ActSubmitForm:
		return []bot.Reply{f.submit(m, lang)}
	case m.Action != nil && m.Action.ID == bot.ActOpenForm:
		return []bot.Reply{{Lang: lang, Private: true, Text: "form", Form: f.form(lang, m.Action.Value)}}
	case m.Action != nil:
		return []bot.Reply{{Lang: lang, Text: word + " " + m.Action.ID + " " + m.Action.Value}}
	case strings.HasPrefix(m.Text, "innspill") || strings.HasPrefix(m.Text, "input"):
		return []bot.Reply{
			{Lang: lang, Private: true, Text: "Personvern: innspill kan bli offentlige."},
			{Lang: lang, Private: true, Text: "Hvilken plan?", Form: f.form(lang, "")},
		}
	case strings.HasPrefix(m.Text, "hjelp") || strings.HasPrefix(m.Text, "help"):
		return []bot.Reply{{Lang: lang, Private: true, Text: word + ": hjelp <&> *fet*"}}
	}
	return []bot.Reply{{Lang: lang, Text: word + ": " + m.Text,
		Sections: []bot.Section{{Title: word, Body: m.Text}},
		Choices:  []bot.Choice{{Label: "Gi innspill", Action: bot.ActOpenForm, Value: "klima", Style: "primary"}}}}
}

func (f *fakeEngine) form(lang bot.Lang, plan string) *bot.Form {
	return &bot.Form{Title: "Innspill", Notice: "Innspill kan bli offentlige.", Plan: plan, MaxLen: 2000,
		Plans: []bot.Choice{{Label: "Klimaplan", Value: "klima"}, {Label: "Kulturplan", Value: "kultur"}}}
}

func (f *fakeEngine) submit(m bot.Message, lang bot.Lang) bot.Reply {
	errs := map[string]string{}
	if m.Action.Fields[bot.FieldPlan] == "" {
		errs[bot.FieldPlan] = "Velg en plan."
	}
	if strings.TrimSpace(m.Action.Fields[bot.FieldText]) == "" {
		errs[bot.FieldText] = "Skriv et innspill."
	}
	if len(errs) > 0 {
		return bot.Reply{Lang: lang, Private: true, FieldErrors: errs, Text: "Feil"}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ref, ok := f.stored[m.EventID]
	if !ok {
		ref = fmt.Sprintf("INN-%06d", len(f.stored)+1)
		f.stored[m.EventID] = ref
	}
	return bot.Reply{Lang: lang, Private: true, Ref: ref, Text: "Takk! Kvittering " + ref}
}

func (f *fakeEngine) storedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.stored)
}

// harness runs the adapter behind the real server routes against a fake Slack.
type harness struct {
	t       *testing.T
	api     *fakeSlack
	eng     *fakeEngine
	a       *Adapter
	m       *metrics.Metrics
	srv     *httptest.Server
	clockMu sync.Mutex
	clock   time.Time // zero: real time
}

func newHarness(t *testing.T, mod ...func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, api: newFakeSlack(t), eng: newFakeEngine(t), m: metrics.New()}
	cfg := Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", SigningSecret: testSecret, APIURL: h.api.apiURL(),
		StaffUserIDs: []string{"USTAFF"}, Responder: h.eng, Metrics: h.m, Now: h.now,
		ChannelInterval: time.Millisecond, Logger: testLogger(t), Inbox: testInbox(t),
	}
	for _, f := range mod {
		f(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.a = a
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = a.Shutdown(ctx)
	})
	h.srv = httptest.NewServer(server.Handler(server.Routes{
		SlackEvents: a.EventsHandler(), SlackCommands: a.CommandsHandler(),
		SlackInteractions: a.InteractionsHandler(), Metrics: h.m.Handler(), Checks: []server.Check{{Name: "slack", Ready: a.Ready}},
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *harness) now() time.Time {
	h.clockMu.Lock()
	defer h.clockMu.Unlock()
	if h.clock.IsZero() {
		return time.Now()
	}
	return h.clock
}

func (h *harness) setClock(t time.Time) {
	h.clockMu.Lock()
	defer h.clockMu.Unlock()
	h.clock = t
}

// signedHeaders signs body as Slack does at time ts.
func signedHeaders(secret string, ts time.Time, body []byte) http.Header {
	tsText := strconv.FormatInt(ts.Unix(), 10)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", tsText)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(sign(secret, tsText, body)))
	return h
}

type response struct {
	code int
	body string
	took time.Duration
}

// send POSTs body to path with hdr and returns the response.
func (h *harness) send(path, ctype string, body []byte, hdr http.Header) response {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", ctype)
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{code: resp.StatusCode, body: string(b), took: time.Since(start)}
}

// signed POSTs body signed now.
func (h *harness) signed(path, ctype string, body []byte) response {
	h.t.Helper()
	return h.send(path, ctype, body, signedHeaders(testSecret, h.now(), body))
}

func (h *harness) event(body []byte) response {
	h.t.Helper()
	return h.signed("/slack/events", "application/json", body)
}

func (h *harness) metric(name string) string {
	h.t.Helper()
	rec := httptest.NewRecorder()
	h.m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	var lines []string
	for _, l := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(l, name) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// slash sends a signed slash command whose response_url is the fake API and
// returns the answer: the response body when the adapter answered at once,
// else the JSON it posted to the response_url (a loaded machine answers
// there after the ack).
func (h *harness) slash(text, user, channel string) response {
	h.t.Helper()
	v, _ := url.ParseQuery(string(commandBody(text, user, channel)))
	v.Set("response_url", h.api.srv.URL+"/response/T1/1/"+v.Get("trigger_id"))
	before := len(h.api.callsTo("response_url", true))
	r := h.signed("/slack/commands", formCT, []byte(v.Encode()))
	if r.code != 200 || strings.TrimSpace(r.body) != "" {
		return r
	}
	calls := h.api.waitCalls("response_url", before+1, 30*time.Second)
	if len(calls) > before {
		b, _ := json.Marshal(calls[before].JSON)
		r.body = string(b)
	}
	return r
}
