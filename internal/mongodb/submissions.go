package mongodb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// submissionDoc is a submission as stored; the ref is the _id.
type submissionDoc struct {
	Ref        string    `bson:"_id"`
	Plan       string    `bson:"plan"`
	Text       string    `bson:"text"`
	Lang       string    `bson:"lang"`
	Platform   string    `bson:"platform"`
	Workspace  string    `bson:"workspace"`
	Channel    string    `bson:"channel"`
	AuthorHash string    `bson:"author_hash"`
	Created    time.Time `bson:"created"`
	Status     string    `bson:"status"`
	Flags      []string  `bson:"flags"`
	EventID    string    `bson:"event_id"`
	CaseNumber string    `bson:"case_number"`
	// Themes and the catalogue version they were computed from (issue 23).
	Themes        []string `bson:"themes,omitempty"`
	ThemesVersion string   `bson:"themes_version,omitempty"`
}

func toSubmissionDoc(s bot.Submission) submissionDoc {
	return submissionDoc{
		Ref: s.Ref, Plan: s.Plan, Text: s.Text, Lang: string(s.Lang), Platform: s.Platform,
		Workspace: s.Workspace, Channel: s.Channel, AuthorHash: s.AuthorHash, Created: ms(s.Created),
		Status: string(s.Status), Flags: s.Flags, EventID: s.EventID, CaseNumber: s.CaseNumber,
		Themes: s.Themes, ThemesVersion: s.ThemesVersion,
	}
}

func (d submissionDoc) submission() bot.Submission {
	return bot.Submission{
		Ref: d.Ref, Plan: d.Plan, Text: d.Text, Lang: bot.Lang(d.Lang), Platform: d.Platform,
		Workspace: d.Workspace, Channel: d.Channel, AuthorHash: d.AuthorHash, Created: d.Created,
		Status: bot.SubmissionStatus(d.Status), Flags: d.Flags, EventID: d.EventID, CaseNumber: d.CaseNumber,
		Themes: d.Themes, ThemesVersion: d.ThemesVersion,
	}
}

func validStatus(st bot.SubmissionStatus) bool {
	switch st {
	case bot.SubmissionNew, bot.SubmissionArchived, bot.SubmissionHidden:
		return true
	}
	return false
}

// AddSubmission implements bot.SubmissionStore with one insert (majority,
// journal): the unique index on (platform, event_id) makes a retry of the
// same event a duplicate, which returns the stored submission with
// created=false; a duplicate ref returns bot.ErrConflict. Ref, Platform
// and EventID are required and Status must be valid (empty means new):
// bot.ErrInvalid otherwise. Errors wrap bot.ErrUnavailable when the write
// was not confirmed; the submission may then exist, and a retry with the
// same event id returns it.
func (s *Store) AddSubmission(ctx context.Context, sub bot.Submission) (bot.Submission, bool, error) {
	const op = "add submission"
	if sub.Ref == "" || sub.EventID == "" || sub.Platform == "" {
		return bot.Submission{}, false, invalid(op, "ref, platform and event id are required")
	}
	if sub.Status == "" {
		sub.Status = bot.SubmissionNew
	}
	if !validStatus(sub.Status) {
		return bot.Submission{}, false, invalid(op, "unknown status "+string(sub.Status))
	}
	if sub.Created.IsZero() {
		sub.Created = s.now()
	}
	doc := toSubmissionDoc(sub)
	_, err := s.w(collSubmissions).InsertOne(ctx, doc)
	if err == nil {
		return doc.submission(), true, nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return bot.Submission{}, false, wrapErr(op, err)
	}
	// Either this event was stored before (a retry: success) or the ref
	// is taken by another event (the caller picks a new ref).
	old, err := s.submissionByEvent(ctx, sub.Platform, sub.EventID)
	switch {
	case err == nil:
		return old, false, nil
	case errNoDoc(err):
		return bot.Submission{}, false, fmt.Errorf("mongodb: %s: ref %s is taken: %w", op, sub.Ref, bot.ErrConflict)
	}
	return bot.Submission{}, false, wrapErr(op, err)
}

