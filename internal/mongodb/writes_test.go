package mongodb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestEmbeddedWritesOneAtATime: on the embedded server no two write
// commands are in flight at once, however many goroutines write (inbox
// events, answers, finishes, dialogs, inputs), so none of them meets
// SQLite's sleeping busy handler; reads still run beside them.
func TestEmbeddedWritesOneAtATime(t *testing.T) {
	var mu sync.Mutex
	inflight, most, writes := map[int64]bool{}, 0, 0
	mon := &event.CommandMonitor{
		Started: func(_ context.Context, e *event.CommandStartedEvent) {
			switch e.CommandName {
			case "insert", "update", "delete", "findAndModify":
				mu.Lock()
				defer mu.Unlock()
				inflight[e.RequestID] = true
				most, writes = max(most, len(inflight)), writes+1
			}
		},
		Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) {
			mu.Lock()
			defer mu.Unlock()
			delete(inflight, e.RequestID)
		},
		Failed: func(_ context.Context, e *event.CommandFailedEvent) {
			mu.Lock()
			defer mu.Unlock()
			delete(inflight, e.RequestID)
		},
	}
	dir, err := os.MkdirTemp("", "tpbgate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := Open(ctx, Config{DataDir: dir, monitor: mon})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	mu.Lock()
	most, writes = 0, 0 // start-up writes (indexes, markers) do not count
	mu.Unlock()

	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				id := fmt.Sprintf("test:%d-%d", g, i)
				e := bot.InboxEvent{ID: id, Owner: "o", Resident: fmt.Sprint("r", g),
					Message: bot.Message{Platform: "test", User: fmt.Sprint("u", g), Text: "hei"}}
				steps := []error{
					s.AddEvent(ctx, e),
					s.SaveAnswer(ctx, id, []bot.Reply{{Text: "svar"}}),
					s.SaveDialog(ctx, bot.Dialog{Key: id, Expires: time.Now().Add(time.Hour)}),
					s.FinishEvent(ctx, id, time.Now().Add(time.Hour)),
				}
				if _, err := s.EventsOf(ctx, "o", 10); err != nil { // a read between the writes
					steps = append(steps, err)
				}
				if err := errors.Join(steps...); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if writes < 8*10*3 { // concurrent adds are grouped into one insert
		t.Fatalf("%d write commands seen, want at least %d", writes, 8*10*3)
	}
	if most != 1 {
		t.Errorf("%d write commands were in flight at once on the embedded server, want 1", most)
	}
}

// TestWritesGoThroughTheGate: the store's code writes through s.w, never
// on the collection s.coll returns for reads (that write would skip the
// write gate on the embedded server).
func TestWritesGoThroughTheGate(t *testing.T) {
	write := regexp.MustCompile(`\.coll\([^)]*\)\.(Insert|Update|Replace|Delete|FindOneAnd|BulkWrite)`)
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sources: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if write.MatchString(line) {
				t.Errorf("%s:%d writes on s.coll: use s.w: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
