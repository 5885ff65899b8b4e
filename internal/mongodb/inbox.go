package mongodb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// Inbox collections: accepted events (the platform event key is the _id,
// so adding and finishing are _id writes), take-over records (inserted
// under a unique _id, the compare-and-set that works without
// transactions) and the running copies' heartbeats (one small document
// each). On the embedded server only EventsOf and DeleteExpiredInbox scan;
// EventsOf runs only when a running copy died.
const (
	collInbox       = "inbox"
	collInboxTakes  = "inbox_takes"
	collInboxOwners = "inbox_owners"
)

// takeKeep is how long a take-over record is kept.
const takeKeep = 24 * time.Hour

var _ bot.InboxStore = (*Store)(nil)

// inboxDoc is one accepted event; a finished one keeps only _id, done,
// received and expires_at. What only this package reads (the message, its
// route, the answer) is one JSON value each: the embedded server converts
// every field of a document, and a nested message with its route costs it
// far more than one binary field, on the acknowledgement's path.
type inboxDoc struct {
	ID       string    `bson:"_id"`
	Owner    string    `bson:"owner,omitempty"`
	Received time.Time `bson:"received"`
	Body     []byte    `bson:"body,omitempty"`    // JSON of inboxBody
	Replies  []byte    `bson:"replies,omitempty"` // JSON of []bot.Reply
	Answered bool      `bson:"answered,omitempty"`
	Acked    bool      `bson:"acked,omitempty"`
	Showing  bool      `bson:"showing,omitempty"`
	Done     bool      `bson:"done"`
	Expires  time.Time `bson:"expires_at,omitempty"`
}

// inboxBody is the part of an event stored as one JSON value.
type inboxBody struct {
	Kind     string            `json:"kind,omitempty"`
	Resident string            `json:"resident"`
	Message  bot.Message       `json:"message"`
	Route    map[string]string `json:"route,omitempty"`
	Notice   bool              `json:"notice,omitempty"`
}

func newInboxDoc(e bot.InboxEvent) (inboxDoc, error) {
	body, err := json.Marshal(inboxBody{Kind: e.Kind, Resident: e.Resident, Message: e.Message, Route: e.Route, Notice: e.Notice})
	if err != nil {
		return inboxDoc{}, fmt.Errorf("mongodb: encode event: %w", err)
	}
	d := inboxDoc{ID: e.ID, Owner: e.Owner, Received: ms(e.Received), Body: body, Answered: e.Answered, Acked: e.Acked, Showing: e.Showing}
	if e.Answered {
		if d.Replies, err = json.Marshal(e.Replies); err != nil {
			return inboxDoc{}, fmt.Errorf("mongodb: encode replies: %w", err)
		}
	}
	return d, nil
}

func (d inboxDoc) event() (bot.InboxEvent, error) {
	var b inboxBody
	if err := json.Unmarshal(d.Body, &b); err != nil {
		return bot.InboxEvent{}, fmt.Errorf("mongodb: decode event %q: %w", d.ID, err)
	}
	e := bot.InboxEvent{ID: d.ID, Kind: b.Kind, Resident: b.Resident, Message: b.Message, Route: b.Route, Notice: b.Notice,
		Received: d.Received.UTC(), Owner: d.Owner, Answered: d.Answered, Acked: d.Acked, Showing: d.Showing}
	if len(d.Replies) > 0 {
		if err := json.Unmarshal(d.Replies, &e.Replies); err != nil {
			return bot.InboxEvent{}, fmt.Errorf("mongodb: decode replies of %q: %w", d.ID, err)
		}
	}
	return e, nil
}

func byID(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }

// AddEvent implements bot.InboxStore with one insert: the _id is the
// platform event key, so a retry fails with a duplicate key (ErrConflict).
// Events added at the same time share one insert (see addBatcher).
func (s *Store) AddEvent(ctx context.Context, e bot.InboxEvent) error {
	if e.ID == "" || e.Owner == "" || e.Resident == "" {
		return invalid("add event", "id, owner and resident are required")
	}
	doc, err := newInboxDoc(e)
	if err != nil {
		return err
	}
	s.addOnce.Do(func() { s.adds = newAddBatcher(s.w(collInbox)) })
	err = s.adds.add(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("mongodb: add event %q: %w", e.ID, bot.ErrConflict)
	}
	if err != nil {
		return wrapErr("add event", err)
	}
	return nil
}