// submissionByEvent finds the submission stored for (platform, eventID),
// or mongo.ErrNoDocuments.
func (s *Store) submissionByEvent(ctx context.Context, platform, eventID string) (bot.Submission, error) {
	if s.sql != nil {
		subs, err := s.sql.byEvent(ctx, platform, eventID)
		if err != nil || len(subs) == 0 {
			return bot.Submission{}, cmp.Or(err, mongo.ErrNoDocuments)
		}
		return subs[0], nil
	}
	var d submissionDoc
	err := s.coll(collSubmissions).FindOne(ctx, bson.D{{Key: "platform", Value: platform}, {Key: "event_id", Value: eventID}}).Decode(&d)
	return d.submission(), err
}

// Submission implements bot.SubmissionStore: bot.ErrNotFound for an unknown ref.
func (s *Store) Submission(ctx context.Context, ref string) (bot.Submission, error) {
	d, err := s.submissionDoc(ctx, ref)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return bot.Submission{}, notFound("submission", ref)
	}
	if err != nil {
		return bot.Submission{}, wrapErr("submission", err)
	}
	return d.submission(), nil
}

func (s *Store) submissionDoc(ctx context.Context, ref string) (submissionDoc, error) {
	var d submissionDoc
	err := s.coll(collSubmissions).FindOne(ctx, bson.D{{Key: "_id", Value: ref}}).Decode(&d)
	return d, err
}

// SubmissionsBy implements bot.SubmissionStore: newest first, then by ref
// descending, through the (author_hash, created) index.
func (s *Store) SubmissionsBy(ctx context.Context, authorHash string) ([]bot.Submission, error) {
	subs, err := s.byAuthor(ctx, authorHash, 0, -1)
	if err != nil {
		return nil, wrapErr("submissions by author", err)
	}
	return subs, nil
}

// SubmissionsPage implements bot.SubmissionStore: the page is read
// through the (author_hash, created) index, one more than limit to know
// whether more follow. bot.ErrInvalid for limit <= 0 or skip < 0.
func (s *Store) SubmissionsPage(ctx context.Context, authorHash string, skip, limit int) ([]bot.Submission, bool, error) {
	const op = "submissions page"
	if limit <= 0 || skip < 0 {
		return nil, false, invalid(op, fmt.Sprintf("skip %d, limit %d", skip, limit))
	}
	subs, err := s.byAuthor(ctx, authorHash, skip, limit+1)
	if err != nil {
		return nil, false, wrapErr(op, err)
	}
	if len(subs) > limit {
		return subs[:limit], true, nil
	}
	return subs, false, nil
}

// byAuthor reads up to limit (all when negative) of author's submissions,
// newest first, after the skip newest.
func (s *Store) byAuthor(ctx context.Context, author string, skip, limit int) ([]bot.Submission, error) {
	if s.sql != nil {
		return s.sql.byAuthor(ctx, author, skip, limit)
	}
	opts := options.Find().SetSort(bson.D{{Key: "created", Value: -1}, {Key: "_id", Value: -1}}).SetSkip(int64(skip))
	if limit >= 0 {
		opts.SetLimit(int64(limit))
	}
	return s.findSubmissions(ctx, bson.D{{Key: "author_hash", Value: author}}, opts)
}

// CountSubmissionsSince implements bot.SubmissionStore (created strictly
// after since) through the (author_hash, created) index.
func (s *Store) CountSubmissionsSince(ctx context.Context, authorHash string, since time.Time) (int, error) {
	const op = "count submissions"
	if s.sql != nil {
		n, err := s.sql.countSince(ctx, authorHash, ms(since).UnixMilli())
		if err != nil {
			return 0, wrapErr(op, err)
		}
		return n, nil
	}
	n, err := s.coll(collSubmissions).CountDocuments(ctx, bson.D{{Key: "author_hash", Value: authorHash},
		{Key: "created", Value: bson.D{{Key: "$gt", Value: ms(since)}}}})
	if err != nil {
		return 0, wrapErr(op, err)
	}
	return int(n), nil
}

