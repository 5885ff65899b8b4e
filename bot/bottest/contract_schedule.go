package bottest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

func testSubscriptions(t *testing.T, s bot.Store) {
	c := ctx(t)
	t1 := bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1"}
	t2 := bot.Target{Platform: bot.PlatformDiscord, Workspace: "G1", Channel: "C9"}
	wantErr(t, "bad kind", s.Subscribe(c, bot.Subscription{Kind: "news", Target: t1}), bot.ErrInvalid)
	noErr(t, "subscribe t1", s.Subscribe(c, bot.Subscription{Kind: bot.SubReminders, Target: t1, Lang: bot.NB, By: "slack:U1", Created: base}))
	noErr(t, "subscribe t2", s.Subscribe(c, bot.Subscription{Kind: bot.SubReminders, Target: t2, Lang: bot.EN, By: "discord:U2", Created: base.Add(time.Minute)}))
	noErr(t, "digest t1", s.Subscribe(c, bot.Subscription{Kind: bot.SubDigest, Target: t1, Lang: bot.NB, By: "slack:U1", Created: base}))
	// Subscribing again replaces (here: the language).
	noErr(t, "resubscribe t1", s.Subscribe(c, bot.Subscription{Kind: bot.SubReminders, Target: t1, Lang: bot.EN, By: "slack:U3", Created: base}))

	got, err := s.Subscriptions(c, bot.SubReminders)
	noErr(t, "reminder subscriptions", err)
	if len(got) != 2 || got[0].Target != t1 || got[1].Target != t2 {
		t.Fatalf("reminder subscriptions = %+v, want t1 then t2", got)
	}
	if got[0].Lang != bot.EN || got[0].By != "slack:U3" || got[0].Kind != bot.SubReminders || !got[0].Created.Equal(base) {
		t.Errorf("replaced subscription = %+v", got[0])
	}
	noErr(t, "unsubscribe", s.Unsubscribe(c, bot.SubReminders, t1))
	wantErr(t, "unsubscribe twice", s.Unsubscribe(c, bot.SubReminders, t1), bot.ErrNotFound)
	wantErr(t, "unsubscribe other workspace", s.Unsubscribe(c, bot.SubReminders, bot.Target{Platform: bot.PlatformDiscord, Workspace: "G2", Channel: "C9"}), bot.ErrNotFound)
	got, err = s.Subscriptions(c, bot.SubReminders)
	noErr(t, "after unsubscribe", err)
	if len(got) != 1 || got[0].Target != t2 {
		t.Errorf("after unsubscribe = %+v, want only t2", got)
	}
	got, err = s.Subscriptions(c, bot.SubDigest)
	noErr(t, "digest subscriptions", err)
	if len(got) != 1 || got[0].Target != t1 || got[0].Kind != bot.SubDigest {
		t.Errorf("digest subscriptions = %+v, want t1", got)
	}
}

func ann(id string, at time.Time) bot.Announcement {
	return bot.Announcement{ID: id, Plan: "klima", Milestone: "start", Date: bot.Date{Year: 2024, Month: 3, Day: 1},
		Target: bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1"}, State: bot.AnnClaimed,
		Claimed: at, Updated: at, Owner: "replica-1"}
}

