package apptest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestStaffAskWhatPeopleSay: residents give input through the chat (tagged
// with themes as stored); staff ask "what are people saying about the
// climate plan?" with and without a period, in both languages, and get the
// top themes, counts and typical texts within the platform's limit.
// Residents asking the same get the plan, not a summary.
func TestStaffAskWhatPeopleSay(t *testing.T) {
	app := New(t, Options{SubmitLimit: 100})
	ctx := context.Background()
	inputs := []string{
		"Flere ladestasjoner for elbil ved Asker stasjon",
		"Bussen fra Heggedal går for sjelden",
		"Trygge sykkelveier langs Slemmestadveien",
		"Solceller på alle kommunale bygg",
		"Mer vegetarmat i skolekantinene",
	}
	for i, text := range inputs {
		r := &resident{t: t, app: app, user: fmt.Sprintf("R%d", i)}
		r.say("/temaplan innspill klima " + text)
		mustContain(t, r.say("ja"), "INN-")
	}
	for i := range 3 { // a copied text from three residents
		r := &resident{t: t, app: app, user: fmt.Sprintf("C%d", i)}
		r.say("/temaplan innspill klima Stopp nedbyggingen av Semsmarka, bevar matjorda!")
		mustContain(t, r.say("ja"), "INN-")
	}
	stored, err := app.Store.Submissions(ctx, bot.SubmissionQuery{Plan: "klima"})
	if err != nil || len(stored) != 8 {
		t.Fatalf("stored %d, %v", len(stored), err)
	}
	for _, s := range stored {
		if s.Text == inputs[0] && (len(s.Themes) == 0 || s.Themes[0] != "transport" || s.ThemesVersion == "") {
			t.Errorf("stored %+v, want the theme transport stored with the input", s)
		}
	}
	app.Clock.Advance(time.Hour)
	ask := func(platform, user, text string, staff bool) bot.Reply {
		rs := app.Engine.Handle(ctx, bot.Message{Platform: platform, Workspace: "T1", Channel: "C9", User: user,
			Text: text, Staff: staff, EventID: fmt.Sprintf("%s-%d", user, time.Now().UnixNano())})
		if len(rs) != 1 {
			t.Fatalf("%q: %d replies", text, len(rs))
		}
		return rs[0]
	}
	for _, tt := range []struct {
		platform, text string
		want           []string
		limit          int
	}{
		{bot.PlatformDiscord, "hva sier folk om klimaplanen?", []string{"Hva folk sier om klimaplanen", "8 innspill", "6 ulike",
			"Transport: 3", "3 avsendere"}, 2000},
		{bot.PlatformSlack, "What are people saying about the climate plan last week?", []string{"What people are saying about the climate plan",
			"8 inputs", "Transport: 3", "3 senders"}, 40000},
		{bot.PlatformDiscord, "kva seier folk om klimaplanen siste 30 minutt", []string{"klimaplanen"}, 2000},
		{bot.PlatformSlack, "hva sier folk om klimaplanen siden 2026-11-27", []string{"Ingen innspill til klimaplanen"}, 40000},
	} {
		r := ask(tt.platform, "S1", tt.text, true)
		if r.Intent != bot.IntentStaffSummary || utf8.RuneCountInString(r.Text) > tt.limit {
			t.Errorf("%q: intent %s, %d characters", tt.text, r.Intent, utf8.RuneCountInString(r.Text))
		}
		for _, w := range tt.want {
			if !strings.Contains(r.Text, w) {
				t.Errorf("%q: no %q in\n%s", tt.text, w, r.Text)
			}
		}
	}
	if r := ask(bot.PlatformSlack, "R9", "hva sier folk om klimaplanen?", false); r.Intent == bot.IntentStaffSummary ||
		strings.Contains(r.Text, "Hva folk sier") {
		t.Errorf("a resident got a summary: %s\n%s", r.Intent, r.Text)
	}
}
