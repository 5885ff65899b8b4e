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
	unique bool // enforces idempotency or a compare-and-set: always created
	ttl    bool // expire documents at the time in the (single) key field
}

func key(fields ...string) bson.D {
	d := make(bson.D, len(fields))
	for i, f := range fields {
		d[i] = bson.E{Key: f, Value: 1}
	}
	return d
}

func indexes() []index {
	return []index{
		{collSubmissions, "platform_event_id", key("platform", "event_id"), true, false},
		{collSubmissions, "author_hash_created", key("author_hash", "created"), false, false},
		{collSubmissions, "plan_created", key("plan", "created"), false, false},
		{collSubmissions, "status_created", key("status", "created"), false, false},
		{collDialogs, "expires_at", key("expires_at"), false, true},
		{collEvents, "platform_event_id", key("platform", "event_id"), true, false},
		{collEvents, "expires_at", key("expires_at"), false, true},
		{collSubscriptions, "kind_target", key("kind", "platform", "workspace", "channel"), true, false},
		{collAnnouncements, "state_updated", key("state", "updated"), false, false},
		{collDigestMarks, "target_seq", key("target", "seq"), true, false},
		{collAudit, "object_at", key("object", "at"), false, false},
		{collInbox, "owner_done", key("owner", "done"), false, false},
		{collInbox, "expires_at", key("expires_at"), false, true},
		{collInboxTakes, "expires_at", key("expires_at"), false, true},
	}
}

// ensureIndexes creates the indexes; existing ones are left alone, so it
// runs at every start.
//
// On MongoDB every index is created, TTL indexes included. On FerretDB
// only the unique ones are: FerretDB v1 (SQLite) answers queries by
// scanning unless the filter is exactly {_id: value}, so non-unique
// indexes would be pure write cost there, and it has no TTL indexes
// (expired records are filtered out on read and removed by the
// DeleteExpired* methods instead). A server that answers a TTL index with
// NotImplemented gets a plain index on the field.
func (s *Store) ensureIndexes(ctx context.Context) error {
	s.ttl = !s.ferret
	for _, ix := range indexes() {
		if s.ferret && !ix.unique {
			continue
		}
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

// detectFerret reports whether the server is FerretDB (its buildInfo
// carries ferretdbVersion).
func (s *Store) detectFerret(ctx context.Context) error {
	var info bson.Raw
	if err := s.db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return wrapErr("build info", err)
	}
	_, err := info.LookupErr("ferretdbVersion")
	s.ferret = err == nil
	return nil
}
