package mongodb

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/askerkommune/temaplanbot/bot"
)

// collRuns holds the claims of once-a-day jobs (retention): the run id is
// the _id, so exactly one insert of an id succeeds. It is tiny (one
// document a day), so it needs no index but _id's.
const collRuns = "runs"

// runDoc is a claimed run.
type runDoc struct {
	ID    string    `bson:"_id"`
	Owner string    `bson:"owner"`
	At    time.Time `bson:"at"`
}

var _ bot.RetentionStore = (*Store)(nil)

// ClaimRun implements bot.RetentionStore with one insert under the unique
// _id. An empty id is bot.ErrInvalid.
func (s *Store) ClaimRun(ctx context.Context, id, owner string, at time.Time) (bool, error) {
	if id == "" {
		return false, invalid("claim run", "id is required")
	}
	return s.insertOnce(ctx, collRuns, "claim run", runDoc{ID: id, Owner: owner, At: ms(at)})
}

// ExpireSubmission implements bot.RetentionStore. Anonymising clears the
// author hash, workspace and channel (so the input leaves its author's
// list, which the author index answers); deleting removes the document.
// Already anonymised input is left as it is.
func (s *Store) ExpireSubmission(ctx context.Context, ref string, anonymise bool) error {
	const op = "expire submission"
	d, err := s.submissionDoc(ctx, ref)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return notFound(op, ref)
	case err != nil:
		return wrapErr(op, err)
	}
	filter := bson.D{{Key: "_id", Value: ref}}
	if !anonymise {
		if _, err := s.w(collSubmissions).DeleteOne(ctx, filter); err != nil {
			return wrapErr(op, err)
		}
		return nil
	}
	if d.AuthorHash == "" && d.Channel == "" && d.Workspace == "" {
		return nil
	}
	set := bson.D{{Key: "author_hash", Value: ""}, {Key: "workspace", Value: ""}, {Key: "channel", Value: ""}}
	if _, err := s.w(collSubmissions).UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: set}}); err != nil {
		return wrapErr(op, err)
	}
	return nil
}
