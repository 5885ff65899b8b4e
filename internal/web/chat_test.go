package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestAskWithoutScript(t *testing.T) {
	r := newRig(t, nil)
	tests := []struct {
		name, accept, question, lang, want string
	}{
		{"bokmål", "nb-NO,nb;q=0.9", "Når starter klimaplanen?", "nb", "klima"},
		{"English", "en-GB,en;q=0.9", "When does the climate plan start?", "en", "climate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := r.browser(t)
			b.header.Set("Accept-Language", tc.accept)
			page := b.get("/web/")
			if !strings.Contains(page, `<html lang="`+tc.lang+`">`) {
				t.Fatalf("page language is not %s", tc.lang)
			}
			page = b.say(tc.question)
			if !strings.Contains(page, html(tc.question)) {
				t.Errorf("the question is not on the page")
			}
			latest := b.latest()
			if !strings.Contains(latest, `lang="`+tc.lang+`"`) && !strings.Contains(page, `class="msg bot" lang="`+tc.lang+`" id="latest"`) {
				t.Errorf("the reply is not marked lang=%s: %.300s", tc.lang, latest)
			}
			if !strings.Contains(strings.ToLower(latest), tc.want) {
				t.Errorf("the reply does not mention %q: %.600s", tc.want, latest)
			}
		})
	}
}

func html(s string) string {
	return strings.NewReplacer("'", "&#39;", `"`, "&#34;", "<", "&lt;", ">", "&gt;", "&", "&amp;", "+", "&#43;").Replace(s)
}

var linkPattern = regexp.MustCompile(`href="(http[^"]*/web/r/[A-Za-z0-9_-]{43})"`)

// TestInputReceiptAndPrivateLink gives input through the privacy notice and
// the form (with a field error first), then opens the receipt's private link
// in another browser and deletes the input there.
func TestInputReceiptAndPrivateLink(t *testing.T) {
	r := newRig(t, nil)
	b := r.browser(t)
	b.get("/web/")
	page := b.say("Jeg vil gi innspill")
	if !strings.Contains(page, "personvern") {
		t.Fatalf("no privacy notice before the first input:\n%s", page)
	}
	page = b.press(bot.ActChoosePlan + ":klima")
	if !strings.Contains(page, `class="input-form"`) || !strings.Contains(page, `<option value="klima" selected>`) {
		t.Fatalf("no input form with the plan chosen:\n%s", b.latest())
	}
	page = b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {"klima"}, "text": {"kort"}})
	if !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, `class="error"`) {
		t.Fatalf("a too short text shows no field error:\n%s", b.latest())
	}
	if n := len(r.submissions(t)); n != 0 {
		t.Fatalf("%d submissions stored after a refused form", n)
	}
	text := "Flere sykkelparkeringer ved Asker stasjon, gjerne under tak."
	page = b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {"klima"}, "text": {text}})
	subs := r.submissions(t)
	if len(subs) != 1 || subs[0].Text != text || subs[0].Platform != bot.PlatformWeb {
		t.Fatalf("stored %+v", subs)
	}
	if !strings.Contains(b.latest(), subs[0].Ref) {
		t.Fatalf("the receipt does not show %s:\n%s", subs[0].Ref, b.latest())
	}
	m := linkPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no private link in the receipt:\n%s", b.latest())
	}
	link := strings.TrimPrefix(m[1], r.srv.URL)

	other := r.browser(t) // another device: no cookies in common
	got := other.get(link)
	if !strings.Contains(got, html(text)) || !strings.Contains(got, subs[0].Ref) {
		t.Fatalf("the private link does not show the input:\n%s", got)
	}
	if res, _ := other.do(http.MethodGet, "/web/r/"+strings.Repeat("A", 43), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown token: %d, want 404", res.StatusCode)
	}
	got = other.post(link, url.Values{"delete": {"1"}})
	if !strings.Contains(got, "Vil du slette innspillet "+subs[0].Ref) || len(r.submissions(t)) != 1 {
		t.Fatalf("the private link deleted without asking first:\n%s", got)
	}
	got = other.post(link, url.Values{"delete": {"1"}, "confirm": {"1"}})
	if !strings.Contains(got, "er slettet") {
		t.Fatalf("no confirmation of the delete:\n%s", got)
	}
	if n := len(r.submissions(t)); n != 0 {
		t.Fatalf("%d submissions left after the delete", n)
	}
	if res, _ := other.do(http.MethodGet, link, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("the link after the delete: %d, want 404", res.StatusCode)
	}
}

