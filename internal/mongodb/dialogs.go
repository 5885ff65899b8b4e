package mongodb

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/askerkommune/temaplanbot/bot"
)

// dialogDoc is a dialog as stored; the key is the _id.
type dialogDoc struct {
	Key       string    `bson:"_id"`
	Step      string    `bson:"step"`
	Plan      string    `bson:"plan"`
	Text      string    `bson:"text"`
	Lang      string    `bson:"lang"`
	Flags     []string  `bson:"flags"`
	SubmitKey string    `bson:"submit_key,omitempty"`
	Menu      []string  `bson:"menu,omitempty"`
	MenuKind  string    `bson:"menu_kind,omitempty"`
	Receipt   string    `bson:"receipt,omitempty"`
	RcptEvent string    `bson:"receipt_event,omitempty"`
	Updated   time.Time `bson:"updated"`
	Expires   time.Time `bson:"expires_at"`
}

// Dialog implements bot.DialogStore: bot.ErrNotFound when there is none or
// it expired (expires_at not after now), whether or not it was deleted yet.
func (s *Store) Dialog(ctx context.Context, key string, now time.Time) (bot.Dialog, error) {
	var d dialogDoc
	// Filter on _id alone (the embedded server looks that up directly) and
	// check the expiry here.
	err := s.coll(collDialogs).FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) || err == nil && !d.Expires.After(now) {
		return bot.Dialog{}, notFound("dialog", key)
	}
	if err != nil {
		return bot.Dialog{}, wrapErr("dialog", err)
	}
	return bot.Dialog{Key: d.Key, Step: d.Step, Plan: d.Plan, Text: d.Text, Lang: bot.Lang(d.Lang),
		Flags: d.Flags, SubmitKey: d.SubmitKey, Menu: d.Menu, MenuKind: d.MenuKind,
		Receipt: d.Receipt, ReceiptEvent: d.RcptEvent, Updated: d.Updated,
		Expires: d.Expires}, nil
}

// SaveDialog implements bot.DialogStore. Key and Expires are required
// (bot.ErrInvalid), so every dialog expires.
func (s *Store) SaveDialog(ctx context.Context, d bot.Dialog) error {
	if d.Key == "" || d.Expires.IsZero() {
		return invalid("save dialog", "key and expiry are required")
	}
	doc := dialogDoc{Key: d.Key, Step: d.Step, Plan: d.Plan, Text: d.Text, Lang: string(d.Lang),
		Flags: d.Flags, SubmitKey: d.SubmitKey, Menu: d.Menu, MenuKind: d.MenuKind, Updated: ms(d.Updated),
		Receipt: d.Receipt, RcptEvent: d.ReceiptEvent,
		Expires: ms(d.Expires)}
	if err := s.upsert(ctx, collDialogs, bson.D{{Key: "_id", Value: d.Key}}, doc); err != nil {
		return wrapErr("save dialog", err)
	}
	return nil
}

// DeleteDialog implements bot.DialogStore; a missing dialog is not an error.
func (s *Store) DeleteDialog(ctx context.Context, key string) error {
	if _, err := s.w(collDialogs).DeleteOne(ctx, bson.D{{Key: "_id", Value: key}}); err != nil {
		return wrapErr("delete dialog", err)
	}
	return nil
}

// DeleteExpiredDialogs implements bot.DialogStore (expires_at before now).
func (s *Store) DeleteExpiredDialogs(ctx context.Context, now time.Time) (int, error) {
	return s.deleteExpired(ctx, collDialogs, now)
}

func (s *Store) deleteExpired(ctx context.Context, coll string, now time.Time) (int, error) {
	res, err := s.w(coll).DeleteMany(ctx, bson.D{{Key: "expires_at", Value: bson.D{{Key: "$lt", Value: ms(now)}}}})
	if err != nil {
		return 0, wrapErr("delete expired "+coll, err)
	}
	return int(res.DeletedCount), nil
}

// prefsDoc is a resident's preferences; the author hash is the _id.
type prefsDoc struct {
	AuthorHash string    `bson:"_id"`
	Lang       string    `bson:"lang"`
	NoticeSeen time.Time `bson:"notice_seen"`
}

// Prefs implements bot.PrefsStore: bot.ErrNotFound when none were saved.
func (s *Store) Prefs(ctx context.Context, authorHash string) (bot.Prefs, error) {
	var d prefsDoc
	err := s.coll(collPrefs).FindOne(ctx, bson.D{{Key: "_id", Value: authorHash}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return bot.Prefs{}, notFound("prefs", "of resident")
	}
	if err != nil {
		return bot.Prefs{}, wrapErr("prefs", err)
	}
	return bot.Prefs{AuthorHash: d.AuthorHash, Lang: bot.Lang(d.Lang), NoticeSeen: d.NoticeSeen}, nil
}

// SavePrefs implements bot.PrefsStore; AuthorHash is required (bot.ErrInvalid).
func (s *Store) SavePrefs(ctx context.Context, p bot.Prefs) error {
	if p.AuthorHash == "" {
		return invalid("save prefs", "author hash is required")
	}
	doc := prefsDoc{AuthorHash: p.AuthorHash, Lang: string(p.Lang), NoticeSeen: ms(p.NoticeSeen)}
	if err := s.upsert(ctx, collPrefs, bson.D{{Key: "_id", Value: p.AuthorHash}}, doc); err != nil {
		return wrapErr("save prefs", err)
	}
	return nil
}

// eventDoc records a processed platform event.
type eventDoc struct {
	Platform string    `bson:"platform"`
	EventID  string    `bson:"event_id"`
	Expires  time.Time `bson:"expires_at"`
}

// MarkEvent implements bot.EventStore with one insert: the unique index on
// (platform, event_id) makes exactly one caller first, across processes.
// A record stays until it is deleted (DeleteExpiredEvents or a TTL index).
// Platform, id and expires are required (bot.ErrInvalid).
func (s *Store) MarkEvent(ctx context.Context, platform, id string, expires time.Time) (bool, error) {
	if platform == "" || id == "" || expires.IsZero() {
		return false, invalid("mark event", "platform, id and expiry are required")
	}
	return s.insertOnce(ctx, collEvents, "mark event", eventDoc{Platform: platform, EventID: id, Expires: ms(expires)})
}

// insertOnce inserts doc into coll as a claim that only one caller wins:
// true when this insert made it, false when a document with the same unique
// key was there already (another copy, or an earlier try of this one).
func (s *Store) insertOnce(ctx context.Context, coll, op string, doc any) (bool, error) {
	_, err := s.w(coll).InsertOne(ctx, doc)
	switch {
	case err == nil:
		return true, nil
	case mongo.IsDuplicateKeyError(err):
		return false, nil
	}
	return false, wrapErr(op, err)
}

// DeleteExpiredEvents implements bot.EventStore (expires_at before now).
func (s *Store) DeleteExpiredEvents(ctx context.Context, now time.Time) (int, error) {
	return s.deleteExpired(ctx, collEvents, now)
}
