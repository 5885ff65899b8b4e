package catalog

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// writeCatalog writes minimal.yaml, with klima's English name set to name,
// to path.
func writeCatalog(t *testing.T, path, name string) {
	t.Helper()
	data := edit(t, "en: Theme plan klima}", "en: "+name+"}")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func klimaName(s *Source) string {
	p, _ := s.Catalog().Plan("klima")
	return p.Name[bot.EN]
}

func TestSourceReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.yaml")
	writeCatalog(t, path, "Climate one")
	s, err := NewSource(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var _ bot.CatalogSource = s
	if got := klimaName(s); got != "Climate one" {
		t.Fatalf("name = %q", got)
	}
	steps := []struct {
		name        string
		write       func()
		wantChanged bool
		wantErr     string // substring; "" for none
		wantName    string
	}{
		{"unchanged file", func() {}, false, "", "Climate one"},
		{"changed file", func() { writeCatalog(t, path, "Climate two") }, true, "", "Climate two"},
		{"same content rewritten", func() { writeCatalog(t, path, "Climate two") }, false, "", "Climate two"},
		{"broken file keeps the old catalogue", func() {
			os.WriteFile(path, edit(t, "  - id: vann\n", "  - id: vannn\n"), 0o600)
		}, false, `plans.yaml: plan "vann" is missing from the list of plans`, "Climate two"},
		{"broken file again", func() {}, false, `plan "vann" is missing`, "Climate two"},
		{"fixed file", func() { writeCatalog(t, path, "Climate three") }, true, "", "Climate three"},
		{"file removed", func() { os.Remove(path) }, false, "no such file", "Climate three"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.write()
			changed, err := s.Reload()
			if changed != st.wantChanged {
				t.Errorf("changed = %v, want %v", changed, st.wantChanged)
			}
			if (err == nil) != (st.wantErr == "") || (err != nil && !strings.Contains(err.Error(), st.wantErr)) {
				t.Errorf("err = %v, want %q", err, st.wantErr)
			}
			if got := klimaName(s); got != st.wantName {
				t.Errorf("name = %q, want %q", got, st.wantName)
			}
		})
	}
}

func TestNewSourceErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewSource(filepath.Join(dir, "missing.yaml"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("plans: []\n"), 0o600)
	_, err := NewSource(bad, nil)
	if !errors.Is(err, bot.ErrInvalid) || !strings.Contains(err.Error(), `bad.yaml: plan "klima" is missing`) {
		t.Errorf("bad file: %v", err)
	}
}

func TestSourceDefaultNeverChanges(t *testing.T) {
	s, err := NewSource("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Catalog().Plans) != 14 || s.Path() != "" {
		t.Fatalf("default source: %d plans", len(s.Catalog().Plans))
	}
	if changed, err := s.Reload(); changed || err != nil {
		t.Errorf("Reload = %v, %v", changed, err)
	}
	done := make(chan struct{})
	go func() { s.Watch(context.Background(), time.Millisecond); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Watch on the embedded default did not return")
	}
}

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestSourceWatch drives Watch's polls one by one (no timing), with
// readers running concurrently (run with -race): a change is picked up, a
// broken file is logged once however often it is polled, and the next good
// file is picked up again.
func TestSourceWatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.yaml")
	writeCatalog(t, path, "Climate one")
	var logs syncBuffer
	s, err := NewSource(path, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if len(s.Catalog().Plans) != 14 {
					t.Error("a reader saw a partial catalogue")
					return
				}
				runtime.Gosched()
			}
		})
	}
	var st watchState
	count := func(what string) int { return strings.Count(logs.String(), what) }

	writeCatalog(t, path, "Climate two")
	s.poll(&st)
	if got := klimaName(s); got != "Climate two" {
		t.Errorf("after a change: %q, want Climate two", got)
	}
	if err := os.WriteFile(path, []byte("plans: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.poll(&st)
	if n := count("reload failed"); n != 0 {
		t.Errorf("a broken file seen once was logged %d times (it may be half-written)", n)
	}
	for range 5 {
		s.poll(&st)
	}
	if n := count("reload failed"); n != 1 {
		t.Errorf("the same broken file was logged %d times, want once:\n%s", n, logs.String())
	}
	if got := klimaName(s); got != "Climate two" {
		t.Errorf("a broken file replaced the catalogue: %q", got)
	}
	writeCatalog(t, path, "Climate three")
	s.poll(&st)
	s.poll(&st)
	close(stop)
	wg.Wait()
	if got := klimaName(s); got != "Climate three" {
		t.Errorf("after the fix: %q, want Climate three", got)
	}
	if n := count("catalog: reloaded"); n != 2 {
		t.Errorf("%d reloads logged, want 2:\n%s", n, logs.String())
	}
}

// TestSourceWatchLoop checks that Watch polls on its own and returns when
// its context ends (the file is replaced atomically, so no poll sees it
// half-written).
func TestSourceWatchLoop(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plans.yaml")
	writeCatalog(t, path, "Climate one")
	s, err := NewSource(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx, time.Millisecond); close(done) }()
	tmp := filepath.Join(dir, "next.yaml")
	writeCatalog(t, tmp, "Climate two")
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return klimaName(s) == "Climate two" })
	cancel()
	<-done
}

// waitFor polls cond for up to a minute (the machine may be busy).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within a minute")
		}
		time.Sleep(2 * time.Millisecond)
	}
}
