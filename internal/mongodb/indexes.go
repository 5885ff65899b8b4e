package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// index is one index the store needs. Collections whose natural key is
// the _id (submission ref, dialog key, author hash, claim id, plan id)
// get its uniqueness for free.
type index struct {
	coll   string
	name   string
	keys   bson.D
	unique bool
	ttl    bool // expire documents at the time in the (single) key field
}

func indexes() []index {
	return []index{
		{collSubmissions, "platform_event_id", bson.D{{Key: "platform", Value: 1}, {Key: "event_id", Value: 1}}, true, false},
		{collSubmissions, "author_hash_created", bson.D{{Key: "author_hash", Value: 1}, {Key: "created", Value: 1}}, false, false},
		{collSubmissions, "plan_created", bson.D{{Key: "plan", Value: 1}, {Key: "created", Value: 1}}, false, false},
		{collSubmissions, "status_created", bson.D{{Key: "status", Value: 1}, {Key: "created", Value: 1}}, false, false},
		{collDialogs, "expires_at", bson.D{{Key: "expires_at", Value: 1}}, false, true},
		{collEvents, "platform_event_id", bson.D{{Key: "platform", Value: 1}, {Key: "event_id", Value: 1}}, true, false},
		{collEvents, "expires_at", bson.D{{Key: "expires_at", Value: 1}}, false, true},
		{collSubscriptions, "kind_target", bson.D{{Key: "kind", Value: 1}, {Key: "platform", Value: 1},
			{Key: "workspace", Value: 1}, {Key: "channel", Value: 1}}, true, false},
		{collAnnouncements, "state_updated", bson.D{{Key: "state", Value: 1}, {Key: "updated", Value: 1}}, false, false},
		{collDigestMarks, "target_seq", bson.D{{Key: "target", Value: 1}, {Key: "seq", Value: 1}}, true, false},
		{collAudit, "object_at", bson.D{{Key: "object", Value: 1}, {Key: "at", Value: 1}}, false, false},
	}
}

// ensureIndexes creates the indexes; existing ones are left alone, so it
// can run at every start. TTL indexes are created where the server has
// them (MongoDB); FerretDB answers NotImplemented, and then a plain index
// on the same field serves the expiry filters and DeleteExpired* methods.
func (s *Store) ensureIndexes(ctx context.Context) error {
	s.ttl = true
	for _, ix := range indexes() {
		opts := options.Index().SetName(ix.name)
		if ix.unique {
			opts.SetUnique(true)
		}
		if ix.ttl && s.ttl {
			_, err := s.createIndex(ctx, ix, options.Index().SetName(ix.name).SetExpireAfterSeconds(0))
			if err == nil {
				continue
			}
			if !hasCode(err, codeNotImplemented) {
				return wrapErr("create index "+ix.coll+"."+ix.name, err)
			}
			s.ttl = false
			s.logger.Debug("mongodb: server has no TTL indexes; expiring by periodic deletes", "collection", ix.coll)
		}
		if _, err := s.createIndex(ctx, ix, opts); err != nil {
			return wrapErr("create index "+ix.coll+"."+ix.name, err)
		}
	}
	return nil
}

func (s *Store) createIndex(ctx context.Context, ix index, opts *options.IndexOptionsBuilder) (string, error) {
	return s.coll(ix.coll).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: ix.keys, Options: opts})
}
