package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestRunPipedLines(t *testing.T) {
	var got []bot.Message
	h := bot.HandlerFunc(func(_ context.Context, m bot.Message) []bot.Reply {
		got = append(got, m)
		return []bot.Reply{{Text: "svar på " + m.Text, Choices: []bot.Choice{
			{Label: "klimaplanen", Action: bot.ActChoosePlan, Value: "klima"},
			{Label: "Send", Action: bot.ActConfirm},
		}}}
	})
	var out bytes.Buffer
	err := Run(context.Background(), Config{Handler: h, In: strings.NewReader("hei\n\n  \nja\n"), Out: &out, User: "kari"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != "hei" || got[1].Text != "ja" {
		t.Fatalf("handled %+v; blank lines must be skipped", got)
	}
	m := got[0]
	if m.Platform != bot.PlatformConsole || m.User != "kari" || !m.Direct || !m.Staff {
		t.Errorf("message %+v", m)
	}
	want := "svar på hei\n  1. klimaplanen (klima)\n\nsvar på ja\n  1. klimaplanen (klima)\n\n"
	if out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
}

func TestRunStopsOnCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	h := bot.HandlerFunc(func(context.Context, bot.Message) []bot.Reply { calls++; return nil })
	if err := Run(ctx, Config{Handler: h, In: strings.NewReader("a\nb\n"), Out: &bytes.Buffer{}}); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("handled %d lines after cancel", calls)
	}
}

func TestEachLineCutsLongLines(t *testing.T) {
	in := "short\r\n" + strings.Repeat("x", 200) + "\n\nlast without newline"
	var got []string
	if err := EachLine(strings.NewReader(in), 50, func(l string) error { got = append(got, l); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []string{"short", strings.Repeat("x", 50), "", "last without newline"}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestRunAsResident checks that `chat --resident` sends the operator's
// lines as a resident's, so staff command words are ordinary words.
func TestRunAsResident(t *testing.T) {
	var got []bot.Message
	h := bot.HandlerFunc(func(_ context.Context, m bot.Message) []bot.Reply {
		got = append(got, m)
		return nil
	})
	var out bytes.Buffer
	if err := Run(context.Background(), Config{Handler: h, In: strings.NewReader("vis mine innspill\n"), Out: &out, User: "kari", Resident: true}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Staff {
		t.Fatalf("handled %+v, want one message from a resident", got)
	}
}

// TestRenderShowsHintsAsWhatToType: the engine's hints become the words to
// type at the terminal, never the chat platforms' slash command.
func TestRenderShowsHintsAsWhatToType(t *testing.T) {
	got := Render(bot.Reply{Lang: bot.NB, Text: "Se innspillene dine med ⟦mine⟧ og slett med ⟦slett INN-7K3QF9⟧."})
	if want := `Se innspillene dine med "mine" og slett med "slett INN-7K3QF9".`; got != want {
		t.Errorf("Render = %q, want %q", got, want)
	}
}
