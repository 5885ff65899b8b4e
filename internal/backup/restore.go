package backup

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/askerkommune/temaplanbot/bot"
)

// Errors of Read and Restore.
var (
	// ErrNotBackup: the file is not a temaplanbot backup (or another version).
	ErrNotBackup = errors.New("not a temaplanbot backup")
	// ErrTruncated: the file has no end line, or its counts disagree.
	ErrTruncated = errors.New("the backup is incomplete (cut off, or written by a backup that failed)")
	// ErrNotEmpty: the store to restore into already holds data.
	ErrNotEmpty = errors.New("the store to restore into is not empty")
)

// restoreBatch is how many submissions go to the store in one insert.
const restoreBatch = 500

// Sink is the store a backup is restored into.
type Sink interface {
	EachSubmission(ctx context.Context, q bot.SubmissionQuery, fn func(bot.Submission) error) error
	InsertSubmissions(ctx context.Context, subs []bot.Submission) ([]bool, error)
	SaveDialog(ctx context.Context, d bot.Dialog) error
	SavePrefs(ctx context.Context, p bot.Prefs) error
	SaveWebLink(ctx context.Context, l bot.WebLink) error
	Subscribe(ctx context.Context, s bot.Subscription) error
	Subscriptions(ctx context.Context, kind string) ([]bot.Subscription, error)
	ClaimAnnouncement(ctx context.Context, a bot.Announcement) (bool, error)
	AdvanceDigest(ctx context.Context, prev, next bot.DigestMark) error
	SetPlanStart(ctx context.Context, plan string, d bot.Date) error
	Audit(ctx context.Context, e bot.AuditEntry) error
	AuditLog(ctx context.Context, object string) ([]bot.AuditEntry, error)
}

// Read checks a whole backup without storing anything: the header, every
// line, and the end line's counts against the records. It returns the
// header and the counts, or an error wrapping ErrNotBackup or ErrTruncated
// (or the reader's error).
func Read(r io.Reader) (Header, Counts, error) {
	return scan(r, func(kind string, _ json.RawMessage) error {
		if !slices.Contains(kinds(), kind) {
			return fmt.Errorf("backup: unknown record kind %q (a newer program's backup?): %w", kind, ErrNotBackup)
		}
		return nil
	})
}

// kinds are the record kinds this version writes and reads.
func kinds() []string {
	return []string{KindSubmission, KindDialog, KindPrefs, KindWebLink, KindSubscription,
		KindAnnouncement, KindDigestMark, KindPlanStart, KindAudit}
}

// scan reads a backup and calls fn for every record.
func scan(r io.Reader, fn func(kind string, data json.RawMessage) error) (Header, Counts, error) {
	var h Header
	zr, err := gzip.NewReader(r)
	if err != nil {
		return h, nil, fmt.Errorf("backup: %w (%v)", ErrNotBackup, err)
	}
	dec := json.NewDecoder(zr)
	if err := dec.Decode(&h); err != nil || h.Format != Format {
		return h, nil, fmt.Errorf("backup: %w", ErrNotBackup)
	}
	if h.Version != Version {
		return h, nil, fmt.Errorf("backup: version %d: %w (this program reads version %d)", h.Version, ErrNotBackup, Version)
	}
	counts := Counts{}
	for {
		var l line
		err := dec.Decode(&l)
		if errors.Is(err, io.EOF) {
			return h, counts, fmt.Errorf("backup: %w", ErrTruncated)
		}
		if err != nil {
			return h, counts, fmt.Errorf("backup: record %d: %w (%v)", counts.Total()+1, ErrTruncated, err)
		}
		if l.Kind == kindEnd {
			if !maps.Equal(map[string]int(l.Counts), map[string]int(counts)) {
				return h, counts, fmt.Errorf("backup: counts %v, records %v: %w", l.Counts, counts, ErrTruncated)
			}
			return h, counts, nil
		}
		if err := fn(l.Kind, l.Data); err != nil {
			return h, counts, err
		}
		counts[l.Kind]++
	}
}

// Restore reads the backup in r into dst, which must be empty (no input,
// subscriptions or audit entries: ErrNotEmpty). Call Read on the same
// file first: Restore stores records as it reads them, so a cut-off file
// would leave a partial restore. Records are written through the store's
// ordinary methods, so its derived data (an author's list of input, the
// hour lists) is rebuilt. It returns the counts restored and the first
// error of the file or the store.
func Restore(ctx context.Context, r io.Reader, dst Sink) (Header, Counts, error) {
	if err := checkEmpty(ctx, dst); err != nil {
		return Header{}, nil, err
	}
	rs := &restorer{dst: dst}
	h, counts, err := scan(r, func(kind string, data json.RawMessage) error { return rs.put(ctx, kind, data) })
	if err != nil {
		return h, counts, err
	}
	if err := rs.flush(ctx); err != nil {
		return h, counts, err
	}
	return h, counts, nil
}

