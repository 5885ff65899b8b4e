package mongodb

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Key documents: how resident-facing reads stay lookups by _id.
//
// The embedded server answers nothing but {_id: value} without reading
// every document, so what a resident's turn and a digest need is kept in
// small documents keyed by _id, beside the submissions themselves:
//
//   - authors/<author hash>: the author's submissions as entries "created
//     ref key" (key = platform and event id). Saving reads it for the
//     rate limit and the idempotency check, "my input" lists from it, and
//     deleting removes the entry.
//   - submission_hours/<YYYY-MM-DDTHH> (UTC hour of created): the hour's
//     submissions as entries "created ref". A digest reads the hours of
//     its window, so its cost follows what is new, not what is stored;
//     hours rather than days keep each document small, and a save rewrites
//     the whole document on the embedded server.
//
// Entries are written after the submission (insert first, then the
// Entries are strings (created as 13 digits of milliseconds, then the ref
// and the key, separated by spaces): the embedded server decodes and
// re-encodes a document for every update, and an array of strings costs a
// fraction of an array of subdocuments.
//
// They are written after the submission (insert first, then the
// entries with $addToSet, which is idempotent), so an entry never names a
// submission that was not stored; a stored submission whose entries were
// not written (the process stopped in between) gets them when the resident
// retries the same save, and at the next Open (see backfill). Readers skip
// entries whose submission is gone.
//
// The embedded server applies an update in two steps (read, then write), so
// two concurrent updates of one document could lose one; updates of a key
// document are therefore serialised in this process (the embedded server
// belongs to one process: StartServer refuses a data directory another
// process serves). MongoDB applies $addToSet and $pull atomically.

// Collections of key documents.
const (
	collAuthors = "authors"
	collHours   = "submission_hours"
	collMeta    = "meta"
)

// keyEntry is one submission in a key document.
type keyEntry struct {
	Ref     string
	Created time.Time
	Key     string // platform/event id (authors only)
}

// String is the entry as stored: "created ref[ key]".
func (e keyEntry) String() string {
	s := fmt.Sprintf("%013d %s", e.Created.UnixMilli(), e.Ref)
	if e.Key != "" {
		s += " " + e.Key
	}
	return s
}

// parseEntry reads a stored entry; ok is false for one it cannot read.
func parseEntry(s string) (e keyEntry, ok bool) {
	created, rest, ok := strings.Cut(s, " ")
	if !ok {
		return e, false
	}
	msec, err := strconv.ParseInt(created, 10, 64)
	if err != nil {
		return e, false
	}
	e.Created = time.UnixMilli(msec).UTC()
	e.Ref, e.Key, _ = strings.Cut(rest, " ")
	return e, e.Ref != ""
}

func entryStrings(es []keyEntry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.String()
	}
	return out
}

// keyDoc is an author's or an hour's list of submissions.
type keyDoc struct {
	ID      string   `bson:"_id"`
	Entries []string `bson:"entries"`
}

// hourKey is the _id of the hour document holding a submission created at t.
func hourKey(t time.Time) string { return t.UTC().Format("2006-01-02T15") }

// eventKey is the idempotency key of (platform, event id) in author entries.
func eventKey(platform, eventID string) string {
	esc := strings.NewReplacer("%", "%25", "/", "%2F")
	return esc.Replace(platform) + "/" + esc.Replace(eventID)
}

// keyLocks serialises updates of one key document in this process.
type keyLocks struct {
	seed  maphash.Seed
	locks [64]sync.Mutex
}

func newKeyLocks() *keyLocks { return &keyLocks{seed: maphash.MakeSeed()} }

func (k *keyLocks) lock(coll, id string) func() {
	m := &k.locks[maphash.String(k.seed, coll+"\x00"+id)%uint64(len(k.locks))]
	m.Lock()
	return m.Unlock
}

// addEntries adds entries to the key document id of coll, creating it when
// needed; entries already there are kept once.
func (s *Store) addEntries(ctx context.Context, coll, id string, entries ...keyEntry) error {
	if id == "" || len(entries) == 0 {
		return nil
	}
	defer s.keys.lock(coll, id)()
	return s.addEntriesLocked(ctx, coll, id, entries...)
}

