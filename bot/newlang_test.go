package bot_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/bot/nlu"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/locales"
)

// TestNewLanguageIsFilesOnly adds a language ("se") by adding locale files
// only (here: copies of the English ones with a marker) and checks that a
// resident can choose it and that a platform locale selects it.
func TestNewLanguageIsFilesOnly(t *testing.T) {
	files := withSeLocale(t, func(en string) string { return strings.ReplaceAll(en, `: "`, `: "[se] `) })
	loc, err := locale.LoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := bot.New(bot.Config{Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }),
		Store: bottest.NewMem(fixedNow), Localizer: loc, Langs: loc.Langs(),
		NewUnderstander: func(c *bot.Catalog) bot.Understander { return nlu.New(c) },
		HashKey:         []byte("newlang-key-0123456789-0123456789-0123"), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(user, locale, text string) bot.Reply {
		rs := e.Handle(context.Background(), bot.Message{Platform: bot.PlatformDiscord, Channel: "c", User: user,
			Locale: locale, Text: text})
		if len(rs) == 0 {
			t.Fatalf("no reply to %q", text)
		}
		return rs[len(rs)-1]
	}
	if r := ask("u1", "", "/temaplan språk se"); r.Lang != "se" || !strings.HasPrefix(r.Text, "[se]") {
		t.Fatalf("choosing se: %+v", r)
	}
	if r := ask("u1", "", "hva er formålet med kulturplanen?"); r.Lang != "se" {
		t.Errorf("after choosing se the reply is in %s", r.Lang)
	}
	if r := ask("u2", "se-NO", "hello"); r.Lang != "se" || !strings.HasPrefix(r.Text, "[se]") {
		t.Errorf("locale se-NO: %+v", r)
	}
}

// TestNewLanguageWordsAreFilesOnly adds a language whose locale file has its
// own free-text words: its name is understood in "svar på samisk", and its
// yes word confirms an input. No Go code knows the words.
func TestNewLanguageWordsAreFilesOnly(t *testing.T) {
	files := withSeLocale(t, func(en string) string {
		var lines []string
		for _, l := range strings.Split(en, "\n") {
			switch {
			case strings.HasPrefix(l, "word.language.self:"):
				l = `word.language.self: "samisk|sámegiella|sami"`
			case strings.HasPrefix(l, "word.yes:"):
				l = `word.yes: "juo|juo juo"`
			case strings.HasPrefix(l, "word."), strings.HasPrefix(l, "command."):
			default:
				l = strings.Replace(l, `: "`, `: "[se] `, 1)
			}
			lines = append(lines, l)
		}
		return strings.Join(lines, "\n")
	})
	loc, err := locale.LoadFS(files)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := bottest.NewMem(fixedNow)
	e, err := bot.New(bot.Config{Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }),
		Store: store, Localizer: loc, Langs: loc.Langs(),
		NewUnderstander: func(c *bot.Catalog) bot.Understander { return nlu.New(c) },
		HashKey:         []byte("newlang-key-0123456789-0123456789-0123"), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	say := func(text string) []bot.Reply {
		return e.Handle(context.Background(), bot.Message{Platform: bot.PlatformDiscord, Channel: "c", User: "u3", Text: text})
	}
	rs := say("svar på samisk")
	if len(rs) == 0 || rs[0].Intent != bot.IntentLanguage || rs[0].Lang != "se" {
		t.Fatalf("'svar på samisk': %+v", rs)
	}
	say("/temaplan innspill kultur Flere konserter i parken")
	rs = say("juo")
	if len(rs) == 0 || rs[0].Intent != bot.IntentYes || rs[0].Ref == "" {
		t.Fatalf("'juo' did not confirm: %+v", rs)
	}
}

// withSeLocale returns the project's locale files plus, for every English
// file, a "se" file made from it by se.
func withSeLocale(t *testing.T, se func(en string) string) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	names, err := fs.Glob(locales.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		data, _ := fs.ReadFile(locales.FS, n)
		files[n] = &fstest.MapFile{Data: data}
		if base, ok := strings.CutSuffix(n, ".en.yaml"); ok {
			files[base+".se.yaml"] = &fstest.MapFile{Data: []byte(se(string(data)))}
		}
	}
	return files
}
