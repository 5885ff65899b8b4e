package mongodb

import (
	"context"
	"errors"
	"fmt"
)

// Sharing the embedded server with a running bot:
//
// The embedded server belongs to the process that started it (`serve`),
// and only one process may run it on a data directory. Staff tools
// (`export`, `import`, `digest --dry-run`, ...) run as a second process
// on the same DATA_DIR: Open finds the socket answering (ErrServing) and
// connects to that server over its Unix socket instead, reading the
// SQLite file beside it like the serving process does (SQLite's WAL lets
// any number of readers run beside the one writer, across processes).

// startEmbedded returns the URI to connect to: cfg.URI when set, else the
// socket of an embedded server this store starts, or of the one another
// process runs on cfg.DataDir.
func (s *Store) startEmbedded(cfg Config) (string, error) {
	if cfg.URI != "" {
		return cfg.URI, nil
	}
	s.gate = newWriteGate()
	srv, err := StartServer(cfg.DataDir, cfg.Logger)
	if err == nil {
		s.server = srv
		return srv.URI(), nil
	}
	if !errors.Is(err, ErrServing) {
		return "", err
	}
	_, _, socket, perr := serverPaths(cfg.DataDir)
	if perr != nil {
		return "", perr
	}
	s.shared = true
	s.logger.Info("mongodb: using the embedded server another process runs on the data directory")
	return socketURI(socket), nil
}

// openReader opens the reader of database's SQLite file on the embedded
// server of dataDir (see sqlread.go).
func openReader(dataDir, database string) (*sqlReader, error) {
	_, dbDir, _, err := serverPaths(dataDir)
	if err != nil {
		return nil, err
	}
	db, err := openSQLiteFile(sqliteFile(dbDir, database))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	w, err := openWriter(sqliteFile(dbDir, database))
	if err != nil {
		db.Close()
		return nil, err
	}
	return &sqlReader{db: db, w: w}, nil
}

// dropKeyDocuments drops the collections older versions kept beside the
// submissions (key documents per author and per hour), which nothing reads
// now; dropping one that does not exist does nothing.
func (s *Store) dropKeyDocuments(ctx context.Context) error {
	for _, c := range []string{"authors", "submission_hours", "submission_days", "meta"} {
		if err := s.coll(c).Drop(ctx); err != nil {
			return fmt.Errorf("mongodb: drop %s: %w", c, err)
		}
	}
	return nil
}
