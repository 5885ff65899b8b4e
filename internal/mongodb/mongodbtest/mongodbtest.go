// Package mongodbtest opens MongoDB stores for tests: on a real MongoDB when
// TEST_MONGODB_URI is set, else on an embedded server in a temporary
// directory. It also starts embedded servers that a test can stop and
// start again to simulate a database outage.
package mongodbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb"
)

// EnvURI names the environment variable with a real MongoDB's URI for tests.
const EnvURI = "TEST_MONGODB_URI"

// Open returns an empty store that is closed when the test ends. With
// TEST_MONGODB_URI set it uses a fresh database on that server (dropped at
// cleanup); otherwise an embedded server in a temporary directory. It
// fails the test when the store cannot be opened.
func Open(t testing.TB) *mongodb.Store {
	t.Helper()
	return OpenConfig(t, config(t))
}

// OpenMongoDBMode is Open with the store in its MongoDB mode
// (Config.MongoDBMode): on the embedded server it then takes every branch
// it takes on MongoDB, for correctness tests (not for speed).
func OpenMongoDBMode(t testing.TB) *mongodb.Store {
	t.Helper()
	cfg := config(t)
	cfg.MongoDBMode = true
	return OpenConfig(t, cfg)
}

func config(t testing.TB) mongodb.Config {
	cfg := mongodb.Config{URI: os.Getenv(EnvURI), Database: "temaplanbot_test_" + randomHex(6)}
	if cfg.URI == "" {
		cfg.DataDir = Dir(t)
	}
	return cfg
}

// OpenConfig opens a store with cfg and closes it (and drops the test
// database on a real server) when the test ends. It fails the test when
// the store cannot be opened.
func OpenConfig(t testing.TB, cfg mongodb.Config) *mongodb.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := mongodb.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("mongodbtest: open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if !s.Embedded() && cfg.URI != "" && cfg.URI == os.Getenv(EnvURI) {
			if err := s.Database().Drop(ctx); err != nil {
				t.Logf("mongodbtest: drop test database: %v", err)
			}
		}
		if err := s.Close(ctx); err != nil {
			t.Logf("mongodbtest: close store: %v", err)
		}
	})
	return s
}

// Real reports whether tests run against a real MongoDB (TEST_MONGODB_URI).
func Real() bool { return os.Getenv(EnvURI) != "" }

// StartEmbedded starts an embedded server with its data in dir (a new
// temporary directory when dir is "") and stops it when the test ends.
// Stop and Start it to simulate an outage; the URI stays the same.
func StartEmbedded(t testing.TB, dir string) *mongodb.Server {
	t.Helper()
	if dir == "" {
		dir = Dir(t)
	}
	srv, err := mongodb.StartServer(dir, nil)
	if err != nil {
		t.Fatalf("mongodbtest: start embedded server: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Logf("mongodbtest: stop embedded server: %v", err)
		}
	})
	return srv
}

// Dir returns a temporary data directory, removed when the test ends,
// whose path is short enough for the embedded server's Unix socket.
func Dir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if len(filepath.Join(dir, "run", "ferretdb.sock")) <= 100 {
		return dir
	}
	dir, err := os.MkdirTemp("", "tpb")
	if err != nil {
		t.Fatalf("mongodbtest: temp dir: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
