package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// collMarkers holds change counters, one document per marker id.
const collMarkers = "markers"

// markerDoc is a change counter.
type markerDoc struct {
	ID string `bson:"_id"`
	N  int64  `bson:"n"`
}

// BumpMarker adds one to the change counter id (creating it at 1) and
// returns its new value. Running copies poll it with Marker to learn that
// another copy changed something (see schedule.ChangeMarker). Errors wrap
// bot.ErrInvalid for an empty id and bot.ErrUnavailable when the database
// is unreachable.
func (s *Store) BumpMarker(ctx context.Context, id string) (int64, error) {
	const op = "bump marker"
	if id == "" {
		return 0, invalid(op, "id is required")
	}
	var doc markerDoc
	err := s.w(collMarkers).FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: int64(1)}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&doc)
	if err != nil {
		return 0, wrapErr(op, err)
	}
	return doc.N, nil
}

// Marker returns the change counter id: an _id lookup, cheap enough to poll
// every few seconds on every store. A counter never bumped reads 0. Errors
// wrap bot.ErrUnavailable when the database is unreachable.
func (s *Store) Marker(ctx context.Context, id string) (int64, error) {
	var doc markerDoc
	err := s.coll(collMarkers).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc)
	switch {
	case errNoDoc(err):
		return 0, nil
	case err != nil:
		return 0, wrapErr("marker", err)
	}
	return doc.N, nil
}
