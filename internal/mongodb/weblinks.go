package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/askerkommune/temaplanbot/bot"
)

// collWebLinks holds the web chat's private receipt links. The token hash is
// the _id, so every lookup is an _id lookup (the embedded server indexes
// nothing else) and a second link with the same hash is a duplicate key.
const collWebLinks = "web_links"

// webLinkDoc is a private receipt link as stored.
type webLinkDoc struct {
	Hash    string    `bson:"_id"`
	Ref     string    `bson:"ref"`
	Created time.Time `bson:"created"`
}

// SaveWebLink implements bot.WebLinkStore: an insert, so a hash already
// taken is bot.ErrConflict.
func (s *Store) SaveWebLink(ctx context.Context, l bot.WebLink) error {
	if l.Hash == "" || l.Ref == "" {
		return invalid("save web link", "hash and ref are required")
	}
	if l.Created.IsZero() {
		l.Created = s.now()
	}
	_, err := s.w(collWebLinks).InsertOne(ctx, webLinkDoc{Hash: l.Hash, Ref: l.Ref, Created: ms(l.Created)})
	switch {
	case mongo.IsDuplicateKeyError(err):
		return fmt.Errorf("mongodb: save web link: hash is taken: %w", bot.ErrConflict)
	case err != nil:
		return wrapErr("save web link", err)
	}
	return nil
}

// WebLink implements bot.WebLinkStore (bot.ErrNotFound for an unknown hash).
func (s *Store) WebLink(ctx context.Context, hash string) (bot.WebLink, error) {
	var d webLinkDoc
	err := s.coll(collWebLinks).FindOne(ctx, bson.D{{Key: "_id", Value: hash}}).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return bot.WebLink{}, notFound("web link", "(hash)")
	case err != nil:
		return bot.WebLink{}, wrapErr("web link", err)
	}
	return bot.WebLink{Hash: d.Hash, Ref: d.Ref, Created: d.Created.UTC()}, nil
}

// DeleteWebLink implements bot.WebLinkStore; a missing link is not an error.
func (s *Store) DeleteWebLink(ctx context.Context, hash string) error {
	if _, err := s.w(collWebLinks).DeleteOne(ctx, bson.D{{Key: "_id", Value: hash}}); err != nil {
		return wrapErr("delete web link", err)
	}
	return nil
}
