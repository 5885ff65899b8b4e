package inbox

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

// rec is a platform channel that records what the inbox asked and showed.
type rec struct {
	mu        sync.Mutex
	asked     map[string]int // text -> engine calls
	shown     []string       // texts delivered, in order
	slow      time.Duration  // each engine call takes this long
	block     chan struct{}  // Deliver for user "slow" waits on it
	delivered chan string
}

func newRec() *rec { return &rec{asked: map[string]int{}, delivered: make(chan string, 10000)} }

func (r *rec) channel() Channel {
	return Channel{
		Answer: func(ctx context.Context, m bot.Message) []bot.Reply {
			r.mu.Lock()
			r.asked[m.Text]++
			r.mu.Unlock()
			if r.slow > 0 {
				time.Sleep(r.slow)
			}
			if m.Text == "refuse" {
				return []bot.Reply{{Text: "too short", FieldErrors: map[string]string{bot.FieldText: "too short"}}}
			}
			return []bot.Reply{{Text: "re: " + m.Text}}
		},
		Deliver: func(ctx context.Context, e bot.InboxEvent, replies []bot.Reply) error {
			if e.Message.User == "slow" && r.block != nil {
				<-r.block
			}
			for _, rp := range replies {
				r.mu.Lock()
				r.shown = append(r.shown, rp.Text)
				r.mu.Unlock()
				r.delivered <- rp.Text
			}
			return nil
		},
	}
}

func newInbox(t *testing.T, store bot.InboxStore, cfg Config) (*Inbox, *rec) {
	t.Helper()
	cfg.Store = store
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := newRec()
	b.Register("test", r.channel())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Shutdown(ctx)
	})
	return b, r
}

func ev(id, user, text string) bot.InboxEvent {
	return bot.InboxEvent{ID: "test:" + id, Message: bot.Message{Platform: "test", User: user, Text: text}}
}

func waitFor(t *testing.T, r *rec, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case got := <-r.delivered:
			if got == want {
				return
			}
		case <-timeout:
			t.Fatalf("%q was not delivered", want)
		}
	}
}

