// Package mongodb is temaplanbot's bot.Store on MongoDB, through the
// official driver (go.mongodb.org/mongo-driver/v2). Without a MongoDB URI
// it starts an embedded MongoDB-compatible server (FerretDB v1 on SQLite,
// see Server) and uses the very same code through the driver.
//
// Writes use write concern majority with journaling: a resident is told
// "saved" only when the write survives a crash and a replica-set failover.
// Reads use the server's defaults. Inserts are idempotent through unique
// indexes on natural keys (platform event ids, claim ids).
//
// Timeouts: the client gives up selecting a server after 2 s (ServerSelection
// timeout), so an outage shows quickly as bot.ErrUnavailable; callers bound
// each operation with their context (a few seconds on the chat path).
//
// Filters are built only from bson.D values with string fields; user text
// (a reference like `{"$gt": ""}`) is always a plain string value, never
// parsed into a query.
//
// The embedded server differs from MongoDB in ways the store is built
// around: it has no TTL indexes (expired dialogs and events are filtered
// out on read and removed by DeleteExpiredDialogs/DeleteExpiredEvents,
// which the caller runs periodically), and it applies a filtered update or
// delete in two steps (find, then write by _id), so a filter is no
// compare-and-set there. Everything that must happen once is therefore an
// insert under a unique index (events, submissions, announcement claims,
// digest watermark states). One narrow race remains on the embedded
// server only: a resident deleting a submission in the same instant staff
// archive it may still delete it.
package mongodb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"

	"github.com/askerkommune/temaplanbot/bot"
)

// Defaults for Config.
const (
	DefaultDatabase = "temaplanbot"
	DefaultDataDir  = "./data"
)

// serverSelectionTimeout is how long the driver looks for a usable server
// before an operation fails; short so an outage is noticed fast.
const serverSelectionTimeout = 2 * time.Second

// Collection names.
const (
	collSubmissions   = "submissions"
	collDialogs       = "dialogs"
	collPrefs         = "prefs"
	collEvents        = "events"
	collSubscriptions = "subscriptions"
	collAnnouncements = "announcements"
	collDigestMarks   = "digest_marks"
	collPlanStarts    = "plan_starts"
	collAudit         = "audit"
)

// collections lists every collection the store uses (Open creates them, so
// that their lookups by _id are indexed on the embedded server from the
// start; see idindex.go). A new collection belongs here.
func collections() []string {
	return []string{collSubmissions, collDialogs, collPrefs, collEvents, collSubscriptions,
		collAnnouncements, collDigestMarks, collPlanStarts, collAudit,
		collInbox, collInboxTakes, collInboxOwners, collMarkers, collWebLinks}
}

// Config configures Open.
type Config struct {
	// URI of a MongoDB deployment (a replica set in production). Empty
	// starts the embedded server in DataDir.
	URI string
	// Database name; default DefaultDatabase.
	Database string
	// DataDir holds the embedded server's data and socket; default DefaultDataDir.
	DataDir string
	// Logger for the store and the embedded server; nil discards logs.
	Logger *slog.Logger
	// Now is the clock for times the caller leaves zero; nil means time.Now.
	Now func() time.Time

	// MongoDBMode makes the store use only what MongoDB offers (the
	// driver's queries and indexes, no reads from the embedded server's
	// SQLite file) even on the embedded server, so tests run every branch
	// taken on MongoDB against the embedded server. Slow there; for tests.
	MongoDBMode bool

	monitor *event.CommandMonitor // tests only: sees every command sent
}

// Store implements bot.Store on MongoDB. It is safe for concurrent use.
type Store struct {
	client *mongo.Client
	db     *mongo.Database
	server *Server // nil when URI was given
	logger *slog.Logger
	now    func() time.Time
	ttl    bool       // the server has TTL indexes
	ferret bool       // the server is FerretDB (and the store is not in MongoDBMode)
	sql    *sqlReader // embedded server: reads from its SQLite file; nil on MongoDB
	shared bool       // the embedded server is another process's (see Open)

	gate    writeGate // embedded server: one write at a time (see writeGate)
	addOnce sync.Once
	adds    *addBatcher // groups concurrent inbox inserts
}

var _ bot.Store = (*Store)(nil)

