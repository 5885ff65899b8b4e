package bot_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/bot/nlu"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

// Platform limits a reply must fit: Discord's message content, Slack's
// blocks per message (a section per Section, an actions block per five
// buttons) and Discord's buttons per message (five rows of five).
const (
	discordContent = 2000
	slackBlocks    = 50
	discordButtons = 25
)

// TestListsArePaged: with 1,400 plans and a resident with 500 inputs,
// every list reply fits Slack's and Discord's limits, says how many there
// are, and the pages ("show more", "/temaplan mine 6", "/temaplan plans
// 26") walk through all of them without a gap.
func TestListsArePaged(t *testing.T) {
	e, store := bigEngine(t, 1400)
	author := e.AuthorHash(bot.PlatformDiscord, "U500")
	for i := range 500 {
		_, _, err := store.AddSubmission(context.Background(), bot.Submission{Ref: fmt.Sprintf("INN-%06d", i), Plan: "klima",
			Text: strings.Repeat("Flere sykkelveier og benker langs fjorden. ", 6), Lang: bot.NB, Platform: bot.PlatformDiscord,
			AuthorHash: author, Created: fixedNow().Add(-time.Duration(500-i) * time.Hour), EventID: fmt.Sprint("ev", i)})
		if err != nil {
			t.Fatal(err)
		}
	}
	say := func(text string, action *bot.Action) bot.Reply {
		rs := e.Handle(context.Background(), bot.Message{Platform: bot.PlatformDiscord, Workspace: "G", Channel: "D", User: "U500",
			Text: text, Command: action == nil, Action: action, EventID: fmt.Sprint(text, action, time.Now().UnixNano())})
		for _, r := range rs {
			fits(t, text, r)
		}
		return rs[len(rs)-1]
	}
	r := say("mine", nil)
	if !strings.Contains(r.Text, "(500)") || !strings.Contains(r.Text, "INN-000499") || strings.Contains(r.Text, "INN-000494") {
		t.Errorf("first page of my input:\n%s", r.Text)
	}
	seen := collect(`INN-\d{6}`, r.Text)
	for len(r.Choices) > 0 && len(seen) < 500 {
		c := r.Choices[len(r.Choices)-1]
		if c.Action != bot.ActMoreInput {
			t.Fatalf("last choice %+v, want show more", c)
		}
		r = say("", &bot.Action{ID: c.Action, Value: c.Value})
		for k := range collect(`INN-\d{6}`, r.Text) {
			if seen[k] {
				t.Fatalf("%s shown twice", k)
			}
			seen[k] = true
		}
	}
	if len(seen) != 500 || len(r.Choices) != 0 {
		t.Errorf("show more walked %d inputs (last page choices %d), want all 500", len(seen), len(r.Choices))
	}
	if r := say("mine 496", nil); !strings.Contains(r.Text, "INN-000004") || !strings.Contains(r.Text, "INN-000000") {
		t.Errorf("/temaplan mine 496:\n%s", r.Text)
	}

	say("innspill", nil) // asks for the plan: buttons
	say("avbryt", nil)
	say("når starter planene?", nil)
	r = say("planer", nil)
	plans := collect(`(?m)^\d+\. `, r.Text)
	for page := 0; len(r.Choices) > 0 && page < 100; page++ {
		c := r.Choices[0]
		r = say("", &bot.Action{ID: c.Action, Value: c.Value})
		for k := range collect(`(?m)^\d+\. `, r.Text) {
			plans[k] = true
		}
	}
	if len(plans) != 1400 {
		t.Errorf("the plan pages listed %d plans, want 1400", len(plans))
	}
	if r := say("planer 1390", nil); !strings.Contains(r.Text, "1400. ") || !strings.Contains(r.Text, "⟦plan") { // a hint each adapter renders
		t.Errorf("/temaplan planer 1390:\n%s", r.Text)
	}
	// A number typed after a later page means that line of the whole list.
	say("planer 101", nil)
	if r := say("105", nil); r.Plan != "omrade0104" {
		t.Errorf("typing 105 after the page from 101: plan %q, want omrade0104\n%s", r.Plan, r.Text)
	}
}

// fits fails the test when r would not fit one Slack or Discord message.
func fits(t *testing.T, said string, r bot.Reply) {
	t.Helper()
	if n := utf8.RuneCountInString(r.Text); n > discordContent {
		t.Errorf("%q: reply of %d characters, more than Discord's %d", said, n, discordContent)
	}
	if n := len(r.Sections) + (len(r.Choices)+4)/5; n > slackBlocks {
		t.Errorf("%q: %d blocks, more than Slack's %d", said, n, slackBlocks)
	}
	if len(r.Choices) > discordButtons {
		t.Errorf("%q: %d buttons, more than Discord's %d", said, len(r.Choices), discordButtons)
	}
}

// collect returns the distinct matches of pattern in text.
func collect(pattern, text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(pattern).FindAllString(text, -1) {
		out[m] = true
	}
	return out
}

// bigEngine is an engine whose catalogue has n plans: the real ones and
// made-up area plans.
func bigEngine(t *testing.T, n int) (*bot.Engine, *bottest.Mem) {
	t.Helper()
	def, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat := *def
	cat.Plans = append([]bot.Plan(nil), def.Plans...)
	for i := len(cat.Plans); i < n; i++ {
		id := fmt.Sprintf("omrade%04d", i)
		cat.Plans = append(cat.Plans, bot.Plan{ID: id, Wave: bot.WaveLater,
			Name:  bot.Text{bot.NB: "Temaplan for område " + id, bot.EN: "Theme plan for area " + id},
			Short: bot.Text{bot.NB: "område " + id, bot.EN: "area " + id}})
	}
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	store := bottest.NewMem(fixedNow)
	e, err := bot.New(bot.Config{Catalog: bot.CatalogFunc(func() *bot.Catalog { return &cat }), Store: store,
		Localizer: loc, NewUnderstander: func(c *bot.Catalog) bot.Understander { return nlu.New(c) },
		HashKey: []byte("paging-key-0123456789-0123456789-012345"), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return e, store
}
