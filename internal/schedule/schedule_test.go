package schedule

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

func TestNewReportsEveryProblem(t *testing.T) {
	_, err := New(Config{ReminderTime: "25:61", DigestSchedule: "every monday", Grace: -time.Hour, LeadDays: -1,
		MaxMessageLen: map[string]int{"slack": 10}})
	if !errors.Is(err, bot.ErrInvalid) {
		t.Fatalf("New = %v, want ErrInvalid", err)
	}
	for _, want := range []string{"Store", "Catalog", "Localizer", "Location", "ReminderTime", "Grace", "LeadDays", "MaxMessageLen[slack]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	e := newEnv(t, storeKinds()[0].open)
	_, err = New(Config{Store: e.store, Catalog: catalogSource{e.cat}, Localizer: e.loc, Location: oslo(t), DigestSchedule: "every monday"})
	if !errors.Is(err, bot.ErrInvalid) || !strings.Contains(err.Error(), "DigestSchedule") {
		t.Errorf("bad cron spec: %v", err)
	}
	for _, tm := range []string{"9:00", "09:00", "23:59", "00:00"} {
		if _, err := New(Config{Store: e.store, Catalog: catalogSource{e.cat}, Localizer: e.loc, Location: oslo(t), ReminderTime: tm}); err != nil {
			t.Errorf("ReminderTime %q: %v", tm, err)
		}
	}
	for _, tm := range []string{"9", "09:0", "24:00", "ni"} {
		if _, _, err := parseClock(tm); err == nil {
			t.Errorf("ReminderTime %q accepted", tm)
		}
	}
}

func TestNoSenderForDryRuns(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	s, err := New(Config{Store: e.store, Catalog: catalogSource{e.cat}, Localizer: e.loc, Location: oslo(t), Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(at(t, 2026, 3, 2, 9, 0))
	if due, err := s.DueReminders(ctxT(t)); err != nil || len(due) != 2 {
		t.Fatalf("DueReminders without a Sender = %d, %v", len(due), err)
	}
	if _, err := s.RunReminders(ctxT(t)); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("RunReminders without a Sender: %v, want ErrInvalid", err)
	}
	if err := s.Start(ctxT(t)); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("Start without a Sender: %v, want ErrInvalid", err)
	}
}

// TestStartCatchesUpAndStops starts the real cron scheduler: the catch-up
// run at start posts what is due, and Stop waits for it.
func TestStartCatchesUpAndStops(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	e.clock.Set(at(t, 2026, 3, 2, 10, 0))
	s := e.sched("a")
	if err := s.Stop(ctxT(t)); err != nil {
		t.Fatalf("Stop before Start: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	cancel() // the jobs do not end with the start context
	if err := s.Start(ctxT(t)); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("second Start: %v, want an error", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(e.rec.Posts()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stopCtx, stopCancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer stopCancel()
	if err := s.Stop(stopCtx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if n := len(e.rec.Posts()); n != 2 {
		t.Fatalf("catch-up at start posted %d, want 2", n)
	}
}

func TestAnnouncementID(t *testing.T) {
	id := AnnouncementID("klima", "input-deadline", date(2026, 4, 15), 3, slackC)
	if id != "klima|input-deadline|2026-04-15|lead3d|slack|T1|C1" || leadOf(id) != 3 {
		t.Errorf("id %q, lead %d", id, leadOf(id))
	}
	if day := AnnouncementID("klima", MilestoneStart, date(2026, 3, 2), 0, slackC); leadOf(day) != 0 || day == id {
		t.Errorf("day id %q", day)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kort  tekst\nmed linjeskift", "kort tekst med linjeskift"},
		{strings.Repeat("ord ", 100), strings.TrimSpace(strings.Repeat("ord ", 50)) + "…"},
		{strings.Repeat("x", 300), strings.Repeat("x", 200) + "…"},
		{"hei @everyone", "hei @\u200beveryone"},
	}
	for _, tt := range tests {
		if got := excerpt(tt.in, 200); got != tt.want {
			t.Errorf("excerpt(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
