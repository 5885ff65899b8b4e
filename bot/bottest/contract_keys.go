package bottest

import (
	"fmt"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// testSameAuthorConcurrent saves many inputs of one resident at once: every
// one must be listed and counted (a store that keeps per-author records
// must not lose one to a concurrent update).
func testSameAuthorConcurrent(t *testing.T, s bot.Store) {
	const n = 12
	concurrently(n, func(i int) {
		in := sub(fmt.Sprintf("INN-K%05d", i), fmt.Sprintf("EvK%d", i), "h1", "klima", base.Add(time.Duration(i)*time.Second))
		if _, created, err := s.AddSubmission(ctx(t), in); err != nil || !created {
			t.Errorf("add %d: created=%v err=%v", i, created, err)
		}
	})
	c := ctx(t)
	got, err := s.SubmissionsBy(c, "h1")
	noErr(t, "submissions by", err)
	if len(got) != n {
		t.Errorf("listed %d of %d concurrent inputs: %q", len(got), n, refs(got))
	}
	cnt, err := s.CountSubmissionsSince(c, "h1", base.Add(-time.Hour))
	noErr(t, "count", err)
	if cnt != n {
		t.Errorf("counted %d of %d concurrent inputs", cnt, n)
	}
	all, err := s.Submissions(c, bot.SubmissionQuery{After: base.Add(-time.Hour), Until: base.Add(time.Hour)})
	noErr(t, "window", err)
	if len(all) != n {
		t.Errorf("window holds %d of %d concurrent inputs", len(all), n)
	}
}

// testDeleteForgets checks that a deleted input is gone from every view:
// the author's list, the rate-limit count, a digest window; and that the
// same event can be saved again afterwards.
func testDeleteForgets(t *testing.T, s bot.Store) {
	c := ctx(t)
	mustAdd(t, s, sub("INN-AAAAAA", "Ev1", "h1", "klima", base))
	mustAdd(t, s, sub("INN-BBBBBB", "Ev2", "h1", "klima", base.Add(time.Minute)))
	noErr(t, "delete", s.DeleteSubmission(c, "INN-AAAAAA", "h1"))
	got, err := s.SubmissionsBy(c, "h1")
	noErr(t, "submissions by", err)
	wantRefs(t, "after delete", got, "INN-BBBBBB")
	n, err := s.CountSubmissionsSince(c, "h1", base.Add(-time.Hour))
	noErr(t, "count", err)
	if n != 1 {
		t.Errorf("count after delete = %d, want 1", n)
	}
	win, err := s.Submissions(c, bot.SubmissionQuery{After: base.Add(-time.Hour), Until: base.Add(time.Hour)})
	noErr(t, "window", err)
	wantRefs(t, "window after delete", win, "INN-BBBBBB")
	again := mustAdd(t, s, sub("INN-CCCCCC", "Ev1", "h1", "klima", base.Add(2*time.Minute)))
	if again.Ref != "INN-CCCCCC" {
		t.Errorf("re-saved event got ref %s", again.Ref)
	}
}

// testWindowAcrossDays reads a digest window spanning midnights (UTC and
// Oslo) and several days, with filters and a limit.
func testWindowAcrossDays(t *testing.T, s bot.Store) {
	c := ctx(t)
	day0 := time.Date(2096, 3, 1, 23, 59, 59, 999e6, time.UTC)
	times := []time.Time{
		day0.Add(-48 * time.Hour),                 // INN-W0: before the window
		day0,                                      // INN-W1: the window's first instant after After
		day0.Add(time.Millisecond),                // INN-W2: next UTC day
		day0.Add(36 * time.Hour),                  // INN-W3
		day0.Add(72 * time.Hour),                  // INN-W4: Until itself (inclusive)
		day0.Add(72*time.Hour + time.Millisecond), // INN-W5: after the window
	}
	for i, at := range times {
		plan := "klima"
		if i == 3 {
			plan = "kultur"
		}
		mustAdd(t, s, sub(fmt.Sprintf("INN-W%d", i), fmt.Sprintf("EvW%d", i), fmt.Sprintf("h%d", i%2), plan, at))
	}
	after, until := day0.Add(-time.Millisecond), day0.Add(72*time.Hour)
	for _, tc := range []struct {
		name string
		q    bot.SubmissionQuery
		want []string
	}{
		{"window", bot.SubmissionQuery{After: after, Until: until}, []string{"INN-W1", "INN-W2", "INN-W3", "INN-W4"}},
		{"plan", bot.SubmissionQuery{After: after, Until: until, Plan: "kultur"}, []string{"INN-W3"}},
		{"limit", bot.SubmissionQuery{After: after, Until: until, Limit: 2}, []string{"INN-W1", "INN-W2"}},
		{"empty", bot.SubmissionQuery{After: until, Until: until.Add(time.Millisecond / 2)}, nil},
	} {
		got, err := s.Submissions(c, tc.q)
		noErr(t, tc.name, err)
		wantRefs(t, tc.name, got, tc.want...)
	}
}