func TestLanguageSwitch(t *testing.T) {
	r := newRig(t, nil)
	b := r.browser(t)
	b.get("/web/")
	page := b.post("/web/lang", url.Values{"lang": {"en"}})
	if !strings.Contains(page, `<html lang="en">`) {
		t.Fatalf("the switch did not make the page English")
	}
	b.say("hello")
	if !strings.Contains(b.latest(), `lang="en"`) && !strings.Contains(b.last, `lang="en" id="latest"`) {
		t.Errorf("reply not in English: %.300s", b.latest())
	}
}

func TestAcceptLang(t *testing.T) {
	for h, want := range map[string]bot.Lang{
		"": bot.NB, "en": bot.EN, "en-US,en;q=0.9": bot.EN, "nb-NO,nb;q=0.9,en;q=0.8": bot.NB,
		"de,en;q=0.5": bot.EN, "en;q=0.2,nn;q=0.9": bot.NB, "fr": bot.NB, "en;q=abc,no;q=0.1": bot.NB,
	} {
		if got := acceptLang(h); got != want {
			t.Errorf("acceptLang(%q) = %s, want %s", h, got, want)
		}
	}
}

// TestWebIsNotStaff: staff commands are refused on the web, and personal
// data in the input form is caught by the engine's checks before anything
// is stored.
func TestWebIsNotStaff(t *testing.T) {
	r := newRig(t, nil)
	b := r.browser(t)
	b.get("/web/")
	b.say("/temaplan varsler på")
	subs, err := r.app.Store.Subscriptions(t.Context(), bot.SubReminders)
	if err != nil || len(subs) != 0 {
		t.Fatalf("a web resident subscribed a channel: %v %+v", err, subs)
	}
	b.press(bot.ActOpenForm + ":klima")
	page := b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {"klima"},
		"text": {"Ring meg gjerne på 912 34 567 om sykkelparkering ved stasjonen."}})
	if n := len(r.submissions(t)); n != 0 {
		t.Fatalf("input with a phone number was stored (%d)", n)
	}
	if !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(b.latest(), "telefonnummer") {
		t.Errorf("the phone number is not shown as a field error:\n%s", b.latest())
	}
}

// TestDeleteLogNamesThePlatformOnce deletes through a private link with the
// logger serve gives the adapter (which already names the platform): the
// log line must not name it a second time.
func TestDeleteLogNamesThePlatformOnce(t *testing.T) {
	var logs bytes.Buffer
	r := newRig(t, func(c *Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)).With("platform", bot.PlatformWeb)
	})
	b := r.browser(t)
	b.get("/web/")
	b.press(bot.ActOpenForm + ":klima")
	page := b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {"klima"},
		"text": {"Flere benker langs turveiene ved Semsvannet."}})
	m := linkPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no private link:\n%s", b.latest())
	}
	link := strings.TrimPrefix(m[1], r.srv.URL)
	b.get(link)
	b.post(link, url.Values{"delete": {"1"}, "confirm": {"1"}})
	var line string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "deleted through its private link") {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no log line for the delete:\n%s", logs.String())
	}
	if n := strings.Count(line, `"platform"`); n != 1 {
		t.Errorf("the delete's log line names the platform %d times: %s", n, line)
	}
}

// TestLanguagePerMessage: an English question on a bokmål page is answered
// in English, then a form written in bokmål gets its receipt in bokmål;
// each message, the resident's too, is marked with its own language.
func TestLanguagePerMessage(t *testing.T) {
	r := newRig(t, nil)
	b := r.browser(t)
	b.header.Set("Accept-Language", "nb-NO,nb;q=0.9")
	b.get("/web/")
	b.say("What is the culture plan about?")
	if !strings.Contains(b.last, `<div class="msg you" lang="en"`) || !strings.Contains(b.last, `lang="en" id="latest"`) {
		t.Fatalf("an English question on a bokmål page is not marked and answered in English:\n%s", b.latest())
	}
	b.press(bot.ActOpenForm + ":klima")
	b.post("/web/say", url.Values{"choice": {"submit_form:"}, "plan": {"klima"},
		"text": {"Flere ladestasjoner for elbil ved skolene i Asker."}})
	if !strings.Contains(b.last, `lang="nb" id="latest"`) || !strings.Contains(b.latest(), "Takk!") {
		t.Errorf("the receipt of a form in bokmål is not in bokmål:\n%s", b.latest())
	}
}
