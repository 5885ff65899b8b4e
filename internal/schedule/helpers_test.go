package schedule

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

// oslo is the time zone every test runs in.
func oslo(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatalf("load Europe/Oslo: %v", err)
	}
	return loc
}

// at is a wall-clock time in Oslo.
func at(t testing.TB, y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, oslo(t))
}

// clock is an injectable, settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// sent is one recorded post.
type sent struct {
	To    bot.Target
	Reply bot.Reply
}

// recorder is a bot.Sender that records posts. fail, when set, decides per
// post whether it fails; during, when set, runs inside Send (to make things
// happen while a post is on its way).
type recorder struct {
	mu     sync.Mutex
	posts  []sent
	n      int
	fail   func(to bot.Target, r bot.Reply) error
	during func()
}

func (r *recorder) Send(ctx context.Context, to bot.Target, rep bot.Reply) (string, error) {
	r.mu.Lock()
	fail, during := r.fail, r.during
	r.mu.Unlock()
	if during != nil {
		during()
	}
	if fail != nil {
		if err := fail(to, rep); err != nil {
			return "", err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	r.posts = append(r.posts, sent{To: to, Reply: rep})
	return fmt.Sprintf("msg-%d", r.n), nil
}

func (r *recorder) Posts() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.posts...)
}

func (r *recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.posts = nil
}

func (r *recorder) setFail(f func(to bot.Target, r bot.Reply) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fail = f
}

// to returns the posts to target t.
func (r *recorder) to(t bot.Target) []sent {
	var out []sent
	for _, p := range r.Posts() {
		if p.To == t {
			out = append(out, p)
		}
	}
	return out
}

// catalogSource is a fixed bot.CatalogSource.
type catalogSource struct{ cat *bot.Catalog }

func (c catalogSource) Catalog() *bot.Catalog { return c.cat }

// testLocalizer loads only this area's message files, so a broken file of
// another area does not break these tests.
func testLocalizer(t testing.TB) bot.Localizer {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"schedule.nb.yaml", "schedule.en.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "locales", name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	b, err := locale.LoadFS(fsys)
	if err != nil {
		t.Fatalf("load locales: %v", err)
	}
	return b
}

func date(y int, m time.Month, d int) bot.Date { return bot.Date{Year: y, Month: m, Day: d} }

// testCatalog has a plan with everything known (klima), one with nothing but
// a name (kultur), and one starting on the spring DST day (helse).
func testCatalog() *bot.Catalog {
	return &bot.Catalog{Plans: []bot.Plan{
		{
			ID:         "klima",
			Name:       bot.Text{bot.NB: "Temaplan for handling mot klimaendringene", bot.EN: "Theme plan for action against climate change"},
			Purpose:    bot.Text{bot.NB: "Planen skal kutte utslipp i Asker.", bot.EN: "The plan will cut emissions in Asker."},
			Themes:     bot.TextList{bot.NB: {"energi", "transport"}, bot.EN: {"energy", "transport"}},
			Start:      date(2026, 3, 2),
			URL:        "https://www.asker.kommune.no/klima",
			CaseNumber: "20/11429",
			Milestones: []bot.Milestone{{ID: "input-deadline", Date: date(2026, 4, 15),
				Name: bot.Text{bot.NB: "frist for innspill", bot.EN: "the deadline for input"}}},
		},
		{ID: "kultur", Name: bot.Text{bot.NB: "Temaplan for kultur", bot.EN: "Theme plan for culture"}},
		{ID: "helse", Name: bot.Text{bot.NB: "Temaplan for helse", bot.EN: "Theme plan for health"}},
	}}
}

// Channels used in the tests.
var (
	slackC   = bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1"}
	discordC = bot.Target{Platform: bot.PlatformDiscord, Workspace: "G1", Channel: "D1"}
	staffC   = bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "STAFF"}
	staffD   = bot.Target{Platform: bot.PlatformDiscord, Workspace: "G1", Channel: "STAFF"}
)

// storeKinds are the bot.Store implementations every scenario runs on.
func storeKinds() []struct {
	name string
	open func(t *testing.T, now func() time.Time) bot.Store
} {
	return []struct {
		name string
		open func(t *testing.T, now func() time.Time) bot.Store
	}{
		{"mem", func(t *testing.T, now func() time.Time) bot.Store { return bottest.NewMem(now) }},
		{"mongodb", openMongo},
	}
}

// env is a scheduler setup over one store.
type env struct {
	t     *testing.T
	clock *clock
	store bot.Store
	rec   *recorder
	cat   *bot.Catalog
	loc   bot.Localizer
}

// newEnv opens a store with the test catalogue and the reminder channels
// (slack nb, discord en) subscribed on 1 January 2026.
func newEnv(t *testing.T, open func(t *testing.T, now func() time.Time) bot.Store) *env {
	t.Helper()
	e := &env{t: t, clock: &clock{t: at(t, 2026, 1, 1, 12, 0)}, rec: &recorder{}, cat: testCatalog(), loc: testLocalizer(t)}
	e.store = open(t, e.clock.Now)
	created := at(t, 2026, 1, 1, 12, 0)
	e.subscribe(bot.SubReminders, slackC, bot.NB, created)
	e.subscribe(bot.SubReminders, discordC, bot.EN, created)
	return e
}

func (e *env) subscribe(kind string, to bot.Target, lang bot.Lang, created time.Time) {
	e.t.Helper()
	err := e.store.Subscribe(context.Background(), bot.Subscription{Kind: kind, Target: to, Lang: lang, By: "slack:U1", Created: created})
	if err != nil {
		e.t.Fatalf("subscribe %s %v: %v", kind, to, err)
	}
}

// sched returns a Scheduler over the env's store named instance; mod may
// change the config first.
func (e *env) sched(instance string, mod ...func(*Config)) *Scheduler {
	e.t.Helper()
	cfg := Config{Store: e.store, Sender: e.rec, Catalog: catalogSource{e.cat}, Localizer: e.loc,
		Now: e.clock.Now, Location: oslo(e.t), Instance: instance}
	for _, m := range mod {
		m(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		e.t.Fatalf("New: %v", err)
	}
	return s
}

// remind runs reminders at now and fails the test on error.
func (e *env) remind(s *Scheduler, now time.Time) Report {
	e.t.Helper()
	e.clock.Set(now)
	rep, err := s.RunReminders(context.Background())
	if err != nil {
		e.t.Fatalf("RunReminders at %s: %v", now, err)
	}
	return rep
}

// checkText fails when a post shows a message id instead of text.
func checkText(t *testing.T, posts []sent) {
	t.Helper()
	for _, p := range posts {
		if strings.Contains(p.Reply.Text, "schedule.") {
			t.Errorf("post to %v shows a message id: %q", p.To, p.Reply.Text)
		}
		if p.Reply.Text != sectionsText(p.Reply.Sections) {
			t.Errorf("post to %v: Text does not match Sections", p.To)
		}
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
