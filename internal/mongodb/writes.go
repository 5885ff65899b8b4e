package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// writeGate lets one write at a time reach the embedded server, in the
// order they come. SQLite has one writer: a second write that meets a
// write in progress is put to sleep by SQLite's busy handler for 1, 2, 5,
// 10, 15, 20, 25 ms and so on, and wakes up long after the lock is free
// (a group insert of the inbox, which an acknowledgement waits for, took
// up to 90 ms that way in a burst instead of 5). Waiting here, a write
// starts the moment the one before it ends. Reads do not wait: SQLite's
// WAL lets them run beside the writer. nil (on MongoDB) lets every write
// through.
type writeGate chan struct{}

func newWriteGate() writeGate { return make(writeGate, 1) }

// enter waits for the write's turn (or ctx) and returns the function
// that ends it.
func (g writeGate) enter(ctx context.Context) (leave func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g <- struct{}{}:
		return func() { <-g }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for a write's turn: %w: %w", ctx.Err(), bot.ErrUnavailable)
	}
}

// writer is a collection's writes, through the store's write gate. Every
// write of the store goes through w; s.coll is for reads.
type writer struct {
	c    *mongo.Collection
	gate writeGate
}

// w returns the writes of the collection name.
func (s *Store) w(name string) writer { return writer{c: s.coll(name), gate: s.gate} }

// gated runs one write in its turn.
func gated[T any](ctx context.Context, g writeGate, write func() (T, error)) (T, error) {
	leave, err := g.enter(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	defer leave()
	return write()
}

func (w writer) InsertOne(ctx context.Context, doc any, opts ...options.Lister[options.InsertOneOptions]) (*mongo.InsertOneResult, error) {
	return gated(ctx, w.gate, func() (*mongo.InsertOneResult, error) { return w.c.InsertOne(ctx, doc, opts...) })
}

func (w writer) InsertMany(ctx context.Context, docs []any, opts ...options.Lister[options.InsertManyOptions]) (*mongo.InsertManyResult, error) {
	return gated(ctx, w.gate, func() (*mongo.InsertManyResult, error) { return w.c.InsertMany(ctx, docs, opts...) })
}

func (w writer) UpdateOne(ctx context.Context, filter, update any, opts ...options.Lister[options.UpdateOneOptions]) (*mongo.UpdateResult, error) {
	return gated(ctx, w.gate, func() (*mongo.UpdateResult, error) { return w.c.UpdateOne(ctx, filter, update, opts...) })
}

func (w writer) UpdateMany(ctx context.Context, filter, update any, opts ...options.Lister[options.UpdateManyOptions]) (*mongo.UpdateResult, error) {
	return gated(ctx, w.gate, func() (*mongo.UpdateResult, error) { return w.c.UpdateMany(ctx, filter, update, opts...) })
}

func (w writer) ReplaceOne(ctx context.Context, filter, doc any, opts ...options.Lister[options.ReplaceOptions]) (*mongo.UpdateResult, error) {
	return gated(ctx, w.gate, func() (*mongo.UpdateResult, error) { return w.c.ReplaceOne(ctx, filter, doc, opts...) })
}

func (w writer) DeleteOne(ctx context.Context, filter any, opts ...options.Lister[options.DeleteOneOptions]) (*mongo.DeleteResult, error) {
	return gated(ctx, w.gate, func() (*mongo.DeleteResult, error) { return w.c.DeleteOne(ctx, filter, opts...) })
}

func (w writer) DeleteMany(ctx context.Context, filter any, opts ...options.Lister[options.DeleteManyOptions]) (*mongo.DeleteResult, error) {
	return gated(ctx, w.gate, func() (*mongo.DeleteResult, error) { return w.c.DeleteMany(ctx, filter, opts...) })
}

// FindOneAndUpdate runs the command before it returns; the result holds
// the document or the error.
func (w writer) FindOneAndUpdate(ctx context.Context, filter, update any, opts ...options.Lister[options.FindOneAndUpdateOptions]) *mongo.SingleResult {
	r, err := gated(ctx, w.gate, func() (*mongo.SingleResult, error) { return w.c.FindOneAndUpdate(ctx, filter, update, opts...), nil })
	if err != nil {
		return mongo.NewSingleResultFromDocument(bson.D{}, err, nil) // Decode returns err
	}
	return r
}
