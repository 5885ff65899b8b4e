package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// subscriptionDoc is a channel's subscription; unique on (kind, platform,
// workspace, channel).
type subscriptionDoc struct {
	Kind      string    `bson:"kind"`
	Platform  string    `bson:"platform"`
	Workspace string    `bson:"workspace"`
	Channel   string    `bson:"channel"`
	Lang      string    `bson:"lang"`
	By        string    `bson:"by"`
	Created   time.Time `bson:"created"`
}

func subscriptionKey(kind string, t bot.Target) bson.D {
	return bson.D{{Key: "kind", Value: kind}, {Key: "platform", Value: t.Platform},
		{Key: "workspace", Value: t.Workspace}, {Key: "channel", Value: t.Channel}}
}

// Subscribe implements bot.ScheduleStore (an upsert). Kind must be
// bot.SubReminders or bot.SubDigest and the target needs a platform and a
// channel (bot.ErrInvalid). Zero Created means now.
func (s *Store) Subscribe(ctx context.Context, sub bot.Subscription) error {
	const op = "subscribe"
	if (sub.Kind != bot.SubReminders && sub.Kind != bot.SubDigest) || sub.Target.Platform == "" || sub.Target.Channel == "" {
		return invalid(op, "kind and target are required")
	}
	if sub.Created.IsZero() {
		sub.Created = s.now()
	}
	doc := subscriptionDoc{Kind: sub.Kind, Platform: sub.Target.Platform, Workspace: sub.Target.Workspace,
		Channel: sub.Target.Channel, Lang: string(sub.Lang), By: sub.By, Created: ms(sub.Created)}
	if err := s.upsert(ctx, collSubscriptions, subscriptionKey(sub.Kind, sub.Target), doc); err != nil {
		return wrapErr(op, err)
	}
	return nil
}

// Unsubscribe implements bot.ScheduleStore: bot.ErrNotFound when there was none.
func (s *Store) Unsubscribe(ctx context.Context, kind string, t bot.Target) error {
	res, err := s.w(collSubscriptions).DeleteOne(ctx, subscriptionKey(kind, t))
	if err != nil {
		return wrapErr("unsubscribe", err)
	}
	if res.DeletedCount == 0 {
		return notFound("unsubscribe", kind)
	}
	return nil
}

// Subscriptions implements bot.ScheduleStore, ordered by created, then
// platform, workspace and channel.
func (s *Store) Subscriptions(ctx context.Context, kind string) ([]bot.Subscription, error) {
	const op = "subscriptions"
	sort := bson.D{{Key: "created", Value: 1}, {Key: "platform", Value: 1}, {Key: "workspace", Value: 1}, {Key: "channel", Value: 1}}
	cur, err := s.coll(collSubscriptions).Find(ctx, bson.D{{Key: "kind", Value: kind}}, options.Find().SetSort(sort))
	if err != nil {
		return nil, wrapErr(op, err)
	}
	var docs []subscriptionDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr(op, err)
	}
	out := make([]bot.Subscription, len(docs))
	for i, d := range docs {
		out[i] = bot.Subscription{Kind: d.Kind, Target: bot.Target{Platform: d.Platform, Workspace: d.Workspace, Channel: d.Channel},
			Lang: bot.Lang(d.Lang), By: d.By, Created: d.Created}
	}
	return out, nil
}

// announcementDoc is a reminder claim; the claim id is the _id.
type announcementDoc struct {
	ID        string    `bson:"_id"`
	Plan      string    `bson:"plan"`
	Milestone string    `bson:"milestone"`
	Date      string    `bson:"date"`
	Platform  string    `bson:"platform"`
	Workspace string    `bson:"workspace"`
	Channel   string    `bson:"channel"`
	State     string    `bson:"state"`
	MessageID string    `bson:"message_id"`
	Claimed   time.Time `bson:"claimed"`
	Updated   time.Time `bson:"updated"`
	Owner     string    `bson:"owner"`
	Reported  bool      `bson:"reported"`
}

// ClaimAnnouncement implements bot.ScheduleStore with one insert: the
// unique _id lets exactly one caller claim. An empty State means
// bot.AnnClaimed, zero Claimed means now, zero Updated means Claimed. An
// empty ID is bot.ErrInvalid.
func (s *Store) ClaimAnnouncement(ctx context.Context, a bot.Announcement) (bool, error) {
	if a.ID == "" {
		return false, invalid("claim announcement", "id is required")
	}
	if a.State == "" {
		a.State = bot.AnnClaimed
	}
	if a.Claimed.IsZero() {
		a.Claimed = s.now()
	}
	if a.Updated.IsZero() {
		a.Updated = a.Claimed
	}
	doc := announcementDoc{ID: a.ID, Plan: a.Plan, Milestone: a.Milestone, Date: a.Date.String(),
		Platform: a.Target.Platform, Workspace: a.Target.Workspace, Channel: a.Target.Channel,
		State: a.State, MessageID: a.MessageID, Claimed: ms(a.Claimed), Updated: ms(a.Updated),
		Owner: a.Owner, Reported: a.Reported}
	return s.insertOnce(ctx, collAnnouncements, "claim announcement", doc)
}

