package schedule

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// forStores runs fn on every store kind.
func forStores(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, k := range storeKinds() {
		t.Run(k.name, func(t *testing.T) { fn(t, newEnv(t, k.open)) })
	}
}

func TestReminderOnStartDate(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		s := e.sched("a")
		if rep := e.remind(s, at(t, 2026, 3, 2, 8, 59)); rep.Sent != 0 || len(e.rec.Posts()) != 0 {
			t.Fatalf("before 09:00: sent %d, want 0", rep.Sent)
		}
		due, err := s.DueReminders(ctxT(t))
		if err != nil || len(due) != 0 {
			t.Fatalf("DueReminders at 08:59 = %v, %v; want none", due, err)
		}
		e.clock.Set(at(t, 2026, 3, 2, 9, 0))
		due, err = s.DueReminders(ctxT(t))
		if err != nil || len(due) != 2 || due[0].Missed || due[0].Reply.Text == "" {
			t.Fatalf("DueReminders at 09:00 = %+v, %v; want 2 to send", due, err)
		}
		if rep := e.remind(s, at(t, 2026, 3, 2, 9, 0)); rep.Sent != 2 {
			t.Fatalf("at 09:00: %+v, want 2 sent", rep)
		}
		nb, en := e.rec.to(slackC), e.rec.to(discordC)
		if len(nb) != 1 || len(en) != 1 {
			t.Fatalf("posts: slack %d, discord %d; want 1 each", len(nb), len(en))
		}
		checkText(t, e.rec.Posts())
		for _, want := range []string{"Temaplan for handling mot klimaendringene", "starter i dag, 2. mars 2026",
			"Planen skal kutte utslipp", "energi, transport", "/temaplan innspill klima", "20/11429", "https://www.asker.kommune.no/klima"} {
			if !strings.Contains(nb[0].Reply.Text, want) {
				t.Errorf("nb announcement lacks %q:\n%s", want, nb[0].Reply.Text)
			}
		}
		for _, want := range []string{"Theme plan for action against climate change", "starts today, 2 March 2026",
			"cut emissions", "energy, transport", "/temaplan input klima"} {
			if !strings.Contains(en[0].Reply.Text, want) {
				t.Errorf("en announcement lacks %q:\n%s", want, en[0].Reply.Text)
			}
		}
		if nb[0].Reply.Lang != bot.NB || en[0].Reply.Lang != bot.EN || nb[0].Reply.Plan != "klima" {
			t.Errorf("reply langs/plan: %s %s %s", nb[0].Reply.Lang, en[0].Reply.Lang, nb[0].Reply.Plan)
		}
		if rep := e.remind(s, at(t, 2026, 3, 2, 9, 10)); rep.Sent != 0 {
			t.Fatalf("second run: %+v, want nothing sent", rep)
		}
		sentAnns, err := e.store.Announcements(ctxT(t), bot.AnnSent, time.Time{})
		if err != nil || len(sentAnns) != 2 || sentAnns[0].MessageID == "" || sentAnns[0].Owner != "a" {
			t.Fatalf("sent announcements = %+v, %v", sentAnns, err)
		}
	})
}

func TestReminderWithoutPurposeOrThemes(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	if err := e.store.SetPlanStart(ctxT(t), "kultur", date(2026, 5, 4)); err != nil {
		t.Fatal(err)
	}
	e.remind(e.sched("a"), at(t, 2026, 5, 4, 9, 0))
	nb := e.rec.to(slackC)
	if len(nb) != 1 {
		t.Fatalf("got %d posts, want 1", len(nb))
	}
	text := nb[0].Reply.Text
	if !strings.Contains(text, "kommer når arbeidet er i gang") || strings.Contains(text, "Temaer") {
		t.Errorf("want the 'details come later' text and no themes section:\n%s", text)
	}
	if !strings.Contains(text, "/temaplan innspill kultur") {
		t.Errorf("no input command:\n%s", text)
	}
}

