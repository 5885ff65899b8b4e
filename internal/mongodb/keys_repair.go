package mongodb

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// Writing key documents for stored submissions in bulk: the once-only
// backfill of older versions, the repair at Open, and imports.

// keysVersion marks, in meta/keys, that every stored submission has its
// entries (written by backfill once; version 2 moved from day to hour
// documents, version 3 to entries as strings).
const keysVersion = 3

// backfill writes the entries of submissions stored before key documents
// existed (or whose entries a stop cut off), once per database: it reads
// the submissions through a cursor, a batch of entries at a time, and
// then records keysVersion.
func (s *Store) backfill(ctx context.Context) error {
	const op = "backfill key documents"
	var m struct {
		Version int `bson:"version"`
	}
	err := s.coll(collMeta).FindOne(ctx, bson.D{{Key: "_id", Value: "keys"}}).Decode(&m)
	if err == nil && m.Version >= keysVersion {
		return nil
	}
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return wrapErr(op, err)
	}
	// Older versions' documents: emptied, not dropped, to keep the _id index.
	if err := s.coll("submission_days").Drop(ctx); err != nil {
		return wrapErr(op, err)
	}
	for _, c := range []string{collHours, collAuthors} {
		if _, err := s.w(c).DeleteMany(ctx, bson.D{}); err != nil {
			return wrapErr(op, err)
		}
	}
	cur, err := s.coll(collSubmissions).Find(ctx, bson.D{}, options.Find().SetProjection(
		bson.D{{Key: "created", Value: 1}, {Key: "author_hash", Value: 1}, {Key: "platform", Value: 1}, {Key: "event_id", Value: 1}}))
	if err != nil {
		return wrapErr(op, err)
	}
	defer cur.Close(ctx)
	n := 0
	batch := make([]submissionDoc, 0, 1000)
	for cur.Next(ctx) {
		var d submissionDoc
		if err := cur.Decode(&d); err != nil {
			return wrapErr(op, err)
		}
		batch = append(batch, d)
		if len(batch) == cap(batch) {
			if err := s.indexBatch(ctx, batch); err != nil {
				return wrapErr(op, err)
			}
			n, batch = n+len(batch), batch[:0]
		}
	}
	if err := cur.Err(); err != nil {
		return wrapErr(op, err)
	}
	if err := s.indexBatch(ctx, batch); err != nil {
		return wrapErr(op, err)
	}
	n += len(batch)
	if err := s.upsert(ctx, collMeta, bson.D{{Key: "_id", Value: "keys"}}, bson.D{{Key: "_id", Value: "keys"}, {Key: "version", Value: keysVersion}}); err != nil {
		return wrapErr(op, err)
	}
	if n > 0 {
		s.logger.Info("mongodb: wrote key documents for stored submissions", "submissions", n)
	}
	return nil
}

// repairWindow is how far back Open checks that submissions have their
// key entries: a process stopped between a submission's insert and its
// entries (the only way to lose them) stopped shortly before this start.
const repairWindow = 48 * time.Hour

// repairRecent writes the missing key entries of submissions created in
// the last repairWindow (read through the created index on the embedded
// server). It reads the window's hour documents, one lookup per hour
// page: a save writes its hour entry after its author entry, so a
// submission listed in its hour has both.
func (s *Store) repairRecent(ctx context.Context) error {
	const op = "repair key documents"
	var recent []submissionDoc
	err := s.EachSubmission(ctx, bot.SubmissionQuery{After: s.now().Add(-repairWindow)}, func(sub bot.Submission) error {
		recent = append(recent, toSubmissionDoc(sub))
		return nil
	})
	if err != nil {
		return wrapErr(op, err)
	}
	listed := map[string]map[string]bool{} // hour -> refs listed
	var missing []submissionDoc
	for _, d := range recent {
		h := hourKey(d.Created)
		if listed[h] == nil {
			es, err := s.hourEntries(ctx, h)
			if err != nil {
				return wrapErr(op, err)
			}
			listed[h] = map[string]bool{}
			for _, e := range es {
				listed[h][e.Ref] = true
			}
		}
		if !listed[h][d.Ref] {
			missing = append(missing, d)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	s.logger.Warn("mongodb: wrote key entries of recent submissions that had none (a stop during a save)", "submissions", len(missing))
	if err := s.indexBatch(ctx, missing); err != nil {
		return wrapErr(op, err)
	}
	return nil
}

// indexBatch writes the author and day entries of docs, one update per
// author and per day.
func (s *Store) indexBatch(ctx context.Context, docs []submissionDoc) error {
	hours := map[string][]keyEntry{}
	authors := map[string][]keyEntry{}
	for _, d := range docs {
		hours[hourKey(d.Created)] = append(hours[hourKey(d.Created)], keyEntry{Ref: d.Ref, Created: d.Created})
		if d.AuthorHash != "" {
			authors[d.AuthorHash] = append(authors[d.AuthorHash], keyEntry{Ref: d.Ref, Created: d.Created, Key: eventKey(d.Platform, d.EventID)})
		}
	}
	return errors.Join(s.addEntriesBulk(ctx, collHours, hours), s.addEntriesBulk(ctx, collAuthors, authors))
}

// addEntriesBulk adds entries to many key documents of coll: the documents
// that do not exist yet are created with one insert (one commit instead of
// one per document, which makes imports fast), the others are updated.
func (s *Store) addEntriesBulk(ctx context.Context, coll string, byID map[string][]keyEntry) error {
	var fresh []any
	var freshIDs []string
	for id, es := range byID {
		unlock := s.keys.lock(coll, id)
		err := s.coll(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}, options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
		unlock()
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			fresh, freshIDs = append(fresh, keyDoc{ID: id, Entries: entryStrings(es)}), append(freshIDs, id)
		case err != nil:
			return err
		default:
			if err := s.addEntries(ctx, coll, id, es...); err != nil {
				return err
			}
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	_, err := s.w(coll).InsertMany(ctx, fresh, options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	if err == nil || !errors.As(err, &bwe) || bwe.WriteConcernError != nil || !allDuplicates(bwe) {
		return err
	}
	for _, we := range bwe.WriteErrors { // created meanwhile by a concurrent save
		if err := s.addEntries(ctx, coll, freshIDs[we.Index], byID[freshIDs[we.Index]]...); err != nil {
			return err
		}
	}
	return nil
}