func testAnnouncements(t *testing.T, s bot.Store) {
	c := ctx(t)
	claim := func(a bot.Announcement, want bool) {
		t.Helper()
		ok, err := s.ClaimAnnouncement(c, a)
		noErr(t, "claim "+a.ID, err)
		if ok != want {
			t.Errorf("claim %s = %v, want %v", a.ID, ok, want)
		}
	}
	a1 := ann("klima/start/2024-03-01/slack/T1/C1", base)
	claim(a1, true)
	again := a1
	again.Owner = "replica-2"
	claim(again, false)
	missed := ann("kultur/start/2024-02-01/slack/T1/C1", base.Add(time.Minute))
	missed.State = bot.AnnMissed
	claim(missed, true)
	_, err := s.ClaimAnnouncement(c, bot.Announcement{})
	wantErr(t, "claim without id", err, bot.ErrInvalid)

	wantErr(t, "update unknown", s.UpdateAnnouncement(c, "nope", bot.AnnSent, "m1", base), bot.ErrNotFound)
	noErr(t, "mark sent", s.UpdateAnnouncement(c, a1.ID, bot.AnnSent, "1700000000.000100", base.Add(2*time.Minute)))

	sent, err := s.Announcements(c, bot.AnnSent, base)
	noErr(t, "sent", err)
	if len(sent) != 1 || sent[0].ID != a1.ID || sent[0].MessageID != "1700000000.000100" || sent[0].Owner != "replica-1" ||
		!sent[0].Updated.Equal(base.Add(2*time.Minute)) || !sent[0].Claimed.Equal(base) || sent[0].Date != a1.Date ||
		sent[0].Target != a1.Target || sent[0].Plan != "klima" || sent[0].Milestone != "start" {
		t.Errorf("sent = %+v", sent)
	}
	for _, tc := range []struct {
		state string
		since time.Time
		want  int
	}{
		{bot.AnnSent, base.Add(2 * time.Minute), 0}, // updated strictly after since
		{bot.AnnMissed, base, 1},
		{bot.AnnClaimed, base.Add(-time.Hour), 0},
		{"", base.Add(-time.Hour), 2},
	} {
		got, err := s.Announcements(c, tc.state, tc.since)
		noErr(t, "announcements", err)
		if len(got) != tc.want {
			t.Errorf("announcements(%q, %v) = %d, want %d", tc.state, tc.since, len(got), tc.want)
		}
	}
	noErr(t, "mark reported", s.MarkReported(c, []string{missed.ID, "unknown"}))
	got, err := s.Announcements(c, bot.AnnMissed, base)
	noErr(t, "missed", err)
	if len(got) != 1 || !got[0].Reported {
		t.Errorf("missed after MarkReported = %+v, want reported", got)
	}
	noErr(t, "mark none", s.MarkReported(c, nil))
}

func testClaimConcurrent(t *testing.T, s bot.Store) {
	c := ctx(t)
	var mu sync.Mutex
	claims := 0
	var errs []error
	concurrently(20, func(i int) {
		a := ann("klima/start/2024-03-01/discord/G1/C1", base)
		a.Owner = fmt.Sprintf("replica-%d", i)
		ok, err := s.ClaimAnnouncement(c, a)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			claims++
		}
	})
	if len(errs) > 0 {
		t.Fatalf("concurrent claims: %v", errors.Join(errs...))
	}
	if claims != 1 {
		t.Errorf("%d of 20 concurrent claims won, want exactly 1", claims)
	}
}

func testDigest(t *testing.T, s bot.Store) {
	c := ctx(t)
	tg := bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "CSTAFF"}
	_, err := s.DigestMark(c, tg)
	wantErr(t, "mark before any", err, bot.ErrNotFound)

	m1 := bot.DigestMark{Target: tg, Until: base, State: bot.DigestClaimed, Owner: "r1", Updated: base}
	noErr(t, "first advance", s.AdvanceDigest(c, bot.DigestMark{}, m1))
	wantErr(t, "second first advance", s.AdvanceDigest(c, bot.DigestMark{}, m1), bot.ErrConflict)

	got, err := s.DigestMark(c, tg)
	noErr(t, "mark", err)
	if got.Target != tg || !got.Until.Equal(base) || got.State != bot.DigestClaimed || got.Owner != "r1" || !got.From.IsZero() {
		t.Errorf("mark = %+v, want %+v", got, m1)
	}
	m2 := m1
	m2.State, m2.Updated = bot.DigestSent, base.Add(time.Second)
	noErr(t, "claimed -> sent", s.AdvanceDigest(c, got, m2))
	wantErr(t, "stale prev state", s.AdvanceDigest(c, got, m2), bot.ErrConflict)

	m3 := bot.DigestMark{Target: tg, From: base, Until: base.Add(24 * time.Hour), State: bot.DigestClaimed, Owner: "r2"}
	// prev as the caller remembers it, with nanoseconds the store cannot keep.
	prev := m2
	prev.Until = base.Add(999 * time.Microsecond)
	noErr(t, "next period", s.AdvanceDigest(c, prev, m3))
	stale := m2
	wantErr(t, "stale prev until", s.AdvanceDigest(c, stale, m3), bot.ErrConflict)
	got, err = s.DigestMark(c, tg)
	noErr(t, "mark", err)
	if !got.From.Equal(base) || !got.Until.Equal(m3.Until) || got.Owner != "r2" {
		t.Errorf("mark = %+v, want %+v", got, m3)
	}
	other := bot.Target{Platform: bot.PlatformSlack, Workspace: "T1", Channel: "COTHER"}
	_, err = s.DigestMark(c, other)
	wantErr(t, "other channel", err, bot.ErrNotFound)
	wantErr(t, "targets differ", s.AdvanceDigest(c, got, bot.DigestMark{Target: other, Until: base}), bot.ErrInvalid)
}