func TestMovedDates(t *testing.T) {
	type step struct {
		at    time.Time
		move  bot.Date // zero: no move before this run
		posts int      // posts to the slack channel after this run, in all
	}
	tests := []struct {
		name   string
		steps  []step
		missed int
	}{
		{"forward", []step{
			{at: at(t, 2026, 3, 1, 12, 0), move: date(2026, 3, 10)},
			{at: at(t, 2026, 3, 2, 9, 0)},
			{at: at(t, 2026, 3, 9, 9, 0)},
			{at: at(t, 2026, 3, 10, 9, 0), posts: 1},
			{at: at(t, 2026, 3, 11, 9, 0), posts: 1},
		}, 0},
		{"backward", []step{
			{at: at(t, 2026, 2, 26, 12, 0), move: date(2026, 2, 27)},
			{at: at(t, 2026, 2, 27, 9, 0), posts: 1},
			{at: at(t, 2026, 3, 2, 9, 0), posts: 1},
		}, 0},
		{"to the past beyond grace: no stale post", []step{
			{at: at(t, 2026, 3, 1, 12, 0), move: date(2026, 1, 10)},
			{at: at(t, 2026, 3, 2, 9, 0)},
			{at: at(t, 2026, 3, 5, 9, 0)},
		}, 1},
		{"after firing, to a later day: fires again there", []step{
			{at: at(t, 2026, 3, 2, 9, 0), posts: 1},
			{at: at(t, 2026, 3, 2, 12, 0), move: date(2026, 3, 20), posts: 1},
			{at: at(t, 2026, 3, 20, 9, 0), posts: 2},
		}, 0},
		{"moved to today after the reminder time", []step{
			{at: at(t, 2026, 2, 10, 14, 0), move: date(2026, 2, 10), posts: 1},
			{at: at(t, 2026, 2, 10, 15, 0), posts: 1},
		}, 0},
	}
	for _, k := range storeKinds() {
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) {
				e := newEnv(t, k.open)
				s := e.sched("a")
				for i, st := range tt.steps {
					if !st.move.IsZero() {
						e.clock.Set(st.at)
						if err := e.store.SetPlanStart(ctxT(t), "klima", st.move); err != nil {
							t.Fatal(err)
						}
					}
					e.remind(s, st.at)
					if got := len(e.rec.to(slackC)); got != st.posts {
						t.Fatalf("step %d (%s): %d posts, want %d", i, st.at, got, st.posts)
					}
				}
				missed, err := e.store.Announcements(ctxT(t), bot.AnnMissed, time.Time{})
				if err != nil || len(missed) != tt.missed*2 { // both channels
					t.Fatalf("missed = %d, %v; want %d", len(missed), err, tt.missed*2)
				}
			})
		}
	}
}

func TestTwoSchedulersPostOnce(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		a, b := e.sched("a"), e.sched("b")
		e.clock.Set(at(t, 2026, 3, 2, 9, 0))
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := 0; i < 4; i++ {
			for _, s := range []*Scheduler{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := s.RunReminders(context.Background()); err != nil {
						errs <- err
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n, m := len(e.rec.to(slackC)), len(e.rec.to(discordC)); n != 1 || m != 1 {
			t.Fatalf("posts: slack %d, discord %d; want 1 each", n, m)
		}
	})
}

func TestRestart(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		// Before sending: the first copy ran too early and stopped.
		e.remind(e.sched("first"), at(t, 2026, 3, 2, 8, 0))
		e.remind(e.sched("second"), at(t, 2026, 3, 2, 9, 5))
		if n := len(e.rec.to(slackC)); n != 1 {
			t.Fatalf("after restart before sending: %d posts, want 1", n)
		}
		// After sending: a new copy posts nothing again.
		e.remind(e.sched("third"), at(t, 2026, 3, 2, 9, 30))
		e.remind(e.sched("fourth"), at(t, 2026, 3, 3, 9, 0))
		if n := len(e.rec.to(slackC)); n != 1 {
			t.Fatalf("after restart after sending: %d posts, want 1", n)
		}
	})
}