// addEntriesLocked is addEntries for a caller holding the document's lock.
func (s *Store) addEntriesLocked(ctx context.Context, coll, id string, entries ...keyEntry) error {
	upd := bson.D{{Key: "$addToSet", Value: bson.D{{Key: "entries", Value: bson.D{{Key: "$each", Value: entryStrings(entries)}}}}}}
	c := s.w(coll)
	_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, upd, options.UpdateOne().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) { // two upserts created it at once (MongoDB)
		_, err = c.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, upd)
	}
	return err
}

// removeEntries removes entries from the key document id of coll.
func (s *Store) removeEntries(ctx context.Context, coll, id string, entries ...keyEntry) error {
	if id == "" {
		return nil
	}
	defer s.keys.lock(coll, id)()
	_, err := s.w(coll).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$pullAll", Value: bson.D{{Key: "entries", Value: entryStrings(entries)}}}})
	return err
}

// keyEntries returns the entries of key document id of coll (none when
// there is no such document).
func (s *Store) keyEntries(ctx context.Context, coll, id string) ([]keyEntry, error) {
	var d keyDoc
	err := s.coll(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]keyEntry, 0, len(d.Entries))
	for _, raw := range d.Entries {
		if e, ok := parseEntry(raw); ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// indexSubmission writes d's author entry, then its hour entry: an hour
// entry is written only after the author entry, so repairRecent need only
// look at hours.
func (s *Store) indexSubmission(ctx context.Context, d submissionDoc) error {
	err := s.addEntries(ctx, collAuthors, d.AuthorHash,
		keyEntry{Ref: d.Ref, Created: d.Created, Key: eventKey(d.Platform, d.EventID)})
	if err != nil {
		return err
	}
	return s.addHourEntry(ctx, keyEntry{Ref: d.Ref, Created: d.Created})
}

// unindexSubmission removes d's author and hour entries.
func (s *Store) unindexSubmission(ctx context.Context, d submissionDoc) error {
	e := keyEntry{Ref: d.Ref, Created: d.Created}
	errHour := s.removeHourEntry(ctx, e)
	e.Key = eventKey(d.Platform, d.EventID)
	return errors.Join(errHour, s.removeEntries(ctx, collAuthors, d.AuthorHash, e))
}

// submissionsByRef reads the submissions named by refs, in that order,
// skipping refs that no longer exist. On the embedded server each is a
// lookup by _id ($in would read every document there); on MongoDB one
// query.
func (s *Store) submissionsByRef(ctx context.Context, refs []string) ([]submissionDoc, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	out := make([]submissionDoc, 0, len(refs))
	if s.ferret {
		return s.lookupEach(ctx, refs)
	}
	cur, err := s.coll(collSubmissions).Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: refs}}}})
	if err != nil {
		return nil, err
	}
	byRef := make(map[string]submissionDoc, len(refs))
	for cur.Next(ctx) {
		var d submissionDoc
		if err := cur.Decode(&d); err != nil {
			cur.Close(ctx)
			return nil, err
		}
		byRef[d.Ref] = d
	}
	if err := cur.Close(ctx); err != nil {
		return nil, err
	}
	for _, ref := range refs {
		if d, ok := byRef[ref]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// lookupEach reads the submissions named by refs with one lookup by _id
// each, a few at once, and returns those that exist in the order of refs.
func (s *Store) lookupEach(ctx context.Context, refs []string) ([]submissionDoc, error) {
	const workers = 4
	docs := make([]submissionDoc, len(refs))
	found := make([]bool, len(refs))
	errs := make([]error, len(refs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(refs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				err := s.coll(collSubmissions).FindOne(ctx, bson.D{{Key: "_id", Value: refs[i]}}).Decode(&docs[i])
				found[i] = err == nil
				if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
					errs[i] = err
				}
			}
		}()
	}
	for i := range refs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]submissionDoc, 0, len(refs))
	for i, ok := range found {
		if ok {
			out = append(out, docs[i])
		}
	}
	return out, nil
}

// sortEntries orders entries by created, then ref (newest last).
func sortEntries(es []keyEntry) {
	slices.SortFunc(es, func(a, b keyEntry) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		switch {
		case a.Ref < b.Ref:
			return -1
		case a.Ref > b.Ref:
			return 1
		}
		return 0
	})
}
