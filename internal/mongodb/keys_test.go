package mongodb_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestBackfillKeyDocuments stores submissions the way an older version did
// (no author or day documents) and checks that the next Open writes them:
// "my input", the rate-limit count and a digest window see every one.
func TestBackfillKeyDocuments(t *testing.T) {
	cfg := mongodb.Config{URI: os.Getenv(mongodbtest.EnvURI), Database: fmt.Sprintf("backfill_%d", time.Now().UnixNano())}
	if cfg.URI == "" {
		cfg.DataDir = mongodbtest.Dir(t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	old, err := mongodb.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	const n = 30
	var docs []any
	for i := range n {
		s := benchSub(i)
		s.AuthorHash = fmt.Sprintf("author-%d", i%3)
		s.Created = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Hour)
		docs = append(docs, rawDoc(s))
	}
	db := old.Database()
	if _, err := db.Collection("submissions").InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"authors", "submission_hours", "meta"} {
		if _, err := db.Collection(c).DeleteMany(ctx, bson.D{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Close(ctx); err != nil {
		t.Fatal(err)
	}
	s := mongodbtest.OpenConfig(t, cfg)
	for a := range 3 {
		hash := fmt.Sprintf("author-%d", a)
		mine, err := s.SubmissionsBy(ctx, hash)
		if err != nil || len(mine) != n/3 {
			t.Errorf("%s: %d submissions listed (err %v), want %d", hash, len(mine), err, n/3)
		}
		cnt, err := s.CountSubmissionsSince(ctx, hash, time.Time{})
		if err != nil || cnt != n/3 {
			t.Errorf("%s: count %d (err %v), want %d", hash, cnt, err, n/3)
		}
	}
	win, err := s.Submissions(ctx, bot.SubmissionQuery{After: time.Date(2024, 2, 28, 0, 0, 0, 0, time.UTC), Until: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(win) != n {
		t.Errorf("window: %d submissions (err %v), want %d", len(win), err, n)
	}
}

// TestOpenRepairsRecentSubmissions: a submission stored without its key
// entries (the process stopped between the two writes) is listed for its
// author and in digest windows after the next Open.
func TestOpenRepairsRecentSubmissions(t *testing.T) {
	cfg := mongodb.Config{URI: os.Getenv(mongodbtest.EnvURI), Database: fmt.Sprintf("repair_%d", time.Now().UnixNano())}
	if cfg.URI == "" {
		cfg.DataDir = mongodbtest.Dir(t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	first, err := mongodb.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	saved := benchSub(1)
	saved.AuthorHash, saved.Created = "author-r", now.Add(-2*time.Hour)
	if _, _, err := first.AddSubmission(ctx, saved); err != nil {
		t.Fatal(err)
	}
	cut, old := benchSub(2), benchSub(3)
	cut.AuthorHash, cut.Created = "author-r", now.Add(-time.Hour)
	old.AuthorHash, old.Created = "author-r", now.Add(-30*24*time.Hour) // before the repair window
	if _, err := first.Database().Collection("submissions").InsertMany(ctx, []any{rawDoc(cut), rawDoc(old)}); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(ctx); err != nil {
		t.Fatal(err)
	}
	s := mongodbtest.OpenConfig(t, cfg)
	mine, err := s.SubmissionsBy(ctx, "author-r")
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, m := range mine {
		refs = append(refs, m.Ref)
	}
	if len(refs) != 2 || refs[0] != cut.Ref || refs[1] != saved.Ref {
		t.Errorf("after reopening, my input = %v, want [%s %s]", refs, cut.Ref, saved.Ref)
	}
	win, err := s.Submissions(ctx, bot.SubmissionQuery{After: now.Add(-3 * time.Hour), Until: now})
	if err != nil || len(win) != 2 {
		t.Errorf("window after reopening: %d submissions (err %v), want 2", len(win), err)
	}
}