// DeleteSubmission implements bot.SubmissionStore with lookups by _id.
// Someone else's submission is bot.ErrNotFound (its existence is not
// revealed); an archived one is bot.ErrArchived. On MongoDB the delete
// is conditional on the author and on the status not being archived, so
// staff archiving at the same instant wins.
func (s *Store) DeleteSubmission(ctx context.Context, ref, authorHash string) error {
	const op = "delete submission"
	d, err := s.submissionDoc(ctx, ref)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments) || err == nil && d.AuthorHash != authorHash:
		return notFound(op, ref)
	case err != nil:
		return wrapErr(op, err)
	case d.Status == string(bot.SubmissionArchived):
		return fmt.Errorf("mongodb: %s %q: %w", op, ref, bot.ErrArchived)
	}
	filter := bson.D{{Key: "_id", Value: ref}}
	if !s.ferret { // the embedded server would read every document for a longer filter
		filter = append(filter, bson.E{Key: "author_hash", Value: authorHash},
			bson.E{Key: "status", Value: bson.D{{Key: "$ne", Value: string(bot.SubmissionArchived)}}})
	}
	res, err := s.w(collSubmissions).DeleteOne(ctx, filter)
	if err != nil {
		return wrapErr(op, err)
	}
	if res.DeletedCount == 0 {
		return fmt.Errorf("mongodb: %s %q: archived meanwhile: %w", op, ref, bot.ErrArchived)
	}
	return nil
}

// Submissions implements bot.SubmissionStore: ordered by created, then
// ref (newest first when q.Newest), through the created index.
func (s *Store) Submissions(ctx context.Context, q bot.SubmissionQuery) ([]bot.Submission, error) {
	var out []bot.Submission
	err := s.eachSubmission(ctx, q, func(sub bot.Submission) (bool, error) {
		out = append(out, sub)
		return q.Limit <= 0 || len(out) < q.Limit, nil
	})
	return out, err
}

// submissionFilter is the query for q's fields.
func submissionFilter(q bot.SubmissionQuery) bson.D {
	f := bson.D{}
	if q.Plan != "" {
		f = append(f, bson.E{Key: "plan", Value: q.Plan})
	}
	if len(q.Statuses) > 0 {
		sts := make(bson.A, len(q.Statuses))
		for i, st := range q.Statuses {
			sts[i] = string(st)
		}
		f = append(f, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: sts}}})
	}
	var created bson.D
	if !q.After.IsZero() {
		created = append(created, bson.E{Key: "$gt", Value: ms(q.After)})
	}
	if !q.Until.IsZero() {
		created = append(created, bson.E{Key: "$lte", Value: ms(q.Until)})
	}
	if len(created) > 0 {
		f = append(f, bson.E{Key: "created", Value: created})
	}
	if q.Flagged { // a first element exists: a non-empty array
		f = append(f, bson.E{Key: "flags.0", Value: bson.D{{Key: "$exists", Value: true}}})
	}
	return f
}

func (s *Store) findSubmissions(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder) ([]bot.Submission, error) {
	cur, err := s.coll(collSubmissions).Find(ctx, filter, opts)
	if err != nil {
		return nil, err
	}
	var docs []submissionDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	out := make([]bot.Submission, len(docs))
	for i, d := range docs {
		out[i] = d.submission()
	}
	return out, nil
}

// SetSubmissionStatus implements bot.SubmissionStore. The case number is
// set when archiving and kept otherwise. bot.ErrNotFound for an unknown
// ref, bot.ErrInvalid for an unknown status.
func (s *Store) SetSubmissionStatus(ctx context.Context, ref string, status bot.SubmissionStatus, caseNumber string) error {
	const op = "set submission status"
	if !validStatus(status) {
		return invalid(op, "unknown status "+string(status))
	}
	set := bson.D{{Key: "status", Value: string(status)}}
	if status == bot.SubmissionArchived {
		set = append(set, bson.E{Key: "case_number", Value: caseNumber})
	}
	res, err := s.w(collSubmissions).UpdateOne(ctx, bson.D{{Key: "_id", Value: ref}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return wrapErr(op, err)
	}
	if res.MatchedCount == 0 {
		return notFound(op, ref)
	}
	return nil
}
