package mongodb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// digestMarkDoc is one state of a digest channel's watermark. Every
// AdvanceDigest inserts the next state with seq+1; the newest is the
// current mark, and the unique index on (target, seq) is the
// compare-and-set: of two copies moving the same mark, one insert fails.
// (A filtered update is not enough: the embedded server evaluates the
// filter and writes in two steps, so concurrent updates could both match.)
// The kept history shows every digest run.
type digestMarkDoc struct {
	ID        bson.ObjectID `bson:"_id"`
	Target    string        `bson:"target"`
	Seq       int64         `bson:"seq"`
	Platform  string        `bson:"platform"`
	Workspace string        `bson:"workspace"`
	Channel   string        `bson:"channel"`
	From      time.Time     `bson:"from"`
	Until     time.Time     `bson:"until"`
	State     string        `bson:"state"`
	Owner     string        `bson:"owner"`
	Updated   time.Time     `bson:"updated"`
}

// targetKey is a readable unique key of a target. Platform ids contain no
// "/"; escaping keeps the key unique even if one did.
func targetKey(t bot.Target) string {
	esc := strings.NewReplacer("%", "%25", "/", "%2F")
	return esc.Replace(t.Platform) + "/" + esc.Replace(t.Workspace) + "/" + esc.Replace(t.Channel)
}

// latestMark returns the newest state of key's watermark, or mongo.ErrNoDocuments.
func (s *Store) latestMark(ctx context.Context, key string) (digestMarkDoc, error) {
	var d digestMarkDoc
	err := s.coll(collDigestMarks).FindOne(ctx, bson.D{{Key: "target", Value: key}},
		options.FindOne().SetSort(bson.D{{Key: "seq", Value: -1}})).Decode(&d)
	return d, err
}

// DigestMark implements bot.ScheduleStore: bot.ErrNotFound when the channel has none.
func (s *Store) DigestMark(ctx context.Context, t bot.Target) (bot.DigestMark, error) {
	d, err := s.latestMark(ctx, targetKey(t))
	if errNoDoc(err) {
		return bot.DigestMark{}, notFound("digest mark", targetKey(t))
	}
	if err != nil {
		return bot.DigestMark{}, wrapErr("digest mark", err)
	}
	return bot.DigestMark{Target: bot.Target{Platform: d.Platform, Workspace: d.Workspace, Channel: d.Channel},
		From: d.From, Until: d.Until, State: d.State, Owner: d.Owner, Updated: d.Updated}, nil
}

// AdvanceDigest implements bot.ScheduleStore as a compare-and-set: the
// current mark must equal prev (Until at millisecond precision, State;
// none at all when prev has zero Until and empty State), and then the
// next state is inserted under a unique sequence number. It returns
// bot.ErrConflict when another copy moved the mark first, and
// bot.ErrInvalid when next has no target or prev is for another target.
func (s *Store) AdvanceDigest(ctx context.Context, prev, next bot.DigestMark) error {
	const op = "advance digest"
	none := prev.Until.IsZero() && prev.State == ""
	if !none && prev.Target != next.Target {
		return invalid(op, "prev and next are for different targets")
	}
	if next.Target.Platform == "" || next.Target.Channel == "" {
		return invalid(op, "target is required")
	}
	key := targetKey(next.Target)
	cur, err := s.latestMark(ctx, key)
	switch {
	case errNoDoc(err) && none:
		cur.Seq = 0
	case errNoDoc(err), err == nil && (none || !cur.Until.Equal(ms(prev.Until)) || cur.State != prev.State):
		return fmt.Errorf("mongodb: %s %s: the mark has moved: %w", op, key, bot.ErrConflict)
	case err != nil:
		return wrapErr(op, err)
	}
	doc := digestMarkDoc{ID: bson.NewObjectID(), Target: key, Seq: cur.Seq + 1,
		Platform: next.Target.Platform, Workspace: next.Target.Workspace, Channel: next.Target.Channel,
		From: ms(next.From), Until: ms(next.Until), State: next.State, Owner: next.Owner, Updated: ms(next.Updated)}
	_, err = s.w(collDigestMarks).InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("mongodb: %s %s: moved by another copy: %w", op, key, bot.ErrConflict)
	}
	if err != nil {
		return wrapErr(op, err)
	}
	return nil
}

// auditDoc is one staff action.
type auditDoc struct {
	ID     bson.ObjectID `bson:"_id"`
	Action string        `bson:"action"`
	Object string        `bson:"object"`
	By     string        `bson:"by"`
	At     time.Time     `bson:"at"`
	Old    string        `bson:"old"`
	New    string        `bson:"new"`
}

// Audit implements bot.ScheduleStore; zero At means now; an empty Action is
// bot.ErrInvalid.
func (s *Store) Audit(ctx context.Context, e bot.AuditEntry) error {
	if e.Action == "" {
		return invalid("audit", "action is required")
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	doc := auditDoc{ID: bson.NewObjectID(), Action: e.Action, Object: e.Object, By: e.By, At: ms(e.At), Old: e.Old, New: e.New}
	if _, err := s.w(collAudit).InsertOne(ctx, doc); err != nil {
		return wrapErr("audit", err)
	}
	return nil
}

// AuditLog implements bot.ScheduleStore: entries for object (all when
// empty), oldest first; entries with the same time in the order they were
// written by this process (ObjectIDs grow).
func (s *Store) AuditLog(ctx context.Context, object string) ([]bot.AuditEntry, error) {
	const op = "audit log"
	f := bson.D{}
	if object != "" {
		f = append(f, bson.E{Key: "object", Value: object})
	}
	cur, err := s.coll(collAudit).Find(ctx, f, options.Find().SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, wrapErr(op, err)
	}
	var docs []auditDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr(op, err)
	}
	out := make([]bot.AuditEntry, len(docs))
	for i, d := range docs {
		out[i] = bot.AuditEntry{Action: d.Action, Object: d.Object, By: d.By, At: d.At, Old: d.Old, New: d.New}
	}
	return out, nil
}