// SaveAnswer implements bot.InboxStore.
func (s *Store) SaveAnswer(ctx context.Context, id string, replies []bot.Reply) error {
	b, err := json.Marshal(replies)
	if err != nil {
		return fmt.Errorf("mongodb: encode replies: %w", err)
	}
	return s.setLive(ctx, "save answer", id, bson.D{{Key: "replies", Value: b}, {Key: "answered", Value: true}})
}

// MarkShowing implements bot.InboxStore.
func (s *Store) MarkShowing(ctx context.Context, id, owner string) error {
	const op = "mark showing"
	check := func() error {
		var d struct {
			Done  bool   `bson:"done"`
			Owner string `bson:"owner"`
		}
		err := s.coll(collInbox).FindOne(ctx, byID(id), options.FindOne().SetProjection(bson.D{{Key: "done", Value: 1}, {Key: "owner", Value: 1}})).Decode(&d)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			return notFound(op, id)
		case err != nil:
			return wrapErr(op, err)
		case d.Done:
			return fmt.Errorf("mongodb: %s %q: answered already: %w", op, id, bot.ErrConflict)
		case d.Owner != owner:
			return fmt.Errorf("mongodb: %s %q: taken over by another copy: %w", op, id, bot.ErrConflict)
		}
		return nil
	}
	if err := check(); err != nil {
		return err
	}
	// Every step filters on _id alone, which the embedded server looks up
	// directly (a filter on the owner as well would make it read the whole
	// collection, on every answer shown). So the owner is read again after
	// the write: a take that landed between the first read and the write has
	// moved the event, and its taker read it before the mark, so this copy
	// must not post. A take after the write sees Showing (TakeEvent returns
	// the document as its owner change left it) and looks on the platform.
	if _, err := s.w(collInbox).UpdateOne(ctx, byID(id), bson.D{{Key: "$set", Value: bson.D{{Key: "showing", Value: true}}}}); err != nil {
		return wrapErr(op, err)
	}
	return check()
}

// MarkAcked implements bot.InboxStore.
func (s *Store) MarkAcked(ctx context.Context, id string) error {
	return s.setLive(ctx, "mark acked", id, bson.D{{Key: "acked", Value: true}})
}

// setLive sets fields on the unfinished event id; both steps are _id
// lookups, which the embedded server indexes (a filter on done as well
// would make it scan the collection).
func (s *Store) setLive(ctx context.Context, op, id string, set bson.D) error {
	var d struct {
		Done bool `bson:"done"`
	}
	err := s.coll(collInbox).FindOne(ctx, byID(id), options.FindOne().SetProjection(bson.D{{Key: "done", Value: 1}})).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && d.Done) {
		return notFound(op, id)
	}
	if err != nil {
		return wrapErr(op, err)
	}
	if _, err = s.w(collInbox).UpdateOne(ctx, byID(id), bson.D{{Key: "$set", Value: set}}); err != nil {
		return wrapErr(op, err)
	}
	return nil
}

// FinishEvent implements bot.InboxStore: the document is replaced by a
// mark that expires at keepUntil, or deleted when keepUntil is zero.
func (s *Store) FinishEvent(ctx context.Context, id string, keepUntil time.Time) error {
	if keepUntil.IsZero() {
		if _, err := s.w(collInbox).DeleteOne(ctx, byID(id)); err != nil {
			return wrapErr("finish event", err)
		}
		return nil
	}
	mark := bson.D{{Key: "_id", Value: id}, {Key: "received", Value: ms(s.now())}, {Key: "done", Value: true},
		{Key: "expires_at", Value: ms(keepUntil)}}
	if _, err := s.w(collInbox).ReplaceOne(ctx, byID(id), mark); err != nil {
		return wrapErr("finish event", err)
	}
	return nil
}

// Event implements bot.InboxStore with one _id lookup.
func (s *Store) Event(ctx context.Context, id string) (bot.InboxEvent, error) {
	var d inboxDoc
	err := s.coll(collInbox).FindOne(ctx, byID(id)).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && d.Done) {
		return bot.InboxEvent{}, notFound("event", id)
	}
	if err != nil {
		return bot.InboxEvent{}, wrapErr("event", err)
	}
	return d.event()
}

