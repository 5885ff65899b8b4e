package schedule

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// retentionEnv has klima adopted on 10 January 2026 and three inputs:
// old (klima, 1 Dec 2025), recent (klima, 1 Feb 2026) and other (kultur,
// never adopted, 1 Dec 2025), each by its own author.
func retentionEnv(t *testing.T, open func(t *testing.T, now func() time.Time) bot.Store) *env {
	t.Helper()
	e := newEnv(t, open)
	e.cat.Plans[0].Milestones = append(e.cat.Plans[0].Milestones, bot.Milestone{ID: bot.MilestoneAdopted, Date: date(2026, 1, 10)})
	for _, s := range []bot.Submission{
		{Ref: "INN-OLD222", Plan: "klima", AuthorHash: "author-old", Created: at(t, 2025, 12, 1, 10, 0)},
		{Ref: "INN-NEW333", Plan: "klima", AuthorHash: "author-new", Created: at(t, 2026, 2, 1, 10, 0)},
		{Ref: "INN-OTH444", Plan: "kultur", AuthorHash: "author-oth", Created: at(t, 2025, 12, 1, 10, 0)},
	} {
		s.Text, s.Lang, s.Platform, s.Workspace, s.Channel, s.EventID = "Flere ladestasjoner", bot.NB, bot.PlatformSlack, "T1", "D1", "ev-"+s.Ref
		if _, _, err := e.store.AddSubmission(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// retain runs RunRetention on every scheduler at once, at now, and
// returns how many claimed the run and what they removed together.
func (e *env) retain(now time.Time, scheds ...*Scheduler) (claimed int, total RetentionReport) {
	e.t.Helper()
	e.clock.Set(now)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, s := range scheds {
		wg.Go(func() {
			rep, err := s.RunRetention(context.Background())
			if err != nil {
				e.t.Errorf("RunRetention: %v", err)
			}
			mu.Lock()
			defer mu.Unlock()
			if rep.Claimed {
				claimed++
			}
			total.Deleted += rep.Deleted
			total.Anonymised += rep.Anonymised
		})
	}
	wg.Wait()
	return claimed, total
}

// refs lists the stored references.
func (e *env) refs() map[string]bot.Submission {
	e.t.Helper()
	subs, err := e.store.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]bot.Submission{}
	for _, s := range subs {
		out[s.Ref] = s
	}
	return out
}

// retentionAudits counts the retention entries in the audit log.
func (e *env) retentionAudits() int {
	e.t.Helper()
	log, err := e.store.AuditLog(context.Background(), "")
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, a := range log {
		if a.Action == auditRetention {
			n++
		}
	}
	return n
}

// TestRetentionRunsOnceAcrossCopiesAndRestarts: two copies run the day's
// retention at the same moment and one does it; a restarted copy the same
// day does nothing; a later day removes what has come due since.
func TestRetentionRunsOnceAcrossCopiesAndRestarts(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind.name, func(t *testing.T) {
			e := retentionEnv(t, kind.open)
			pol := func(c *Config) {
				c.Retention = RetentionConfig{Policy: bot.Retention{Days: 30, From: bot.RetentionFromAdoption},
					Store: e.store.(bot.RetentionStore)}
			}
			a, b := e.sched("copy-a", pol), e.sched("copy-b", pol)
			claimed, rep := e.retain(at(t, 2026, 2, 15, 3, 0), a, b)
			if claimed != 1 || rep.Deleted != 1 {
				t.Fatalf("first day: %d copies claimed, %d deleted; want 1 and 1", claimed, rep.Deleted)
			}
			left := e.refs()
			if _, ok := left["INN-OLD222"]; ok || len(left) != 2 {
				t.Errorf("after the first day: %v; want the old klima input gone, the recent one and kultur's kept", left)
			}
			restarted := e.sched("copy-a-restarted", pol)
			if claimed, _ := e.retain(at(t, 2026, 2, 15, 9, 0), restarted, b); claimed != 0 {
				t.Errorf("the same day after a restart: %d claimed, want 0", claimed)
			}
			claimed, rep = e.retain(at(t, 2026, 3, 5, 3, 0), restarted, b)
			if claimed != 1 || rep.Deleted != 1 || len(e.refs()) != 1 {
				t.Errorf("a later day: %d claimed, %d deleted, %d left; want 1, 1, 1 (kultur was never adopted)", claimed, rep.Deleted, len(e.refs()))
			}
			if n := e.retentionAudits(); n != 2 {
				t.Errorf("%d retention audit entries, want 2", n)
			}
		})
	}
}

// TestRetentionAnonymisesFromInput: counted from the input, anonymising
// keeps the text but its author no longer finds it, and it is done once.
func TestRetentionAnonymisesFromInput(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind.name, func(t *testing.T) {
			e := retentionEnv(t, kind.open)
			s := e.sched("copy-a", func(c *Config) {
				c.Retention = RetentionConfig{Policy: bot.Retention{Days: 60, From: bot.RetentionFromInput, Anonymise: true},
					Store: e.store.(bot.RetentionStore)}
			})
			if _, rep := e.retain(at(t, 2026, 2, 15, 3, 0), s); rep.Anonymised != 2 {
				t.Fatalf("anonymised %d, want 2 (both inputs of 1 December)", rep.Anonymised)
			}
			left := e.refs()
			if len(left) != 3 || left["INN-OTH444"].AuthorHash != "" || left["INN-OTH444"].Text == "" || left["INN-NEW333"].AuthorHash == "" {
				t.Errorf("after anonymising: %+v", left)
			}
			if mine, err := e.store.SubmissionsBy(context.Background(), "author-oth"); err != nil || len(mine) != 0 {
				t.Errorf("the author still finds anonymised input: %v, %v", mine, err)
			}
			if _, rep := e.retain(at(t, 2026, 2, 16, 3, 0), s); rep.Anonymised != 0 {
				t.Errorf("the next day anonymised %d again", rep.Anonymised)
			}
			if n := e.retentionAudits(); n != 1 {
				t.Errorf("%d retention audit entries, want 1", n)
			}
		})
	}
}
