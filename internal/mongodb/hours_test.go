package mongodb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestBusyHourIsPaged saves more inputs in one hour than a page holds: no
// hour document grows past a page, a window lists every input once, and
// deleting inputs from later pages works.
func TestBusyHourIsPaged(t *testing.T) {
	s := mongodbtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	hour := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	const n = 450
	for i := range n {
		sub := benchSub(i)
		sub.AuthorHash = fmt.Sprintf("a%d", i%40)
		sub.Created = hour.Add(time.Duration(i) * 7 * time.Second)
		if _, created, err := s.AddSubmission(ctx, sub); err != nil || !created {
			t.Fatalf("add %d: %v %v", i, created, err)
		}
	}
	docs := hourDocs(ctx, t, s.Database().Collection("submission_hours"))
	if len(docs) < 3 {
		t.Errorf("%d hour documents for %d inputs in one hour, want pages", len(docs), n)
	}
	for _, d := range docs {
		if len(d.Entries) > 200 {
			t.Errorf("hour document %s holds %d entries", d.ID, len(d.Entries))
		}
	}
	q := bot.SubmissionQuery{After: hour.Add(-time.Minute), Until: hour.Add(time.Hour)}
	win, err := s.Submissions(ctx, q)
	if err != nil || len(win) != n {
		t.Fatalf("window: %d inputs (err %v), want %d", len(win), err, n)
	}
	for _, i := range []int{5, 250, 449} { // pages 0, 1 and 2
		sub := benchSub(i)
		if err := s.DeleteSubmission(ctx, sub.Ref, fmt.Sprintf("a%d", i%40)); err != nil {
			t.Fatalf("delete %s: %v", sub.Ref, err)
		}
	}
	win, err = s.Submissions(ctx, q)
	if err != nil || len(win) != n-3 {
		t.Errorf("window after deleting 3: %d inputs (err %v), want %d", len(win), err, n-3)
	}
	left := 0
	for _, d := range hourDocs(ctx, t, s.Database().Collection("submission_hours")) {
		left += len(d.Entries)
	}
	if left != n-3 {
		t.Errorf("hour documents hold %d entries after deleting 3 of %d", left, n)
	}
}

type hourDoc struct {
	ID      string   `bson:"_id"`
	Entries []string `bson:"entries"`
}

func hourDocs(ctx context.Context, t *testing.T, c *mongo.Collection) []hourDoc {
	t.Helper()
	cur, err := c.Find(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []hourDoc
	if err := cur.All(ctx, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}
