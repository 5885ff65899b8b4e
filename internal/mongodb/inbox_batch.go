package mongodb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// maxAddBatch bounds how many events one insert carries.
const maxAddBatch = 256

// addBatcher groups the inbox inserts that arrive while one is being
// written into the next single InsertMany (unordered): one acknowledged
// write per group instead of one per event. There is no added wait: a
// lone event is written at once, and in a burst each event waits at most
// for the write in progress and its own group's. On the embedded server a
// group of 50 costs about three single inserts, and concurrent single
// inserts contend for SQLite's lock.
type addBatcher struct {
	coll       writer
	maxWriters int // groups written at once (see newAddBatcher)
	mu         sync.Mutex
	q          []*addReq
	writers    int // goroutines writing groups
}

// newAddBatcher returns the batcher of the inbox's inserts. On MongoDB
// two groups are written at once: while one waits for the database, the
// next is sent. The embedded server writes one at a time (writeGate), and
// there one writer, which takes all that arrived while it wrote, makes
// fewer and larger groups (ack p50 1-3 ms lower in TestLoadInteractions).
func newAddBatcher(w writer) *addBatcher {
	n := 2
	if w.gate != nil {
		n = 1
	}
	return &addBatcher{coll: w, maxWriters: n}
}

type addReq struct {
	doc  bson.Raw // encoded by the caller, so a group's write waits for no encoding
	done chan error
}

// add queues doc and waits for the write of its group (or ctx).
func (b *addBatcher) add(ctx context.Context, doc inboxDoc) error {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode inbox event: %w", err)
	}
	r := &addReq{doc: raw, done: make(chan error, 1)}
	b.mu.Lock()
	b.q = append(b.q, r)
	start := b.writers < b.maxWriters
	if start {
		b.writers++
	}
	b.mu.Unlock()
	if start {
		go b.run()
	}
	select {
	case err := <-r.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("waiting for the write: %w: %w", ctx.Err(), bot.ErrUnavailable)
	}
}

// run writes groups until the queue is empty.
func (b *addBatcher) run() {
	for {
		b.mu.Lock()
		n := min(len(b.q), maxAddBatch)
		if n == 0 {
			b.writers--
			b.mu.Unlock()
			return
		}
		group := b.q[:n:n]
		b.q = b.q[n:]
		b.mu.Unlock()
		b.write(group)
	}
}

// write inserts one group and tells each caller its outcome: nil, a
// duplicate key (mongo.IsDuplicateKeyError), or the group's error.
func (b *addBatcher) write(group []*addReq) {
	docs := make([]any, len(group))
	for i, r := range group {
		docs[i] = r.doc
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := b.coll.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	perDoc := make([]error, len(group))
	var bwe mongo.BulkWriteException
	if errors.As(err, &bwe) && bwe.WriteConcernError == nil {
		for _, we := range bwe.WriteErrors {
			if we.Index >= 0 && we.Index < len(perDoc) {
				perDoc[we.Index] = mongo.WriteException{WriteErrors: []mongo.WriteError{{Index: 0, Code: we.Code, Message: we.Message}}}
			}
		}
		err = nil
	}
	for i, r := range group {
		e := perDoc[i]
		if err != nil {
			e = err
		}
		r.done <- e
	}
}
