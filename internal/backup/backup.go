// Package backup writes and reads temaplanbot's backup files. A backup is
// everything needed to carry on in another store: residents' input with
// its author hashes, dialogs, preferences, the web chat's private links,
// subscriptions, reminder claims, digest watermarks, start date overrides
// and the audit log. It is logical (read and written through the store's
// own methods, never its raw documents), so it moves data between the
// embedded database and MongoDB and survives changes of the storage
// layout. The file is gzip'd JSON lines: a header line (format, version,
// creation time and a fingerprint of the author hash key, never the key),
// one line per record, and an end line with the count of each kind, so a
// cut-off file is recognised before anything is restored. It is written
// and read as a stream: memory stays bounded at any size.
package backup

import (
	"compress/gzip"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Format and Version identify the file; Read refuses other versions.
const (
	Format  = "temaplanbot-backup"
	Version = 1
)

// Record kinds, in the order a backup holds them.
const (
	KindSubmission   = "submission"
	KindDialog       = "dialog"
	KindPrefs        = "prefs"
	KindWebLink      = "web_link"
	KindSubscription = "subscription"
	KindAnnouncement = "announcement"
	KindDigestMark   = "digest_mark"
	KindPlanStart    = "plan_start"
	KindAudit        = "audit"
	kindEnd          = "end"
)

// Header is the first line of a backup.
type Header struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	// KeyFingerprint identifies the author hash key the input was hashed
	// with (see Fingerprint); the key itself is never in a backup.
	KeyFingerprint string `json:"key_fingerprint"`
	// Embedded reports whether the backup was taken from the embedded database.
	Embedded bool `json:"embedded"`
}

// Counts is how many records of each kind a backup holds.
type Counts map[string]int

// Total is the number of records of every kind.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Fingerprint identifies an author hash key without revealing it: the
// first 8 bytes, in hex, of an HMAC-SHA256 keyed with it.
func Fingerprint(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("temaplanbot backup key fingerprint v1"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// PlanStart is a staff override of a plan's start date, as backed up.
type PlanStart struct {
	Plan  string   `json:"plan"`
	Start bot.Date `json:"start"`
}

// line is one line of a backup after the header.
type line struct {
	Kind   string          `json:"kind"`
	Data   json.RawMessage `json:"data,omitempty"`
	Counts Counts          `json:"counts,omitempty"`
}

// Source is the store a backup is read from.
type Source interface {
	EachSubmission(ctx context.Context, q bot.SubmissionQuery, fn func(bot.Submission) error) error
	EachDialog(ctx context.Context, fn func(bot.Dialog) error) error
	EachPrefs(ctx context.Context, fn func(bot.Prefs) error) error
	EachWebLink(ctx context.Context, fn func(bot.WebLink) error) error
	Subscriptions(ctx context.Context, kind string) ([]bot.Subscription, error)
	Announcements(ctx context.Context, state string, since time.Time) ([]bot.Announcement, error)
	DigestMarks(ctx context.Context) ([]bot.DigestMark, error)
	PlanStarts(ctx context.Context) (map[string]bot.Date, error)
	AuditLog(ctx context.Context, object string) ([]bot.AuditEntry, error)
}

// writer encodes records and counts them.
type writer struct {
	enc    *json.Encoder
	counts Counts
}

func (w *writer) put(kind string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("backup: encode %s: %w", kind, err)
	}
	if err := w.enc.Encode(line{Kind: kind, Data: raw}); err != nil {
		return fmt.Errorf("backup: write: %w", err)
	}
	w.counts[kind]++
	return nil
}

// each writes every element of a list under kind.
func each[T any](w *writer, kind string, list []T) error {
	for _, v := range list {
		if err := w.put(kind, v); err != nil {
			return err
		}
	}
	return nil
}

// Write streams a backup of src to out (gzip'd JSON lines, see the package
// comment) and returns what it wrote. h's Format and Version are set here.
// It returns the first error of the store or of out; out then holds an
// incomplete backup without an end line, which Read refuses.
func Write(ctx context.Context, src Source, h Header, out io.Writer) (Counts, error) {
	h.Format, h.Version = Format, Version
	zw := gzip.NewWriter(out)
	w := &writer{enc: json.NewEncoder(zw), counts: Counts{}}
	w.enc.SetEscapeHTML(false)
	if err := w.enc.Encode(h); err != nil {
		return nil, fmt.Errorf("backup: write: %w", err)
	}
	if err := writeRecords(ctx, src, w); err != nil {
		return w.counts, err
	}
	if err := w.enc.Encode(line{Kind: kindEnd, Counts: w.counts}); err != nil {
		return w.counts, fmt.Errorf("backup: write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return w.counts, fmt.Errorf("backup: write: %w", err)
	}
	return w.counts, nil
}

// writeRecords writes every kind in turn.
func writeRecords(ctx context.Context, src Source, w *writer) error {
	put := func(kind string) func(v any) error { return func(v any) error { return w.put(kind, v) } }
	if err := src.EachSubmission(ctx, bot.SubmissionQuery{}, func(s bot.Submission) error { return put(KindSubmission)(s) }); err != nil {
		return fmt.Errorf("backup: submissions: %w", err)
	}
	if err := src.EachDialog(ctx, func(d bot.Dialog) error { return put(KindDialog)(d) }); err != nil {
		return fmt.Errorf("backup: dialogs: %w", err)
	}
	if err := src.EachPrefs(ctx, func(p bot.Prefs) error { return put(KindPrefs)(p) }); err != nil {
		return fmt.Errorf("backup: preferences: %w", err)
	}
	if err := src.EachWebLink(ctx, func(l bot.WebLink) error { return put(KindWebLink)(l) }); err != nil {
		return fmt.Errorf("backup: web links: %w", err)
	}
	for _, kind := range []string{bot.SubReminders, bot.SubDigest} {
		subs, err := src.Subscriptions(ctx, kind)
		if err == nil {
			err = each(w, KindSubscription, subs)
		}
		if err != nil {
			return fmt.Errorf("backup: subscriptions: %w", err)
		}
	}
	anns, err := src.Announcements(ctx, "", time.Time{})
	if err == nil {
		err = each(w, KindAnnouncement, anns)
	}
	if err != nil {
		return fmt.Errorf("backup: reminder claims: %w", err)
	}
	marks, err := src.DigestMarks(ctx)
	if err == nil {
		err = each(w, KindDigestMark, marks)
	}
	if err != nil {
		return fmt.Errorf("backup: digest watermarks: %w", err)
	}
	return writeRest(ctx, src, w)
}

// writeRest writes the start date overrides and the audit log.
func writeRest(ctx context.Context, src Source, w *writer) error {
	starts, err := src.PlanStarts(ctx)
	if err != nil {
		return fmt.Errorf("backup: start dates: %w", err)
	}
	for plan, d := range starts {
		if err := w.put(KindPlanStart, PlanStart{Plan: plan, Start: d}); err != nil {
			return err
		}
	}
	audit, err := src.AuditLog(ctx, "")
	if err == nil {
		err = each(w, KindAudit, audit)
	}
	if err != nil {
		return fmt.Errorf("backup: audit log: %w", err)
	}
	return nil
}
