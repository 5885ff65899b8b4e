package mongodb_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestNoOperatorInjection: user text that looks like a query operator is a
// plain string value and matches nothing.
func TestNoOperatorInjection(t *testing.T) {
	s := mongodbtest.Open(t)
	ctx := testCtx(t)
	if _, _, err := s.AddSubmission(ctx, testSub("INN-AAAAAA", "Ev1")); err != nil {
		t.Fatal(err)
	}
	evil := []string{`{"$gt": ""}`, `{"$ne": null}`, `{"$regex": ".*"}`, `$where`, `{"$exists": true}`}
	for _, v := range evil {
		if _, err := s.Submission(ctx, v); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("Submission(%q) = %v, want ErrNotFound", v, err)
		}
		if err := s.DeleteSubmission(ctx, v, v); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("DeleteSubmission(%q) = %v, want ErrNotFound", v, err)
		}
		if err := s.DeleteSubmission(ctx, "INN-AAAAAA", v); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("DeleteSubmission(ref, %q) = %v, want ErrNotFound", v, err)
		}
		if subs, err := s.SubmissionsBy(ctx, v); err != nil || len(subs) != 0 {
			t.Errorf("SubmissionsBy(%q) = %d, %v; want none", v, len(subs), err)
		}
		if n, err := s.CountSubmissionsSince(ctx, v, time.Time{}); err != nil || n != 0 {
			t.Errorf("CountSubmissionsSince(%q) = %d, %v; want 0", v, n, err)
		}
		if subs, err := s.Submissions(ctx, bot.SubmissionQuery{Plan: v}); err != nil || len(subs) != 0 {
			t.Errorf("Submissions(plan %q) = %d, %v; want none", v, len(subs), err)
		}
		if err := s.SetSubmissionStatus(ctx, v, bot.SubmissionHidden, ""); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("SetSubmissionStatus(%q) = %v, want ErrNotFound", v, err)
		}
	}
	if _, err := s.Submission(ctx, "INN-AAAAAA"); err != nil {
		t.Errorf("the real submission is gone: %v", err)
	}
}

// TestReopen: data and indexes survive a restart on the same data
// directory (a dialog continues), and creating indexes again is harmless.
func TestReopen(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("embedded server only: restarts it on the same data directory")
	}
	dir := mongodbtest.Dir(t)
	ctx := testCtx(t)
	s, err := mongodb.Open(ctx, mongodb.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Embedded() || s.TTL() {
		t.Errorf("Embedded() = %v, TTL() = %v; want true, false on FerretDB", s.Embedded(), s.TTL())
	}
	d := bot.Dialog{Key: "slack:T1:U1", Step: bot.StepText, Plan: "klima", Expires: time.Now().Add(time.Hour)}
	if err := s.SaveDialog(ctx, d); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddSubmission(ctx, testSub("INN-AAAAAA", "Ev1")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := s.Close(ctx); err != nil {
		t.Errorf("second close: %v", err)
	}

	s = mongodbtest.OpenConfig(t, mongodb.Config{DataDir: dir})
	got, err := s.Dialog(ctx, d.Key, time.Now())
	if err != nil || got.Plan != "klima" || got.Step != bot.StepText {
		t.Errorf("dialog after restart = %+v, %v", got, err)
	}
	_, created, err := s.AddSubmission(ctx, testSub("INN-BBBBBB", "Ev1"))
	if err != nil || created {
		t.Errorf("duplicate event after restart: created=%v err=%v, want the stored one", created, err)
	}
}

// TestEmbeddedServer: the socket is private, a second server on the same
// directory is refused, and a stale socket from a crash is cleaned up.
func TestEmbeddedServer(t *testing.T) {
	dir := mongodbtest.Dir(t)
	srv := mongodbtest.StartEmbedded(t, dir)
	if !strings.HasPrefix(srv.URI(), "mongodb://") || !strings.Contains(srv.URI(), ".sock") {
		t.Errorf("URI = %q, want a Unix socket URI", srv.URI())
	}
	for _, sub := range []string{"", "db", "run"} {
		fi, err := os.Stat(filepath.Join(dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("%s/%s has mode %v, want 0700", dir, sub, fi.Mode().Perm())
		}
	}
	if _, err := mongodb.StartServer(dir, nil); err == nil {
		t.Error("second server on the same data directory started")
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	// A crash leaves the socket file behind.
	sock := filepath.Join(dir, "run", "ferretdb.sock")
	if err := os.WriteFile(sock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatalf("start over a stale socket: %v", err)
	}
	long := filepath.Join(dir, strings.Repeat("x", 120))
	if _, err := mongodb.StartServer(long, nil); err == nil || !strings.Contains(err.Error(), "DATA_DIR") {
		t.Errorf("too long socket path: err = %v, want advice on DATA_DIR", err)
	}
}

// TestIndexes: the unique indexes behind idempotency exist.
func TestIndexes(t *testing.T) {
	s := mongodbtest.Open(t)
	ctx := testCtx(t)
	want := map[string][]string{ // unique ones, on every server
		"submissions":   {"platform_event_id"},
		"events":        {"platform_event_id"},
		"subscriptions": {"kind_target"},
		"digest_marks":  {"target_seq"},
	}
	if mongodbtest.Real() { // query indexes only where queries use them
		want["submissions"] = append(want["submissions"], "author_hash_created", "plan_created", "status_created")
		want["events"] = append(want["events"], "expires_at")
		want["dialogs"] = []string{"expires_at"}
		want["announcements"] = []string{"state_updated"}
		want["audit"] = []string{"object_at"}
	}
	for coll, names := range want {
		cur, err := s.Database().Collection(coll).Indexes().List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []bson.M
		if err := cur.All(ctx, &got); err != nil {
			t.Fatal(err)
		}
		have := map[string]bson.M{}
		for _, ix := range got {
			have[ix["name"].(string)] = ix
		}
		for _, n := range names {
			if _, ok := have[n]; !ok {
				t.Errorf("%s: index %s missing (have %v)", coll, n, have)
			}
		}
		for _, n := range []string{"platform_event_id", "kind_target", "target_seq"} {
			if ix := have[n]; ix != nil && ix["unique"] != true {
				t.Errorf("%s.%s is not unique: %v", coll, n, ix)
			}
		}
	}
}