// UpdateAnnouncement implements bot.ScheduleStore: bot.ErrNotFound for an unknown id.
func (s *Store) UpdateAnnouncement(ctx context.Context, id, state, messageID string, at time.Time) error {
	set := bson.D{{Key: "state", Value: state}, {Key: "message_id", Value: messageID}, {Key: "updated", Value: ms(at)}}
	res, err := s.w(collAnnouncements).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return wrapErr("update announcement", err)
	}
	if res.MatchedCount == 0 {
		return notFound("update announcement", id)
	}
	return nil
}

// Announcements implements bot.ScheduleStore: state "" means any state;
// updated strictly after since; ordered by updated, then id.
func (s *Store) Announcements(ctx context.Context, state string, since time.Time) ([]bot.Announcement, error) {
	const op = "announcements"
	f := bson.D{}
	if state != "" {
		f = append(f, bson.E{Key: "state", Value: state})
	}
	f = append(f, bson.E{Key: "updated", Value: bson.D{{Key: "$gt", Value: ms(since)}}})
	cur, err := s.coll(collAnnouncements).Find(ctx, f, options.Find().SetSort(bson.D{{Key: "updated", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, wrapErr(op, err)
	}
	var docs []announcementDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr(op, err)
	}
	out := make([]bot.Announcement, len(docs))
	for i, d := range docs {
		date, err := parseDate(d.Date)
		if err != nil {
			return nil, fmt.Errorf("mongodb: %s: %s: %w", op, d.ID, err)
		}
		out[i] = bot.Announcement{ID: d.ID, Plan: d.Plan, Milestone: d.Milestone, Date: date,
			Target: bot.Target{Platform: d.Platform, Workspace: d.Workspace, Channel: d.Channel},
			State:  d.State, MessageID: d.MessageID, Claimed: d.Claimed, Updated: d.Updated, Owner: d.Owner, Reported: d.Reported}
	}
	return out, nil
}

// parseDate parses a stored YYYY-MM-DD; "" is the zero Date.
func parseDate(s string) (bot.Date, error) {
	if s == "" {
		return bot.Date{}, nil
	}
	return bot.ParseDate(s)
}

// MarkReported implements bot.ScheduleStore; unknown ids are ignored.
func (s *Store) MarkReported(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	in := make(bson.A, len(ids))
	for i, id := range ids {
		in[i] = id
	}
	_, err := s.w(collAnnouncements).UpdateMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: in}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "reported", Value: true}}}})
	if err != nil {
		return wrapErr("mark reported", err)
	}
	return nil
}

// planStartDoc is a staff override of a plan's start date; the plan id is the _id.
type planStartDoc struct {
	Plan  string `bson:"_id"`
	Start string `bson:"start"`
}

// SetPlanStart implements bot.ScheduleStore (an upsert); plan and date are
// required (bot.ErrInvalid).
func (s *Store) SetPlanStart(ctx context.Context, plan string, d bot.Date) error {
	if plan == "" || d.IsZero() {
		return invalid("set plan start", "plan and date are required")
	}
	if err := s.upsert(ctx, collPlanStarts, bson.D{{Key: "_id", Value: plan}}, planStartDoc{Plan: plan, Start: d.String()}); err != nil {
		return wrapErr("set plan start", err)
	}
	return nil
}

// PlanStarts implements bot.ScheduleStore; the map is never nil.
func (s *Store) PlanStarts(ctx context.Context) (map[string]bot.Date, error) {
	const op = "plan starts"
	cur, err := s.coll(collPlanStarts).Find(ctx, bson.D{})
	if err != nil {
		return nil, wrapErr(op, err)
	}
	var docs []planStartDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr(op, err)
	}
	out := make(map[string]bot.Date, len(docs))
	for _, d := range docs {
		date, err := bot.ParseDate(d.Start)
		if err != nil {
			return nil, fmt.Errorf("mongodb: %s: %s: %w", op, d.Plan, err)
		}
		out[d.Plan] = date
	}
	return out, nil
}

// errNoDoc reports whether err is the driver's "no document" result.
func errNoDoc(err error) bool { return errors.Is(err, mongo.ErrNoDocuments) }
