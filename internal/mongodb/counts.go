package mongodb

import (
	"context"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/askerkommune/temaplanbot/bot"
)

// CountSubmissions implements bot.SubmissionStore: one aggregate query
// over q's created range, grouped by plan, status and flagged, so a digest
// over any period reads counts, not documents. On MongoDB it is a $group
// after a $match on the created index (flagged ones counted by a second
// $match, since a $group key from an expression on the array is not
// understood by every MongoDB-compatible server); on the embedded server
// SQLite's GROUP BY over the created index (see sqlread.go).
func (s *Store) CountSubmissions(ctx context.Context, q bot.SubmissionQuery) ([]bot.SubmissionCount, error) {
	const op = "count submissions"
	var out []bot.SubmissionCount
	if s.sql != nil {
		var err error
		if out, err = s.sql.counts(ctx, q); err != nil {
			return nil, wrapErr(op, err)
		}
	} else {
		all, err := s.groupCounts(ctx, q, false)
		if err != nil {
			return nil, wrapErr(op, err)
		}
		flagged, err := s.groupCounts(ctx, q, true)
		if err != nil {
			return nil, wrapErr(op, err)
		}
		out = splitFlagged(all, flagged, q.Flagged)
	}
	slices.SortFunc(out, bot.CompareCounts)
	return out, nil
}

// groupCounts counts the submissions matching q (only flagged ones when
// flagged) per plan and status.
func (s *Store) groupCounts(ctx context.Context, q bot.SubmissionQuery, flagged bool) ([]bot.SubmissionCount, error) {
	q.Flagged = flagged
	pipe := bson.A{
		bson.D{{Key: "$match", Value: submissionFilter(q)}},
		bson.D{{Key: "$group", Value: bson.D{
			{Key: "_id", Value: bson.D{{Key: "plan", Value: "$plan"}, {Key: "status", Value: "$status"}}},
			{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}},
		}}},
	}
	cur, err := s.coll(collSubmissions).Aggregate(ctx, pipe)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID struct {
			Plan   string `bson:"plan"`
			Status string `bson:"status"`
		} `bson:"_id"`
		N int `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]bot.SubmissionCount, len(rows))
	for i, r := range rows {
		out[i] = bot.SubmissionCount{Plan: r.ID.Plan, Status: bot.SubmissionStatus(r.ID.Status), Flagged: flagged, N: r.N}
	}
	return out, nil
}

// splitFlagged turns counts of all and of flagged submissions per plan and
// status into counts of unflagged and flagged ones (only the flagged when
// onlyFlagged).
func splitFlagged(all, flagged []bot.SubmissionCount, onlyFlagged bool) []bot.SubmissionCount {
	out := slices.Clone(flagged)
	if onlyFlagged {
		return out
	}
	for _, c := range all {
		for _, f := range flagged {
			if f.Plan == c.Plan && f.Status == c.Status {
				c.N -= f.N
			}
		}
		if c.N > 0 {
			out = append(out, c)
		}
	}
	return out
}
