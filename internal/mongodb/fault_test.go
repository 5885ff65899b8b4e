package mongodb_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

func testSub(ref, event string) bot.Submission {
	return bot.Submission{Ref: ref, Plan: "klima", Text: "Flere ladestasjoner ved Asker stasjon", Lang: bot.NB,
		Platform: bot.PlatformSlack, Workspace: "T1", Channel: "C1", AuthorHash: "h1", EventID: event,
		Created: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)}
}

// TestOutage stops the database under a connected store: writes and pings
// fail with bot.ErrUnavailable (never a false success), and the same store
// works again once the database is back.
func TestOutage(t *testing.T) {
	srv := mongodbtest.StartEmbedded(t, "")
	s := mongodbtest.OpenConfig(t, mongodb.Config{URI: srv.URI()})

	add := func(sub bot.Submission, timeout time.Duration) (bool, error) {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		_, created, err := s.AddSubmission(ctx, sub)
		return created, err
	}
	if _, err := add(testSub("INN-AAAAAA", "Ev1"), 5*time.Second); err != nil {
		t.Fatalf("add before outage: %v", err)
	}

	if err := srv.Stop(); err != nil {
		t.Fatalf("stop server: %v", err)
	}
	start := time.Now()
	created, err := add(testSub("INN-BBBBBB", "Ev2"), 5*time.Second)
	if !errors.Is(err, bot.ErrUnavailable) || created {
		t.Fatalf("add during outage: created=%v err=%v, want ErrUnavailable", created, err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("outage noticed after %v, want about the 2 s server selection timeout", d)
	}
	// A caller's deadline that runs out on an unreachable database is
	// ErrUnavailable too.
	short := func() context.Context {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		t.Cleanup(cancel)
		return ctx
	}
	if err := s.Ping(short()); !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("ping during outage: %v, want ErrUnavailable", err)
	}
	if _, err := s.Submission(short(), "INN-AAAAAA"); !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("read during outage: %v, want ErrUnavailable", err)
	}

	if err := srv.Start(); err != nil {
		t.Fatalf("restart server: %v", err)
	}
	// The resident retries the same input: it is stored now, once.
	created, err = add(testSub("INN-BBBBBB", "Ev2"), 10*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err != nil || !created {
		t.Fatalf("add after recovery: created=%v err=%v", created, err)
	}
	all, err := s.Submissions(ctx, bot.SubmissionQuery{})
	if err != nil {
		t.Fatalf("list after recovery: %v", err)
	}
	if len(all) != 2 || all[0].Ref != "INN-AAAAAA" || all[1].Ref != "INN-BBBBBB" {
		t.Errorf("after recovery: %d submissions %v, want INN-AAAAAA and INN-BBBBBB", len(all), all)
	}
}

// TestOpenUnreachable: a database that is not there is bot.ErrUnavailable
// within the short server selection timeout.
func TestOpenUnreachable(t *testing.T) {
	srv := mongodbtest.StartEmbedded(t, "")
	uri := srv.URI()
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	s, err := mongodb.Open(ctx, mongodb.Config{URI: uri})
	if err == nil {
		s.Close(ctx)
		t.Fatal("open on a stopped server succeeded")
	}
	if !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("open: %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("open gave up after %v, want about 2 s", d)
	}
}
