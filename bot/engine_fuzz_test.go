package bot_test

import (
	"context"
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

func newEngine(t testing.TB) (*bot.Engine, *bottest.Mem) {
	t.Helper()
	store := bottest.NewMem(fixedNow)
	return newEngineWith(t, store), store
}

func fixedNow() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC) }

// newEngineWith builds an engine with the real catalogue, locales and
// matcher over store.
func newEngineWith(t testing.TB, store bot.Store) *bot.Engine {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	e, err := bot.New(bot.Config{Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }), Store: store,
		Localizer: loc, NewUnderstander: func(c *bot.Catalog) bot.Understander { return nlu.New(c) },
		HashKey: []byte("fuzz-key-0123456789-0123456789-0123456789"), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// FuzzCommand feeds arbitrary /temaplan commands and chat lines (as staff
// and as residents) to the engine: it must never panic, always answer in a
// supported language with readable text, never leak a message id, and never
// store anything without a confirmation step.
func FuzzCommand(f *testing.F) {
	for _, s := range []string{
		"/temaplan innspill klima Flere ladestasjoner", "innspill", "slett INN-7K3QF9", `slett {"$gt": ""}`,
		"språk en", "language xx", "oppstart klima 2026-13-45", "arkiver INN-AAAAAA 20/11429", "digest nå",
		"varsler på en", "vis klima", "plan", "plan ✨", "\x00\xff", strings.Repeat("innspill ", 200), "ja", "nei",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	e, store := newEngine(f)
	f.Fuzz(func(t *testing.T, text string, staff bool) {
		ctx := context.Background()
		before, err := store.Submissions(ctx, bot.SubmissionQuery{})
		if err != nil {
			t.Fatal(err)
		}
		receipts := 0
		for _, cmd := range []bool{true, false} {
			rs := e.Handle(ctx, bot.Message{Platform: bot.PlatformConsole, Channel: "c", User: "fuzzer",
				Text: text, Command: cmd, Staff: staff})
			if len(rs) == 0 {
				t.Fatalf("no reply to %q", text)
			}
			for _, r := range rs {
				if r.Lang != bot.NB && r.Lang != bot.EN {
					t.Fatalf("reply language %q", r.Lang)
				}
				if strings.TrimSpace(r.Text) == "" || !utf8.ValidString(r.Text) {
					t.Fatalf("empty or invalid reply text %q to %q", r.Text, text)
				}
				if looksLikeMessageID(r.Text) {
					t.Fatalf("reply is a bare message id: %q", r.Text)
				}
				if r.Ref != "" {
					receipts++
				}
			}
		}
		subs, err := store.Submissions(ctx, bot.SubmissionQuery{})
		if err != nil {
			t.Fatal(err)
		}
		// Only a confirmation may store input: a short one ("ja", "yes", "Y Y
		// Y") or a polite one in a sentence ("ja, det ser bra ut, du kan sende
		// det inn": at most 14 words, issue 18), and every stored submission is
		// answered with its receipt.
		if created := len(subs) - len(before); created > 0 && (len(strings.Fields(text)) > 14 || created > receipts) {
			t.Fatalf("%q stored %d submissions with %d receipts", text, created, receipts)
		}
	})
}

// looksLikeMessageID reports text such as "input.problem.x" (a missing message).
func looksLikeMessageID(s string) bool {
	return !strings.Contains(s, " ") && strings.Count(s, ".") >= 1 && strings.ToLower(s) == s && len(s) < 60 &&
		!strings.Contains(s, "/")
}

func TestEveryReplyIsLocalized(t *testing.T) {
	e, _ := newEngine(t)
	ctx := context.Background()
	script := []string{
		"/temaplan", "/temaplan hjelp", "/temaplan planer", "/temaplan plan klima", "/temaplan plan xyz",
		"/temaplan innspill", "klima", "ok", "Mer sykkelvei langs Drammensveien", "kanskje", "nei",
		"/temaplan innspill kultur Konserter i parken hver sommer", "ja", "/temaplan mine", "/temaplan slett INN-2222AA",
		"/temaplan personvern", "/temaplan språk", "/temaplan språk en", "/temaplan my", "/temaplan varsler",
		"/temaplan digest", "/temaplan oppstart", "/temaplan skjul", "/temaplan vis", "/temaplan arkiver INN-2222AA",
		"/temaplan digest nå",
	}
	for _, staff := range []bool{false, true} {
		for _, s := range script {
			for _, r := range e.Handle(ctx, bot.Message{Platform: bot.PlatformConsole, Channel: "c", User: "u", Text: s, Staff: staff}) {
				if looksLikeMessageID(r.Text) || strings.Contains(r.Text, "<no value>") {
					t.Errorf("%q (staff %v) -> unlocalized reply %q", s, staff, r.Text)
				}
			}
		}
	}
}