// EventsOf implements bot.InboxStore.
func (s *Store) EventsOf(ctx context.Context, owner string, limit int) ([]bot.InboxEvent, error) {
	opts := options.Find().SetSort(bson.D{{Key: "received", Value: 1}, {Key: "_id", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	cur, err := s.coll(collInbox).Find(ctx, bson.D{{Key: "owner", Value: owner}, {Key: "done", Value: false}}, opts)
	if err != nil {
		return nil, wrapErr("events of", err)
	}
	var docs []inboxDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr("events of", err)
	}
	out := make([]bot.InboxEvent, 0, len(docs))
	for _, d := range docs {
		e, err := d.event()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// TakeEvent implements bot.InboxStore. The take-over record (_id: event
// id and previous owner) is inserted first: only one caller can insert
// it, and only that one moves the event.
func (s *Store) TakeEvent(ctx context.Context, id, from, to string) (bot.InboxEvent, error) {
	var d inboxDoc
	err := s.coll(collInbox).FindOne(ctx, byID(id)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments) || (err == nil && d.Done):
		return bot.InboxEvent{}, notFound("take event", id)
	case err != nil:
		return bot.InboxEvent{}, wrapErr("take event", err)
	case d.Owner != from && d.Owner != to:
		return bot.InboxEvent{}, fmt.Errorf("mongodb: take event %q: owned by another copy: %w", id, bot.ErrConflict)
	}
	claimID := id + "\x00" + from
	claim := bson.D{{Key: "_id", Value: claimID}, {Key: "to", Value: to},
		{Key: "expires_at", Value: ms(s.now().Add(takeKeep))}}
	if _, err := s.w(collInboxTakes).InsertOne(ctx, claim); mongo.IsDuplicateKeyError(err) {
		// Ours from an earlier call that failed after its claim landed?
		var c struct {
			To string `bson:"to"`
		}
		if err := s.coll(collInboxTakes).FindOne(ctx, byID(claimID)).Decode(&c); err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
			return bot.InboxEvent{}, wrapErr("take event", err)
		}
		if c.To != to {
			return bot.InboxEvent{}, fmt.Errorf("mongodb: take event %q: taken by another copy: %w", id, bot.ErrConflict)
		}
	} else if err != nil {
		return bot.InboxEvent{}, wrapErr("take event", err)
	} else if d.Owner != from {
		// The event is already ours, but the claim was not there: another
		// take of ours moved it from another owner. Not this (id, from).
		return bot.InboxEvent{}, fmt.Errorf("mongodb: take event %q: owned by another copy: %w", id, bot.ErrConflict)
	}
	// The document as the owner change left it: a MarkShowing by the old
	// owner that landed before it is seen here (one after it fails).
	var after inboxDoc
	err = s.w(collInbox).FindOneAndUpdate(ctx, byID(id),
		bson.D{{Key: "$set", Value: bson.D{{Key: "owner", Value: to}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&after)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments) || (err == nil && after.Done):
		return bot.InboxEvent{}, notFound("take event", id)
	case err != nil:
		return bot.InboxEvent{}, wrapErr("take event", err)
	}
	return after.event()
}

// ownerDoc is a running copy's heartbeat.
type ownerDoc struct {
	ID    string    `bson:"_id"`
	Until time.Time `bson:"until"`
}

// Heartbeat implements bot.InboxStore.
func (s *Store) Heartbeat(ctx context.Context, owner string, until time.Time) error {
	if owner == "" {
		return invalid("heartbeat", "owner is required")
	}
	if err := s.upsert(ctx, collInboxOwners, byID(owner), ownerDoc{ID: owner, Until: ms(until)}); err != nil {
		return wrapErr("heartbeat", err)
	}
	return nil
}

// Owners implements bot.InboxStore.
func (s *Store) Owners(ctx context.Context) (map[string]time.Time, error) {
	cur, err := s.coll(collInboxOwners).Find(ctx, bson.D{})
	if err != nil {
		return nil, wrapErr("owners", err)
	}
	var docs []ownerDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr("owners", err)
	}
	out := make(map[string]time.Time, len(docs))
	for _, d := range docs {
		out[d.ID] = d.Until.UTC()
	}
	return out, nil
}

// DropOwner implements bot.InboxStore.
func (s *Store) DropOwner(ctx context.Context, owner string) error {
	if _, err := s.w(collInboxOwners).DeleteOne(ctx, byID(owner)); err != nil {
		return wrapErr("drop owner", err)
	}
	return nil
}

// DeleteExpiredInbox implements bot.InboxStore (finished marks and
// take-over records whose expires_at is before now).
func (s *Store) DeleteExpiredInbox(ctx context.Context, now time.Time) (int, error) {
	n, err := s.deleteExpired(ctx, collInbox, now)
	if err != nil {
		return n, err
	}
	m, err := s.deleteExpired(ctx, collInboxTakes, now)
	return n + m, err
}
