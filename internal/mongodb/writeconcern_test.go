package mongodb

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestWriteConcern: every write command the store sends asks for majority
// and journal, whatever the URI says.
func TestWriteConcern(t *testing.T) {
	var mu sync.Mutex
	seen := map[string][]bson.Raw{} // command name -> writeConcern documents
	mon := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		switch e.CommandName {
		case "insert", "update", "delete", "findAndModify":
			mu.Lock()
			defer mu.Unlock()
			wc, _ := e.Command.Lookup("writeConcern").DocumentOK()
			seen[e.CommandName] = append(seen[e.CommandName], wc)
		}
	}}
	dir, err := os.MkdirTemp("", "tpbwc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := Config{DataDir: dir, monitor: mon}
	if uri := os.Getenv("TEST_MONGODB_URI"); uri != "" {
		cfg.URI, cfg.Database = uri, "temaplanbot_test_wc"
	}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if cfg.URI != "" {
		defer s.db.Drop(ctx)
	}

	sub := bot.Submission{Ref: "INN-AAAAAA", Platform: "slack", EventID: "Ev1", AuthorHash: "h1"}
	now := time.Now()
	steps := []error{
		func() error { _, _, err := s.AddSubmission(ctx, sub); return err }(),
		s.SetSubmissionStatus(ctx, sub.Ref, bot.SubmissionHidden, ""),
		s.DeleteSubmission(ctx, sub.Ref, "h1"),
		s.SaveDialog(ctx, bot.Dialog{Key: "k", Expires: now.Add(time.Hour)}),
		func() error { _, err := s.MarkEvent(ctx, "slack", "Ev1", now.Add(time.Hour)); return err }(),
		s.SavePrefs(ctx, bot.Prefs{AuthorHash: "h1", Lang: bot.EN}),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	for _, name := range []string{"insert", "update", "delete"} {
		if len(seen[name]) == 0 {
			t.Errorf("no %s command seen", name)
		}
		for _, wc := range seen[name] {
			w, _ := wc.Lookup("w").StringValueOK()
			j, _ := wc.Lookup("j").BooleanOK()
			if w != "majority" || !j {
				t.Errorf("%s with writeConcern %v, want {w: majority, j: true}", name, wc)
			}
		}
	}
}