// errStop ends a scan early.
var errStop = errors.New("stop")

// checkEmpty returns ErrNotEmpty when dst holds input, subscriptions or audit entries.
func checkEmpty(ctx context.Context, dst Sink) error {
	err := dst.EachSubmission(ctx, bot.SubmissionQuery{}, func(bot.Submission) error { return errStop })
	if errors.Is(err, errStop) {
		return fmt.Errorf("backup: %w: it holds input", ErrNotEmpty)
	}
	if err != nil {
		return fmt.Errorf("backup: check the target store: %w", err)
	}
	for _, kind := range []string{bot.SubReminders, bot.SubDigest} {
		subs, err := dst.Subscriptions(ctx, kind)
		if err != nil {
			return fmt.Errorf("backup: check the target store: %w", err)
		}
		if len(subs) > 0 {
			return fmt.Errorf("backup: %w: it holds subscriptions", ErrNotEmpty)
		}
	}
	audit, err := dst.AuditLog(ctx, "")
	if err != nil {
		return fmt.Errorf("backup: check the target store: %w", err)
	}
	if len(audit) > 0 {
		return fmt.Errorf("backup: %w: it holds an audit log", ErrNotEmpty)
	}
	return nil
}

// restorer writes records, submissions a batch at a time.
type restorer struct {
	dst   Sink
	batch []bot.Submission
}

// decode unmarshals data into a T and passes it to store.
func decode[T any](kind string, data json.RawMessage, store func(T) error) error {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("backup: %s: %w (%v)", kind, ErrTruncated, err)
	}
	if err := store(v); err != nil {
		return fmt.Errorf("backup: restore %s: %w", kind, err)
	}
	return nil
}

func (rs *restorer) put(ctx context.Context, kind string, data json.RawMessage) error {
	d := rs.dst
	if kind != KindSubmission {
		if err := rs.flush(ctx); err != nil {
			return err
		}
	}
	switch kind {
	case KindSubmission:
		return decode(kind, data, func(s bot.Submission) error {
			if rs.batch = append(rs.batch, s); len(rs.batch) == restoreBatch {
				return rs.flush(ctx)
			}
			return nil
		})
	case KindDialog:
		return decode(kind, data, func(v bot.Dialog) error { return d.SaveDialog(ctx, v) })
	case KindPrefs:
		return decode(kind, data, func(v bot.Prefs) error { return d.SavePrefs(ctx, v) })
	case KindWebLink:
		return decode(kind, data, func(v bot.WebLink) error { return ignoreConflict(d.SaveWebLink(ctx, v)) })
	case KindSubscription:
		return decode(kind, data, func(v bot.Subscription) error { return d.Subscribe(ctx, v) })
	case KindAnnouncement:
		return decode(kind, data, func(v bot.Announcement) error { _, err := d.ClaimAnnouncement(ctx, v); return err })
	case KindDigestMark:
		return decode(kind, data, func(v bot.DigestMark) error { return ignoreConflict(d.AdvanceDigest(ctx, bot.DigestMark{}, v)) })
	case KindPlanStart:
		return decode(kind, data, func(v PlanStart) error { return d.SetPlanStart(ctx, v.Plan, v.Start) })
	case KindAudit:
		return decode(kind, data, func(v bot.AuditEntry) error { return d.Audit(ctx, v) })
	}
	return fmt.Errorf("backup: unknown record kind %q (a newer program's backup?): %w", kind, ErrNotBackup)
}

// flush inserts the waiting submissions; one already stored (the same
// reference) is kept as it is.
func (rs *restorer) flush(ctx context.Context) error {
	if len(rs.batch) == 0 {
		return nil
	}
	_, err := rs.dst.InsertSubmissions(ctx, rs.batch)
	rs.batch = slices.Delete(rs.batch, 0, len(rs.batch))
	if err != nil {
		return fmt.Errorf("backup: restore submissions: %w", err)
	}
	return nil
}

// ignoreConflict treats "exists already" as done.
func ignoreConflict(err error) error {
	if errors.Is(err, bot.ErrConflict) {
		return nil
	}
	return err
}