func TestCrashBetweenClaimAndSend(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		// A copy claimed the slack reminder and died before sending.
		claimedAt := at(t, 2026, 3, 2, 9, 0)
		id := AnnouncementID("klima", MilestoneStart, date(2026, 3, 2), 0, slackC)
		ok, err := e.store.ClaimAnnouncement(ctxT(t), bot.Announcement{ID: id, Plan: "klima", Milestone: MilestoneStart,
			Date: date(2026, 3, 2), Target: slackC, State: bot.AnnClaimed, Claimed: claimedAt, Updated: claimedAt, Owner: "dead"})
		if err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		e.remind(e.sched("b"), at(t, 2026, 3, 2, 9, 30))
		if n, m := len(e.rec.to(slackC)), len(e.rec.to(discordC)); n != 0 || m != 1 {
			t.Fatalf("posts: slack %d (claimed by a dead copy: want 0), discord %d (want 1)", n, m)
		}
		// Staff hear of it in the next digest, once.
		e.subscribe(bot.SubDigest, staffC, bot.NB, at(t, 2026, 3, 1, 8, 0))
		e.clock.Set(at(t, 2026, 3, 3, 8, 0))
		s := e.sched("b")
		if _, err := s.RunDigests(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		d := e.rec.to(staffC)
		if len(d) != 1 || !strings.Contains(d[0].Reply.Text, "usikkert om den ble sendt") {
			t.Fatalf("digest should list the unconfirmed reminder: %+v", d)
		}
	})
}

func TestCatchUp(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		e.subscribe(bot.SubDigest, staffC, bot.NB, at(t, 2026, 1, 1, 12, 0))
		// Down from before 2 March 09:00 until 4 March 20:00 (59h late): send.
		e.remind(e.sched("a"), at(t, 2026, 3, 4, 20, 0))
		nb := e.rec.to(slackC)
		if len(nb) != 1 || !strings.Contains(nb[0].Reply.Text, "arbeidet startet 2. mars 2026") {
			t.Fatalf("catch-up within grace: %+v", nb)
		}
		// A start 5 days ago is past the grace: recorded missed, not sent.
		if err := e.store.SetPlanStart(ctxT(t), "helse", date(2026, 2, 27)); err != nil {
			t.Fatal(err)
		}
		rep := e.remind(e.sched("a"), at(t, 2026, 3, 4, 20, 5))
		if rep.Sent != 0 || rep.Missed != 2 {
			t.Fatalf("beyond grace: %+v, want 0 sent, 2 missed", rep)
		}
		// The next digest shows them once.
		s := e.sched("a")
		e.clock.Set(at(t, 2026, 3, 5, 8, 0))
		if _, err := s.RunDigests(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		d := e.rec.to(staffC)
		if len(d) != 1 || strings.Count(d[0].Reply.Text, "Temaplan for helse, oppstart 27. februar 2026") != 2 ||
			!strings.Contains(d[0].Reply.Text, "for sent") {
			t.Fatalf("digest should list both missed reminders:\n%v", d)
		}
		e.clock.Set(at(t, 2026, 3, 6, 8, 0))
		if _, err := s.RunDigests(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		if d := e.rec.to(staffC); len(d) != 1 {
			t.Fatalf("missed reminders reported twice: %d digests", len(d))
		}
	})
}

func TestOldDatesBeforeSubscriptionAreNotMissed(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	if err := e.store.SetPlanStart(ctxT(t), "kultur", date(2020, 9, 1)); err != nil {
		t.Fatal(err)
	}
	if rep := e.remind(e.sched("a"), at(t, 2026, 2, 1, 9, 0)); rep != (Report{}) {
		t.Fatalf("a 2020 date with a 2026 subscription: %+v, want nothing", rep)
	}
}