func testDigestConcurrent(t *testing.T, s bot.Store) {
	c := ctx(t)
	tg := bot.Target{Platform: bot.PlatformDiscord, Workspace: "G1", Channel: "CSTAFF"}
	prev := bot.DigestMark{Target: tg, Until: base, State: bot.DigestSent}
	noErr(t, "seed", s.AdvanceDigest(c, bot.DigestMark{}, prev))
	var mu sync.Mutex
	wins := 0
	var errs []error
	concurrently(20, func(i int) {
		next := bot.DigestMark{Target: tg, From: base, Until: base.Add(time.Hour), State: bot.DigestClaimed, Owner: fmt.Sprint(i)}
		err := s.AdvanceDigest(c, prev, next)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, bot.ErrConflict):
			errs = append(errs, err)
		}
	})
	if len(errs) > 0 {
		t.Fatalf("concurrent advance: %v", errors.Join(errs...))
	}
	if wins != 1 {
		t.Errorf("%d of 20 concurrent advances won, want exactly 1", wins)
	}
}

func testPlanStarts(t *testing.T, s bot.Store) {
	c := ctx(t)
	got, err := s.PlanStarts(c)
	noErr(t, "plan starts", err)
	if got == nil || len(got) != 0 {
		t.Errorf("plan starts of empty store = %#v, want empty map", got)
	}
	d1 := bot.Date{Year: 2020, Month: 11, Day: 17}
	d2 := bot.Date{Year: 2021, Month: 1, Day: 4}
	wantErr(t, "zero date", s.SetPlanStart(c, "klima", bot.Date{}), bot.ErrInvalid)
	noErr(t, "set klima", s.SetPlanStart(c, "klima", d1))
	noErr(t, "set kultur", s.SetPlanStart(c, "kultur", d1))
	noErr(t, "move klima", s.SetPlanStart(c, "klima", d2))
	got, err = s.PlanStarts(c)
	noErr(t, "plan starts", err)
	if len(got) != 2 || got["klima"] != d2 || got["kultur"] != d1 {
		t.Errorf("plan starts = %v, want klima %v, kultur %v", got, d2, d1)
	}
}

func testAudit(t *testing.T, s bot.Store) {
	c := ctx(t)
	entries := []bot.AuditEntry{
		{Action: "plan.start", Object: "klima", By: "slack:U1", At: base.Add(time.Minute), Old: "2020-09-01", New: "2020-11-17"},
		{Action: "submission.hide", Object: "INN-AAAAAA", By: "discord:U2", At: base},
		{Action: "plan.start", Object: "klima", By: "slack:U1", At: base.Add(2 * time.Minute), Old: "2020-11-17", New: "2021-01-04"},
		{Action: "submission.archive", Object: "INN-AAAAAA", By: "discord:U2", At: base.Add(2 * time.Minute), New: "20/11429"},
	}
	for _, e := range entries {
		noErr(t, "audit "+e.Action, s.Audit(c, e))
	}
	wantErr(t, "audit without action", s.Audit(c, bot.AuditEntry{Object: "x"}), bot.ErrInvalid)
	all, err := s.AuditLog(c, "")
	noErr(t, "audit log", err)
	want := []bot.AuditEntry{entries[1], entries[0], entries[2], entries[3]}
	if len(all) != len(want) {
		t.Fatalf("audit log has %d entries, want %d", len(all), len(want))
	}
	for i := range want {
		g, w := all[i], want[i]
		if !g.At.Equal(w.At) {
			t.Errorf("entry %d At = %v, want %v", i, g.At, w.At)
		}
		g.At, w.At = time.Time{}, time.Time{}
		if g != w {
			t.Errorf("entry %d = %+v, want %+v", i, g, w)
		}
	}
	klima, err := s.AuditLog(c, "klima")
	noErr(t, "audit log klima", err)
	if len(klima) != 2 || klima[0].New != "2020-11-17" || klima[1].New != "2021-01-04" {
		t.Errorf("klima log = %+v", klima)
	}
	none, err := s.AuditLog(c, "nothing")
	noErr(t, "audit log nothing", err)
	if len(none) != 0 {
		t.Errorf("log of unknown object = %+v", none)
	}
}
