package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestSplitContent(t *testing.T) {
	para := strings.Repeat("ord ", 300) // 1200 characters
	cases := []struct {
		name string
		text string
		max  int
		want int // parts
	}{
		{"short", "hei", 2000, 1},
		{"empty", "", 2000, 1},
		{"exactly max", strings.Repeat("æ", 2000), 2000, 1},
		{"one over", strings.Repeat("æ", 2001), 2000, 2},
		{"paragraphs kept whole", para + "\n\n" + para + "\n\n" + para, 2000, 3},
		{"no spaces", strings.Repeat("x", 4500), 2000, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parts := splitContent(c.text, c.max)
			if len(parts) != c.want {
				t.Fatalf("%d parts, want %d", len(parts), c.want)
			}
			for _, p := range parts {
				if len([]rune(p)) > c.max {
					t.Errorf("part of %d characters", len([]rune(p)))
				}
			}
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if squash(strings.Join(parts, "")) != squash(c.text) {
				t.Error("text lost or changed")
			}
			if strings.Contains(c.text, " ") && len(parts) > 1 && strings.HasSuffix(parts[0], "or") {
				t.Error("a word was cut although there are spaces")
			}
		})
	}
}

func TestRowsLimitsAndDeduplicates(t *testing.T) {
	var bs []discordgo.Button
	for i := 0; i < 30; i++ {
		bs = append(bs, discordgo.Button{Label: "b", CustomID: "plan_info:" + strings.Repeat("x", i%28)})
	}
	rs := rows(bs)
	n := 0
	for _, r := range rs {
		row := r.(discordgo.ActionsRow)
		if len(row.Components) > 5 {
			t.Errorf("row with %d buttons", len(row.Components))
		}
		n += len(row.Components)
	}
	if len(rs) != 5 || n != 25 {
		t.Errorf("%d rows, %d buttons; want 5 rows of 25 unique buttons", len(rs), n)
	}
}

func TestRenderFieldErrorsOfferTryAgain(t *testing.T) {
	a := &Adapter{loc: fakeResponder(t, nil).Localizer()}
	m := a.render([]bot.Reply{{Lang: bot.EN, Plan: "klima", Text: "Remove the phone number.",
		FieldErrors: map[string]string{bot.FieldText: "Remove the phone number."}}}, bot.NB)
	if !strings.HasPrefix(m.chunks[0], "Your input was not sent:") || strings.Count(m.chunks[0], "phone") != 1 {
		t.Errorf("content %q", m.chunks[0])
	}
	if ids := customIDs(mustJSON(t, m.components)); len(ids) != 1 || ids[0] != "discord_modal:klima" {
		t.Errorf("buttons %v", ids)
	}
}

func TestModalTruncatesToDiscordLimits(t *testing.T) {
	a := &Adapter{loc: fakeResponder(t, nil).Localizer()}
	long := strings.Repeat("Lang tittel ", 10)
	d := a.modal(&bot.Form{Title: long, TextLabel: long, MaxLen: 9000}, bot.NB)
	if len([]rune(d.Title)) > maxModalTitle || d.CustomID != "submit_form:" {
		t.Errorf("title %q custom id %q", d.Title, d.CustomID)
	}
	if len(d.Components) != 2 {
		t.Fatalf("%d rows, want a plan field and a text field (no plan chosen)", len(d.Components))
	}
	in := d.Components[1].(discordgo.ActionsRow).Components[0].(discordgo.TextInput)
	if len([]rune(in.Label)) > maxInputLabel || in.MaxLength != maxInputLen || in.Style != discordgo.TextInputParagraph {
		t.Errorf("text input %+v", in)
	}
}
