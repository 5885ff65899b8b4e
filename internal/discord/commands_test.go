package discord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

func TestCommandsFollowDiscordsRulesInBothLanguages(t *testing.T) {
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	cmds, err := Commands(loc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"plan", "plans", "ask", "input", "my", "delete", "language", "help",
		"reminders", "digest", "start", "hide", "unhide", "archive"}
	subs := cmds[0].Options
	if len(subs) != len(want) {
		t.Fatalf("%d subcommands, want %d", len(subs), len(want))
	}
	noNames := map[string]bool{}
	for i, s := range subs {
		if s.Name != want[i] {
			t.Errorf("subcommand %d is %q, want %q", i, s.Name, want[i])
		}
		no := s.NameLocalizations[discordgo.Norwegian]
		if !nameRE.MatchString(no) || noNames[no] {
			t.Errorf("%s: Norwegian name %q is invalid or repeated", s.Name, no)
		}
		noNames[no] = true
		if s.DescriptionLocalizations[discordgo.Norwegian] == s.Description {
			t.Errorf("%s: Norwegian description is the English one", s.Name)
		}
		for _, o := range s.Options {
			if !nameRE.MatchString(o.NameLocalizations[discordgo.Norwegian]) || o.Description == "" {
				t.Errorf("%s %s: bad localized option", s.Name, o.Name)
			}
		}
	}
	if got := subs[0].NameLocalizations[discordgo.Norwegian]; got != "plan" {
		t.Errorf("plan in Norwegian is %q", got)
	}
	if got := subs[3].NameLocalizations[discordgo.Norwegian]; got != "innspill" {
		t.Errorf("input in Norwegian is %q, want innspill", got)
	}
}

// badLoc breaks one text.
type badLoc struct {
	bot.Localizer
	id, text string
}

func (b badLoc) Text(l bot.Lang, id string, d map[string]any) string {
	if id == b.id {
		return b.text
	}
	return b.Localizer.Text(l, id, d)
}

func TestCommandsRejectBrokenTexts(t *testing.T) {
	loc, _ := locale.Load()
	for _, c := range []badLoc{
		{id: "discord.cmd.plans.name", text: "Planer"},      // upper case
		{id: "discord.cmd.plans.name", text: "alle planer"}, // space
		{id: "discord.opt.ref.name", text: ""},              // empty
		{id: "discord.cmd.help.description", text: string(make([]byte, 101))},
	} {
		c.Localizer = loc
		if _, err := Commands(c); !errors.Is(err, bot.ErrInvalid) {
			t.Errorf("%s = %q: got %v, want ErrInvalid", c.id, c.text, err)
		}
	}
}

func TestRegisterCommandsOverwritesIdempotently(t *testing.T) {
	r := newRig(t, rigOptions{responder: fakeResponder(t, func(bot.Message) []bot.Reply { return nil })})
	ctx := context.Background()
	for _, guild := range []string{"", "", "290926798626357999"} {
		if err := r.a.RegisterCommands(ctx, guild); err != nil {
			t.Fatal(err)
		}
	}
	puts := r.api.calls("/commands")
	if len(puts) != 3 || puts[0].Method != http.MethodPut || puts[0].Path != "/api/v9/applications/app1/commands" ||
		puts[2].Path != "/api/v9/applications/app1/guilds/290926798626357999/commands" {
		t.Fatalf("calls %+v, want PUTs to the global then the guild endpoint", puts)
	}
	if puts[0].Raw != puts[1].Raw {
		t.Error("registering twice sent different definitions")
	}
	var cmds []map[string]any
	if err := json.Unmarshal([]byte(puts[0].Raw), &cmds); err != nil || len(cmds) != 1 || cmds[0]["name"] != "temaplan" {
		t.Fatalf("body %s", puts[0].Raw)
	}
	r.api.setHook(func(w http.ResponseWriter, c call) bool {
		http.Error(w, `{"message":"Missing Access","code":50001}`, http.StatusForbidden)
		return true
	})
	if err := r.a.RegisterCommands(ctx, "1"); err == nil {
		t.Error("a refused registration reported success")
	}
}

func TestCommandText(t *testing.T) {
	opt := func(kv ...string) []ixOption {
		var out []ixOption
		for i := 0; i < len(kv); i += 2 {
			v, _ := json.Marshal(kv[i+1])
			out = append(out, ixOption{Name: kv[i], Type: 3, Value: v})
		}
		return out
	}
	cases := []struct {
		sub     string
		opts    []ixOption
		text    string
		command bool
	}{
		{"plan", opt("plan", "kultur"), "plan kultur", true},
		{"plans", nil, "plans", true},
		{"ask", opt("question", " Hva er klimaplanen? "), "Hva er klimaplanen?", false},
		{"input", opt("plan", "klima", "text", "Flere ladere"), "input klima Flere ladere", true},
		{"my", nil, "my", true},
		{"delete", opt("ref", "INN-7K3QF9"), "delete INN-7K3QF9", true},
		{"language", opt("language", "en"), "language en", true},
		{"help", nil, "help", true},
		{"reminders", opt("state", "on", "language", "nb"), "reminders on nb", true},
		{"reminders", opt("state", "off"), "reminders off", true},
		{"digest", opt("action", "here"), "digest here", true},
		{"start", opt("plan", "klima", "date", "2026-12-01"), "start klima 2026-12-01", true},
		{"hide", opt("ref", "INN-AAAAAA"), "hide INN-AAAAAA", true},
		{"unhide", opt("ref", "INN-AAAAAA"), "unhide INN-AAAAAA", true},
		{"archive", opt("ref", "INN-AAAAAA", "case", "20/11429"), "archive INN-AAAAAA 20/11429", true},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			text, cmd, ok := commandText(c.sub, c.opts)
			if !ok || text != c.text || cmd != c.command {
				t.Fatalf("got %q %v %v, want %q %v", text, cmd, ok, c.text, c.command)
			}
		})
	}
	if _, _, ok := commandText("nope", nil); ok {
		t.Error("unknown subcommand accepted")
	}
}
