package mongodb

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
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

// TestFerretLogsFiltered: FerretDB's warnings (one per NotImplemented
// reply, e.g. our TTL index attempt) do not reach our log; errors would.
func TestFerretLogsFiltered(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	dir, err := os.MkdirTemp("", "tpblog")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := Open(ctx, Config{DataDir: dir, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "component=ferretdb") {
		t.Errorf("FerretDB below ERROR reached our log:\n%s", out)
	}
	if !strings.Contains(out, "store open") || !strings.Contains(out, "ttl_indexes=false") {
		t.Errorf("no open record with ttl_indexes=false:\n%s", out)
	}

	buf.mu.Lock()
	buf.b.Reset()
	buf.mu.Unlock()
	fl := ferretLogger(logger)
	fl.Warn("noisy dump")
	fl.Error("disk broken")
	if out := buf.String(); strings.Contains(out, "noisy dump") || !strings.Contains(out, "disk broken") {
		t.Errorf("ferretLogger passed the wrong records:\n%s", out)
	}
}
