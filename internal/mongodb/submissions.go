package mongodb

import (
	"context"
	"errors"
	"fmt"
	"slices"
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

// AddSubmission implements bot.SubmissionStore: one insert, then the
// author's and the day's entries (see keys.go), on the happy path. A
// duplicate (platform, event_id) returns the stored submission with
// created=false (found through the author's entries, a lookup by _id); a
// duplicate ref returns bot.ErrConflict. Ref, Platform and EventID are
// required and Status must be valid (empty means new): bot.ErrInvalid
// otherwise. Errors wrap bot.ErrUnavailable when the write was not
// confirmed; the submission may then exist, and a retry with the same
// event id returns it (and completes its entries).
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
		if err := s.indexSubmission(ctx, doc); err != nil {
			return bot.Submission{}, false, wrapErr(op, err)
		}
		return doc.submission(), true, nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return bot.Submission{}, false, wrapErr(op, err)
	}
	// Either this event was stored before (a retry: success) or the ref
	// is taken by another event (the caller picks a new ref).
	old, err := s.submissionByEvent(ctx, sub.AuthorHash, sub.Platform, sub.EventID)
	switch {
	case err == nil:
		if err := s.indexSubmission(ctx, old); err != nil {
			return bot.Submission{}, false, wrapErr(op, err)
		}
		return old.submission(), false, nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return bot.Submission{}, false, fmt.Errorf("mongodb: %s: ref %s is taken: %w", op, sub.Ref, bot.ErrConflict)
	}
	return bot.Submission{}, false, wrapErr(op, err)
}

// submissionByEvent finds the submission stored for (platform, eventID):
// through the author's entries (lookups by _id), else, when the entries
// were never written, by a query on the event id (which reads every
// submission on the embedded server; only after a stop between a
// submission's insert and its entries, or a ref collision).
func (s *Store) submissionByEvent(ctx context.Context, author, platform, eventID string) (submissionDoc, error) {
	var d submissionDoc
	if author != "" {
		entries, err := s.keyEntries(ctx, collAuthors, author)
		if err != nil {
			return d, err
		}
		key := eventKey(platform, eventID)
		for _, e := range entries {
			if e.Key != key {
				continue
			}
			err := s.coll(collSubmissions).FindOne(ctx, bson.D{{Key: "_id", Value: e.Ref}}).Decode(&d)
			if !errors.Is(err, mongo.ErrNoDocuments) {
				return d, err
			}
		}
	}
	err := s.coll(collSubmissions).FindOne(ctx, bson.D{{Key: "platform", Value: platform}, {Key: "event_id", Value: eventID}}).Decode(&d)
	return d, err
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
// descending. It reads the author's entries and then each submission by
// _id, so its cost follows the author's own input.
func (s *Store) SubmissionsBy(ctx context.Context, authorHash string) ([]bot.Submission, error) {
	const op = "submissions by author"
	entries, err := s.keyEntries(ctx, collAuthors, authorHash)
	if err != nil {
		return nil, wrapErr(op, err)
	}
	sortEntries(entries)
	refs := make([]string, len(entries))
	for i, e := range entries {
		refs[len(entries)-1-i] = e.Ref
	}
	docs, err := s.submissionsByRef(ctx, refs)
	if err != nil {
		return nil, wrapErr(op, err)
	}
	out := make([]bot.Submission, 0, len(docs))
	for _, d := range docs {
		if d.AuthorHash == authorHash {
			out = append(out, d.submission())
		}
	}
	return out, nil
}

// CountSubmissionsSince implements bot.SubmissionStore (created strictly
// after since) from the author's entries: one lookup by _id.
func (s *Store) CountSubmissionsSince(ctx context.Context, authorHash string, since time.Time) (int, error) {
	entries, err := s.keyEntries(ctx, collAuthors, authorHash)
	if err != nil {
		return 0, wrapErr("count submissions", err)
	}
	n := 0
	for _, e := range entries {
		if e.Created.After(since) {
			n++
		}
	}
	return n, nil
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
	if err := s.unindexSubmission(ctx, d); err != nil {
		// Deleted; the stale entries are skipped by readers.
		s.logger.Warn("mongodb: submission deleted but its entries were not removed", "ref", ref, "err", err)
	}
	return nil
}

// Submissions implements bot.SubmissionStore: ordered by created, then ref.
// A query with both After and Until (a digest's window) reads the hours of
// the window and then each submission by _id, so its cost follows the
// window; others read the collection.
func (s *Store) Submissions(ctx context.Context, q bot.SubmissionQuery) ([]bot.Submission, error) {
	if !q.After.IsZero() && !q.Until.IsZero() && q.Until.Sub(q.After) < maxWindow {
		return s.submissionsInWindow(ctx, q)
	}
	opts := options.Find().SetSort(bson.D{{Key: "created", Value: 1}, {Key: "_id", Value: 1}})
	if q.Limit > 0 {
		opts.SetLimit(int64(q.Limit))
	}
	return s.findSubmissions(ctx, "submissions", submissionFilter(q), opts)
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
	return f
}

// maxWindow is the longest window read hour by hour (a digest's window is
// a day or a week; a longer one, say a first digest long after
// subscribing, is answered by a query instead).
const maxWindow = 92 * 24 * time.Hour

// submissionsInWindow answers q (with After and Until) from the hour entries.
func (s *Store) submissionsInWindow(ctx context.Context, q bot.SubmissionQuery) ([]bot.Submission, error) {
	const op = "submissions in window"
	after, until := ms(q.After), ms(q.Until)
	var entries []keyEntry
	for hour := after.Truncate(time.Hour); !hour.After(until); hour = hour.Add(time.Hour) {
		es, err := s.hourEntries(ctx, hourKey(hour))
		if err != nil {
			return nil, wrapErr(op, err)
		}
		for _, e := range es {
			if e.Created.After(after) && !e.Created.After(until) {
				entries = append(entries, e)
			}
		}
	}
	sortEntries(entries)
	refs := make([]string, len(entries))
	for i, e := range entries {
		refs[i] = e.Ref
	}
	docs, err := s.submissionsByRef(ctx, slices.Compact(refs))
	if err != nil {
		return nil, wrapErr(op, err)
	}
	var out []bot.Submission
	for _, d := range docs {
		if (q.Plan != "" && d.Plan != q.Plan) || (len(q.Statuses) > 0 && !slices.Contains(q.Statuses, bot.SubmissionStatus(d.Status))) {
			continue
		}
		out = append(out, d.submission())
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
	}
	return out, nil
}

func (s *Store) findSubmissions(ctx context.Context, op string, filter bson.D, opts *options.FindOptionsBuilder) ([]bot.Submission, error) {
	cur, err := s.coll(collSubmissions).Find(ctx, filter, opts)
	if err != nil {
		return nil, wrapErr(op, err)
	}
	var docs []submissionDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, wrapErr(op, err)
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
