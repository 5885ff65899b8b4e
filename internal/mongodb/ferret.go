//go:build !temaplanbot_no_embedded

package mongodb

import (
	"context"
	"log/slog"
	"net/url"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB runs on, also opened by idindex.go (database/sql "sqlite")
)

// Embedded reports whether this binary has the embedded server (FerretDB
// with SQLite). A build with the tag temaplanbot_no_embedded leaves it out
// (a smaller, faster build for deployments that always set MONGODB_URI).
const Embedded = true

// newFerretMu serialises ferretdb.New, which writes a package-level
// variable of FerretDB (its version info), so that two servers started at
// once (parallel tests) do not race. It is the one piece of package state
// here and guards a library's global, not ours.
var newFerretMu sync.Mutex

// newFerret creates FerretDB with its SQLite backend in dbDir, listening on
// the Unix socket, and returns the function that runs it until ctx ends.
func newFerret(socket, dbDir string, logger *slog.Logger) (run func(ctx context.Context), err error) {
	// synchronous(full): in WAL mode every commit is synced to disk before
	// FerretDB answers, which is what a journaled write concern promises.
	// temp_store(memory): FerretDB inserts up to 100 documents with one
	// statement, and SQLite keeps a statement journal of the pages it
	// changes (to undo the statement alone on a duplicate key); beyond
	// 64 KiB that journal went to a temporary file, and a bulk insert wrote
	// about a third of its bytes there (BENCHMARKS.md, issue 19). It holds
	// nothing that must survive a crash: the WAL does.
	sqliteURL := (&url.URL{Scheme: "file", Path: dbDir + "/",
		RawQuery: "_pragma=synchronous(full)&_pragma=temp_store(memory)"}).String()
	newFerretMu.Lock()
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	newFerretMu.Unlock()
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) { _ = f.Run(ctx) }, nil // Run returns nil when ctx ends
}