// Open connects to cfg.URI, or starts the embedded server when it is empty,
// and creates the indexes. It returns an error wrapping bot.ErrUnavailable
// when the database cannot be reached (within ctx or the 2 s server
// selection timeout), and other errors for a bad URI or a server that
// cannot start.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = DefaultDatabase
	}
	if cfg.DataDir == "" {
		cfg.DataDir = DefaultDataDir
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Store{logger: cfg.Logger, now: cfg.Now}
	uri, err := s.startEmbedded(cfg)
	if err != nil {
		return nil, err
	}
	// Our defaults first: settings in the URI win.
	opts := options.Client().
		SetServerSelectionTimeout(serverSelectionTimeout).
		SetConnectTimeout(serverSelectionTimeout).
		ApplyURI(uri)
	if cfg.monitor != nil {
		opts.SetMonitor(cfg.monitor)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		s.stopServer()
		return nil, fmt.Errorf("mongodb: connect: %w", err)
	}
	s.client = client
	wc := writeconcern.Majority()
	wc.Journal = new(true)
	s.db = client.Database(cfg.Database, options.Database().SetWriteConcern(wc))
	if err := s.prepare(ctx, cfg); err != nil {
		s.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	// Never log the URI: it may hold a password.
	s.logger.Info("mongodb: store open", "database", cfg.Database, "embedded", s.Embedded(), "shared", s.shared, "ferretdb", s.ferret, "ttl_indexes", s.ttl)
	return s, nil
}

// prepare checks the connection and readies the database: indexes, the
// embedded server's expression indexes, and the reader of its SQLite file.
func (s *Store) prepare(ctx context.Context, cfg Config) error {
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return wrapErr("open", err)
	}
	if err := s.detectFerret(ctx); err != nil {
		return err
	}
	s.ferret = s.ferret && !cfg.MongoDBMode
	if err := s.ensureIndexes(ctx); err != nil {
		return err
	}
	if err := s.indexIDs(ctx); err != nil {
		return err
	}
	if err := s.dropKeyDocuments(ctx); err != nil {
		return err
	}
	if cfg.URI == "" && !cfg.MongoDBMode {
		var err error
		if s.sql, err = openReader(cfg.DataDir, cfg.Database); err != nil {
			return err
		}
	}
	return nil
}

// Embedded reports whether the store runs on the embedded server (its own
// or, when Shared, another process's).
func (s *Store) Embedded() bool { return s.server != nil || s.shared }

// Shared reports whether the store uses the embedded server another
// process runs on the same data directory (over its Unix socket).
func (s *Store) Shared() bool { return s.shared }

// Server returns the embedded server this store runs, or nil on MongoDB
// and when Shared.
func (s *Store) Server() *Server { return s.server }

// TTL reports whether the server expires documents itself (TTL indexes);
// when false only the DeleteExpired* methods remove expired records.
func (s *Store) TTL() bool { return s.ttl }

// Database returns the driver's handle of the store's database (with the
// majority+journal write concern), for tests and maintenance tools.
func (s *Store) Database() *mongo.Database { return s.db }

// Close disconnects the client and then stops the embedded server, if any.
// It returns the errors of both; closing twice is not an error.
func (s *Store) Close(ctx context.Context) error {
	var errs []error
	if s.sql != nil {
		if err := errors.Join(s.sql.db.Close(), s.sql.w.Close()); err != nil {
			errs = append(errs, fmt.Errorf("mongodb: close reader: %w", err))
		}
		s.sql = nil
	}
	if err := s.client.Disconnect(ctx); err != nil && !errors.Is(err, mongo.ErrClientDisconnected) {
		errs = append(errs, fmt.Errorf("mongodb: disconnect: %w", err))
	}
	if err := s.stopServer(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (s *Store) stopServer() error {
	if s.server == nil {
		return nil
	}
	return s.server.Stop()
}

// Ping implements bot.Store: it asks the primary to answer, and returns an
// error wrapping bot.ErrUnavailable when it does not.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return fmt.Errorf("mongodb: ping: %w: %w", bot.ErrUnavailable, err)
	}
	return nil
}

// coll returns a collection of the store's database.
// coll returns the collection name for reads; writes go through s.w.
func (s *Store) coll(name string) *mongo.Collection { return s.db.Collection(name) }

// upsert replaces the document matching filter with doc, inserting it when
// there is none. Two upserts racing to insert can make one fail with a
// duplicate key; that one then replaces the winner's document.
func (s *Store) upsert(ctx context.Context, coll string, filter bson.D, doc any) error {
	c := s.w(coll)
	_, err := c.ReplaceOne(ctx, filter, doc, options.Replace().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) {
		_, err = c.ReplaceOne(ctx, filter, doc)
	}
	return err
}

// ms rounds t the way BSON dates store it: milliseconds, UTC.
func ms(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.Truncate(time.Millisecond).UTC()
}

// Collections lists the collections the store uses (for tests and tools).
func Collections() []string { return collections() }