func TestLeadDays(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		s := e.sched("a", func(c *Config) { c.LeadDays = 3 })
		// The 2 March start is long past (recorded missed); the lead reminder is not due yet.
		if rep := e.remind(s, at(t, 2026, 4, 12, 8, 59)); rep.Sent != 0 || rep.Missed != 2 {
			t.Fatalf("at 08:59 three days before: %+v, want 0 sent, 2 missed", rep)
		}
		e.remind(s, at(t, 2026, 4, 12, 9, 0))
		nb := e.rec.to(slackC)
		if len(nb) != 1 || !strings.Contains(nb[0].Reply.Text, "frist for innspill er om 3 dager, 15. april 2026") {
			t.Fatalf("lead reminder: %+v", nb)
		}
		e.remind(s, at(t, 2026, 4, 15, 9, 0))
		nb = e.rec.to(slackC)
		if len(nb) != 2 || !strings.Contains(nb[1].Reply.Text, "frist for innspill er i dag") {
			t.Fatalf("day reminder: %+v", nb)
		}
		en := e.rec.to(discordC)
		if len(en) != 2 || !strings.Contains(en[0].Reply.Text, "the deadline for input is in 3 days, on 15 April 2026") {
			t.Fatalf("en lead reminder: %+v", en)
		}
	})
}

func TestLeadReminderTooLateIsMissed(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	s := e.sched("a", func(c *Config) { c.LeadDays = 3 })
	// Down from 11 April until the deadline's own reminder time.
	rep := e.remind(s, at(t, 2026, 4, 15, 9, 30))
	if rep.Sent != 2 || rep.Missed != 2+2 { // day reminders sent; lead reminders and the 2 March start missed
		t.Fatalf("report %+v, want 2 sent, 4 missed", rep)
	}
	if p := e.rec.to(slackC); len(p) != 1 || !strings.Contains(p[0].Reply.Text, "er i dag") {
		t.Fatalf("posts %+v", p)
	}
}

func TestSenderFailing(t *testing.T) {
	forStores(t, func(t *testing.T, e *env) {
		boom := fmt.Errorf("slack down: %w", bot.ErrUnavailable)
		e.rec.setFail(func(to bot.Target, _ bot.Reply) error {
			if to == slackC {
				return boom
			}
			return nil
		})
		s := e.sched("a")
		e.clock.Set(at(t, 2026, 3, 2, 9, 0))
		rep, err := s.RunReminders(ctxT(t))
		if !errors.Is(err, bot.ErrUnavailable) || rep.Failed != 1 || rep.Sent != 1 {
			t.Fatalf("RunReminders = %+v, %v; want 1 failed (ErrUnavailable), 1 sent", rep, err)
		}
		failed, err := e.store.Announcements(ctxT(t), bot.AnnFailed, time.Time{})
		if err != nil || len(failed) != 1 || failed[0].Target != slackC {
			t.Fatalf("failed announcements = %+v, %v", failed, err)
		}
		// Not retried: a failed send may have reached the channel.
		e.rec.setFail(nil)
		e.remind(s, at(t, 2026, 3, 2, 9, 15))
		if n := len(e.rec.to(slackC)); n != 0 {
			t.Fatalf("failed reminder retried: %d posts", n)
		}
		e.subscribe(bot.SubDigest, staffC, bot.EN, at(t, 2026, 3, 1, 0, 0))
		e.clock.Set(at(t, 2026, 3, 3, 8, 0))
		if _, err := s.RunDigests(ctxT(t)); err != nil {
			t.Fatal(err)
		}
		if d := e.rec.to(staffC); len(d) != 1 || !strings.Contains(d[0].Reply.Text, "sending failed") {
			t.Fatalf("digest should report the failed reminder: %+v", d)
		}
	})
}

func TestStoreDown(t *testing.T) {
	e := newEnv(t, storeKinds()[0].open)
	s := e.sched("a")
	e.store.(interface{ SetDown(bool) }).SetDown(true)
	e.clock.Set(at(t, 2026, 3, 2, 9, 0))
	if _, err := s.RunReminders(ctxT(t)); !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("RunReminders with the store down: %v, want ErrUnavailable", err)
	}
	if _, err := s.RunDigests(ctxT(t)); !errors.Is(err, bot.ErrUnavailable) {
		t.Fatalf("RunDigests with the store down: %v, want ErrUnavailable", err)
	}
	e.store.(interface{ SetDown(bool) }).SetDown(false)
	if rep := e.remind(s, at(t, 2026, 3, 2, 9, 10)); rep.Sent != 2 {
		t.Fatalf("after the store is back: %+v", rep)
	}
}
