package mongodb

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// InsertSubmissions stores a batch of submissions, for imports, and
// nothing else is written: on MongoDB with one unordered insert
// (majority, journal); on the embedded server in SQLite transactions of
// up to 1,000 rows, each synced to disk before the next (see
// sqlwrite.go). It reports, per submission, whether it was
// inserted; one that was not collided with a stored ref or (platform,
// event id), and the caller decides (Submission tells which). Every
// submission needs Ref, Platform and EventID and a valid or empty Status
// (bot.ErrInvalid, and nothing is written). Other errors wrap
// bot.ErrUnavailable when the database did not confirm the batch; a
// retry of the batch is safe.
func (s *Store) InsertSubmissions(ctx context.Context, subs []bot.Submission) ([]bool, error) {
	const op = "insert submissions"
	sdocs := make([]submissionDoc, len(subs))
	for i, sub := range subs {
		if sub.Ref == "" || sub.EventID == "" || sub.Platform == "" {
			return nil, invalid(op, fmt.Sprintf("submission %d: ref, platform and event id are required", i))
		}
		if sub.Status == "" {
			sub.Status = bot.SubmissionNew
		}
		if !validStatus(sub.Status) {
			return nil, invalid(op, fmt.Sprintf("submission %d: unknown status %s", i, sub.Status))
		}
		if sub.Created.IsZero() {
			sub.Created = s.now()
		}
		sdocs[i] = toSubmissionDoc(sub)
	}
	if len(subs) == 0 {
		return []bool{}, nil
	}
	if s.sql != nil {
		inserted, err := gated(ctx, s.gate, func() ([]bool, error) { return s.sql.insert(ctx, sdocs) })
		switch {
		case err == nil:
			return inserted, nil
		case !errors.Is(err, errNotUTF8):
			return nil, fmt.Errorf("mongodb: %s: %w: %w", op, bot.ErrUnavailable, err)
		}
	}
	docs := make([]any, len(sdocs))
	for i, d := range sdocs {
		docs[i] = d
	}
	inserted := make([]bool, len(subs))
	for i := range inserted {
		inserted[i] = true
	}
	_, err := s.w(collSubmissions).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	switch {
	case err == nil:
	case errors.As(err, &bwe) && bwe.WriteConcernError == nil && allDuplicates(bwe):
		for _, we := range bwe.WriteErrors {
			inserted[we.Index] = false
		}
	default:
		return nil, wrapErr(op, err)
	}
	return inserted, nil
}

func allDuplicates(bwe mongo.BulkWriteException) bool {
	if len(bwe.WriteErrors) == 0 {
		return false
	}
	for _, we := range bwe.WriteErrors {
		if we.Code != 11000 && we.Code != 11001 {
			return false
		}
	}
	return true
}

// EachSubmission calls fn for every submission matching q (Limit aside),
// ordered by created, then ref (newest first when q.Newest), as it reads
// them, so memory stays bounded whatever the number stored: through a
// cursor on MongoDB, and straight from the SQLite file on the embedded
// server (see sqlread.go). It stops at fn's first error and returns it;
// store errors wrap bot.ErrUnavailable when the database cannot be reached.
func (s *Store) EachSubmission(ctx context.Context, q bot.SubmissionQuery, fn func(bot.Submission) error) error {
	var fnErr error
	err := s.eachSubmission(ctx, q, func(sub bot.Submission) (bool, error) {
		fnErr = fn(sub)
		return fnErr == nil, nil
	})
	return cmp.Or(fnErr, err)
}

// eachSubmission is EachSubmission with a callback that returns false to
// stop; its errors are the store's, wrapped.
func (s *Store) eachSubmission(ctx context.Context, q bot.SubmissionQuery, fn func(bot.Submission) (bool, error)) error {
	const op = "each submission"
	if s.sql != nil {
		if err := s.sql.scan(ctx, q, fn); err != nil {
			return wrapErr(op, err)
		}
		return nil
	}
	dir := 1
	if q.Newest {
		dir = -1
	}
	opts := options.Find().SetBatchSize(1000).
		SetSort(bson.D{{Key: "created", Value: dir}, {Key: "_id", Value: dir}}).SetAllowDiskUse(true)
	cur, err := s.coll(collSubmissions).Find(ctx, submissionFilter(q), opts)
	if err != nil {
		return wrapErr(op, err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d submissionDoc
		if err := cur.Decode(&d); err != nil {
			return wrapErr(op, err)
		}
		if more, err := fn(d.submission()); err != nil || !more {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return wrapErr(op, err)
	}
	return nil
}