func TestAcceptAnswersOnceAndForgetsRefusedForms(t *testing.T) {
	store := bottest.NewMemInbox()
	b, r := newInbox(t, store, Config{Workers: 2})
	ctx := t.Context()
	if err := b.Accept(ctx, ev("1", "U1", "hei")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, r, "re: hei")
	if err := b.Accept(ctx, ev("1", "U1", "hei")); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("retry: err = %v, want ErrDuplicate", err)
	}
	if err := b.Accept(ctx, ev("form", "U1", "refuse")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, r, "too short")
	deadline := time.Now().Add(5 * time.Second)
	for { // the refused form is forgotten once finished: the same id is new work
		err := b.Accept(ctx, ev("form", "U1", "refuse"))
		if err == nil {
			break
		}
		if !errors.Is(err, ErrDuplicate) || time.Now().After(deadline) {
			t.Fatalf("refused form sent again: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	waitFor(t, r, "too short")
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.asked["hei"] != 1 || r.asked["refuse"] != 2 {
		t.Fatalf("engine calls = %v, want hei once and the refused form twice", r.asked)
	}
}

func TestFloodWaitsBehindItself(t *testing.T) {
	b, r := newInbox(t, bottest.NewMemInbox(), Config{Workers: 2})
	r.slow = 2 * time.Millisecond
	ctx := t.Context()
	for i := range 100 {
		if err := b.Accept(ctx, ev(fmt.Sprint("f", i), "flooder", fmt.Sprint("flood ", i))); err != nil {
			t.Fatal(err)
		}
	}
	// Counted from the quiet resident's arrival: how fast the flood was
	// accepted (and answered meanwhile) is not what this test is about.
	r.mu.Lock()
	atArrival := len(r.shown)
	r.mu.Unlock()
	if err := b.Accept(ctx, ev("quiet", "quiet", "hello")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, r, "re: hello")
	r.mu.Lock()
	before := len(r.shown) - 1 - atArrival
	r.mu.Unlock()
	if before > 3 {
		t.Fatalf("%d flood answers went before the quiet resident's after it arrived, want at most 3", before)
	}
	waitFor(t, r, "re: flood 99")
	r.mu.Lock()
	defer r.mu.Unlock()
	last := -1
	for _, s := range r.shown {
		var n int
		if _, err := fmt.Sscanf(s, "re: flood %d", &n); err == nil {
			if n != last+1 {
				t.Fatalf("flood answered out of order: %d after %d", n, last)
			}
			last = n
		}
	}
}

func TestSlowDeliveryHoldsNoWorker(t *testing.T) {
	b, r := newInbox(t, bottest.NewMemInbox(), Config{Workers: 1})
	r.block = make(chan struct{})
	defer close(r.block)
	ctx := t.Context()
	for i := range 3 {
		if err := b.Accept(ctx, ev(fmt.Sprint("s", i), "slow", "paced")); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Accept(ctx, ev("other", "other", "not held")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, r, "re: not held") // with one worker: it was not held by the blocked delivery
}

func TestFloodLimitAtArrivalOneNotice(t *testing.T) {
	b, r := newInbox(t, bottest.NewMemInbox(), Config{Workers: 2, FloodPerMinute: 10})
	ctx := t.Context()
	accepted, dropped := 0, 0
	for i := range 50 {
		switch err := b.Accept(ctx, ev(fmt.Sprint("m", i), "U1", fmt.Sprint("m", i))); {
		case err == nil:
			accepted++
		case errors.Is(err, ErrFlood):
			dropped++
		default:
			t.Fatal(err)
		}
	}
	if accepted != 11 || dropped != 39 {
		t.Fatalf("accepted %d, dropped %d; want 10 answered + 1 notice, 39 dropped", accepted, dropped)
	}
	waitFor(t, r, "flood.slow_down")
	ctx2, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := b.Shutdown(ctx2); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	notices := 0
	for _, s := range r.shown {
		if s == "flood.slow_down" {
			notices++
		}
	}
	if notices != 1 || len(r.shown) != 11 {
		t.Fatalf("shown %v: want 10 answers and one notice", r.shown)
	}
}

func TestTakeOverAfterCrash(t *testing.T) {
	store := bottest.NewMemInbox()
	ctx := t.Context()
	// The crashed copy: its engine never answers (the goroutine stays
	// blocked until the test binary exits), and it never shuts down.
	stuck := make(chan struct{})
	dead, err := New(Config{Store: store, Owner: "dead", Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	dead.Register("test", Channel{Answer: func(context.Context, bot.Message) []bot.Reply { <-stuck; return nil },
		Deliver: func(context.Context, bot.InboxEvent, []bot.Reply) error {
			t.Error("the dead copy delivered")
			return nil
		}})
	for i := range 3 {
		if err := dead.Accept(ctx, ev(fmt.Sprint("c", i), fmt.Sprint("U", i), fmt.Sprint("crash ", i))); err != nil {
			t.Fatal(err)
		}
	}
	// An answer saved before the crash is delivered as it was.
	saved := ev("saved", "U9", "ja")
	saved.Owner, saved.Resident, saved.Received = "dead", "test:U9", time.Now()
	if err := store.AddEvent(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveAnswer(ctx, saved.ID, []bot.Reply{{Text: "Takk! INN-AAAAAA", Ref: "INN-AAAAAA"}}); err != nil {
		t.Fatal(err)
	}
	if err := store.Heartbeat(ctx, "dead", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	b, r := newInbox(t, store, Config{Owner: "alive", Lease: 300 * time.Millisecond})
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	timeout := time.After(10 * time.Second)
	for len(got) < 4 {
		select {
		case s := <-r.delivered:
			got[s]++
		case <-timeout:
			t.Fatalf("delivered %v, want the three events and the saved receipt", got)
		}
	}
	r.mu.Lock()
	asked := r.asked["ja"]
	r.mu.Unlock()
	if asked != 0 || got["Takk! INN-AAAAAA"] != 1 {
		t.Fatalf("saved answer: engine asked %d times, shown %d times; want 0 and 1", asked, got["Takk! INN-AAAAAA"])
	}
	time.Sleep(700 * time.Millisecond) // more take-over rounds must not deliver again
	if len(r.shown) != 4 {
		t.Fatalf("shown %v, want each once", r.shown)
	}
	owners, _ := store.Owners(ctx)
	if _, ok := owners["dead"]; ok {
		t.Fatal("the dead copy's heartbeat was not dropped after its events were taken")
	}
}

func TestTicket(t *testing.T) {
	store := bottest.NewMemInbox()
	b, r := newInbox(t, store, Config{Workers: 1})
	ctx := t.Context()
	tk, err := b.AcceptSync(ctx, ev("sync", "U1", "fast"))
	if err != nil {
		t.Fatal(err)
	}
	replies, ok := tk.Wait(ctx, 5*time.Second)
	if !ok || len(replies) != 1 || replies[0].Text != "re: fast" {
		t.Fatalf("Wait = %v, %v", replies, ok)
	}
	tk.Shown()
	r.slow = 300 * time.Millisecond
	tk, err = b.AcceptSync(ctx, ev("late", "U1", "slow"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tk.Wait(ctx, 10*time.Millisecond); ok {
		t.Fatal("a slow answer came in time")
	}
	waitFor(t, r, "re: slow") // delivered by the inbox instead
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.shown) != 1 {
		t.Fatalf("delivered %v, want only the late answer (the fast one was shown by the caller)", r.shown)
	}
}

// lossy is a store whose next AddEvent writes the event but reports a timeout.
type lossy struct {
	*bottest.MemInbox
	lose bool
}

func (l *lossy) AddEvent(ctx context.Context, e bot.InboxEvent) error {
	err := l.MemInbox.AddEvent(ctx, e)
	if l.lose && err == nil {
		l.lose = false
		return fmt.Errorf("lost acknowledgement: %w", bot.ErrUnavailable)
	}
	return err
}

func TestRetryAfterLostAckIsAnswered(t *testing.T) {
	store := &lossy{MemInbox: bottest.NewMemInbox(), lose: true}
	b, r := newInbox(t, store, Config{})
	c := r.channel()
	c.Retries = true
	b.Register("test", c)
	ctx := t.Context()
	if err := b.Accept(ctx, ev("lost", "U1", "hei")); !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("first try: %v, want unavailable", err)
	}
	if err := b.Accept(ctx, ev("lost", "U1", "hei")); err != nil { // the platform's retry
		t.Fatalf("retry of an event written despite the error: %v, want taken", err)
	}
	waitFor(t, r, "re: hei")
	if err := b.Accept(ctx, ev("lost", "U1", "hei")); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("third try: %v, want ErrDuplicate", err)
	}
}
