package mongodb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Reading submissions on the embedded server:
//
// FerretDB v1 on SQLite answers any filter but {_id: value} by decoding
// every document, so "my input", the rate limit, the idempotency check
// and digests would read the whole collection. Earlier versions kept key
// documents (per author, per hour) beside each submission: three journaled
// writes per input, and on this server every update rewrites the whole
// document, so a save cost 12-15x a raw insert and an import with real
// residents ran at 276 rows/s.
//
// Instead, SQLite itself maintains expression indexes on the submissions
// table (by author and created, by platform and event id, by created; see
// Server.IndexSubmissions) on the one insert FerretDB makes, and the
// store reads those queries straight from the SQLite file (WAL mode: reads
// run beside FerretDB's writer and see every acknowledged write). A save
// is one insert, as on MongoDB. Rows are decoded with decodeSJSON, which
// checks every row's field types, so a change of FerretDB's storage format
// is an error, never a wrong answer.

// sqlReader reads the submissions table of one database in the embedded
// server's SQLite file.
type sqlReader struct {
	db *sql.DB
	w  *sql.DB // bulk inserts (see sqlwrite.go)
}

// submissionsTable is the SQLite table FerretDB keeps the submissions in.
func (r *sqlReader) submissionsTable(ctx context.Context) (string, error) {
	var table string
	err := r.db.QueryRowContext(ctx, `SELECT table_name FROM `+ferretCollectionsTable+` WHERE name = ?`, collSubmissions).Scan(&table)
	if err != nil {
		return "", fmt.Errorf("table of %s: %w", collSubmissions, err)
	}
	return quoteIdent(table), nil
}

// Expressions of the fields the reader filters by. An index serves a
// query only for the very same expression, so these are used verbatim in
// both (see Server.IndexSubmissions).
const (
	sqlAuthor  = `_ferretdb_sjson->>'$.author_hash'`
	sqlCreated = `_ferretdb_sjson->>'$.created'`
	sqlRef     = `_ferretdb_sjson->>'$._id'`
	sqlPlan    = `_ferretdb_sjson->>'$.plan'`
	sqlStatus  = `_ferretdb_sjson->>'$.status'`
	sqlFlagged = `coalesce(json_array_length(_ferretdb_sjson, '$.flags'), 0) > 0`
	// sqlAuthorKey is what the author index holds: the first
	// authorKeyLen characters of the hash, a quarter of the key size,
	// so that an import's random inserts dirty fewer index pages per
	// commit. Rows of another author with the same prefix are filtered
	// out by the full hash.
	sqlAuthorKey = `substr(` + sqlAuthor + `, 1, 16)`
	// sqlEventKey is the expression of FerretDB's own unique index on
	// (platform, event_id): FerretDB creates it as field->"name" (JSON
	// text), so lookups by event id need no index of ours.
	sqlEventKey = `_ferretdb_sjson->"platform" = ? AND _ferretdb_sjson->"event_id" IN (?, ?)`
)

// The reader's queries by event and by author; %s stands for the table.
const (
	qByEvent  = `SELECT _ferretdb_sjson FROM %s WHERE ` + sqlEventKey
	qByAuthor = `SELECT _ferretdb_sjson FROM %s WHERE ` + sqlAuthorKey + ` = ? AND ` + sqlAuthor + ` = ?
		ORDER BY ` + sqlCreated + ` DESC, ` + sqlRef + ` DESC LIMIT ? OFFSET ?`
	qCounts = `SELECT ` + sqlPlan + `, ` + sqlStatus + `, ` + sqlFlagged + `, count(*) FROM %s`
	// qCountSince counts from the index alone (no row is read, so a
	// resident with thousands of inputs costs what one with a few does):
	// authors are keyed hashes (HMAC-SHA256), so two sharing the first 16
	// hex digits is a 1 in 2^64 chance per pair, and would only count
	// the other's input towards the rate limit and the list's total.
	qCountSince = `SELECT count(*) FROM %s WHERE ` + sqlAuthorKey + ` = ? AND ` + sqlCreated + ` > ?`
)

// plan is SQLite's query plan for query (with %s for the table), its
// steps joined by "; " (tests check that reads are index searches).
func (r *sqlReader) plan(ctx context.Context, query string, args ...any) (string, error) {
	table, err := r.submissionsTable(ctx)
	if err != nil {
		return "", err
	}
	rows, err := r.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+strings.ReplaceAll(query, "%s", table), args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "; "), rows.Err()
}

// authorKey is the indexed prefix of an author hash (see sqlAuthorKey).
func authorKey(author string) string {
	if len(author) > 16 {
		return author[:16]
	}
	return author
}

// jsonTexts are the ways FerretDB may have written s as JSON text (Go's
// encoder escapes <, > and & unless told not to).
func jsonTexts(s string) (escaped, plain string) {
	e, _ := json.Marshal(s)
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return string(e), strings.TrimSuffix(b.String(), "\n")
}

// each runs query (with %s for the table) and calls fn with every row
// decoded; fn returns false to stop.
func (r *sqlReader) each(ctx context.Context, query string, args []any, fn func(bot.Submission) (bool, error)) error {
	table, err := r.submissionsTable(ctx)
	if err != nil {
		return err
	}
	rows, err := r.db.QueryContext(ctx, strings.ReplaceAll(query, "%s", table), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var raw []byte
	for rows.Next() {
		if err := rows.Scan(&raw); err != nil {
			return err
		}
		sub, err := decodeSJSON(raw)
		if err != nil {
			return err
		}
		more, err := fn(sub)
		if err != nil || !more {
			return err
		}
	}
	return rows.Err()
}

// collect returns the rows of query.
func (r *sqlReader) collect(ctx context.Context, query string, args ...any) ([]bot.Submission, error) {
	var out []bot.Submission
	err := r.each(ctx, query, args, func(s bot.Submission) (bool, error) {
		out = append(out, s)
		return true, nil
	})
	return out, err
}

// byEvent returns the submissions stored for (platform, eventID).
func (r *sqlReader) byEvent(ctx context.Context, platform, eventID string) ([]bot.Submission, error) {
	p, _ := jsonTexts(platform)
	e1, e2 := jsonTexts(eventID)
	return r.collect(ctx, qByEvent, p, e1, e2)
}

// byAuthor returns up to limit of author's submissions, newest first,
// after skipping skip (limit < 0: all).
func (r *sqlReader) byAuthor(ctx context.Context, author string, skip, limit int) ([]bot.Submission, error) {
	return r.collect(ctx, qByAuthor, authorKey(author), author, limit, skip)
}

// countSince counts author's submissions created after since (ms).
func (r *sqlReader) countSince(ctx context.Context, author string, sinceMS int64) (int, error) {
	table, err := r.submissionsTable(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = r.db.QueryRowContext(ctx, strings.ReplaceAll(qCountSince, "%s", table), authorKey(author), sinceMS).Scan(&n)
	return n, err
}

// sqlWindow is the WHERE clause (and its arguments) of q's created range.
func sqlWindow(q bot.SubmissionQuery) (string, []any) {
	var conds []string
	var args []any
	if !q.After.IsZero() {
		conds, args = append(conds, sqlCreated+` > ?`), append(args, ms(q.After).UnixMilli())
	}
	if !q.Until.IsZero() {
		conds, args = append(conds, sqlCreated+` <= ?`), append(args, ms(q.Until).UnixMilli())
	}
	if q.Plan != "" {
		conds, args = append(conds, sqlPlan+` = ?`), append(args, q.Plan)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// scan calls fn for every submission matching q in created, then ref
// order (newest first when q.Newest), walking the created index through
// q's window; other filters are applied to the decoded rows. SQLite's
// sorter spills to disk, so memory stays bounded. Limit is the caller's.
func (r *sqlReader) scan(ctx context.Context, q bot.SubmissionQuery, fn func(bot.Submission) (bool, error)) error {
	where, args := sqlWindow(q)
	order := createdOrder
	if q.Newest {
		order = newestOrder
	}
	q.After, q.Until = ms(q.After), ms(q.Until)
	return r.each(ctx, `SELECT _ferretdb_sjson FROM %s`+where+` ORDER BY `+order, args, func(s bot.Submission) (bool, error) {
		if !q.Match(s) {
			return true, nil
		}
		return fn(s)
	})
}

// counts counts the submissions in q's window per plan, status and
// flagged with one aggregate query (no row is decoded in Go).
func (r *sqlReader) counts(ctx context.Context, q bot.SubmissionQuery) ([]bot.SubmissionCount, error) {
	table, err := r.submissionsTable(ctx)
	if err != nil {
		return nil, err
	}
	where, args := sqlWindow(q)
	rows, err := r.db.QueryContext(ctx, strings.ReplaceAll(qCounts, "%s", table)+where+` GROUP BY 1, 2, 3`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []bot.SubmissionCount
	for rows.Next() {
		var c bot.SubmissionCount
		var plan, status sql.NullString
		if err := rows.Scan(&plan, &status, &c.Flagged, &c.N); err != nil {
			return nil, err
		}
		c.Plan, c.Status = plan.String, bot.SubmissionStatus(status.String)
		if (len(q.Statuses) == 0 || slices.Contains(q.Statuses, c.Status)) && (!q.Flagged || c.Flagged) {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// ExplainReads returns SQLite's query plan of each of the store's reads
// of submissions on the embedded server, by name (for tests: every one
// must search an index, never scan the table). It returns an error when
// the store does not read the SQLite file (MongoDB, MongoDBMode).
func (s *Store) ExplainReads(ctx context.Context) (map[string]string, error) {
	if s.sql == nil {
		return nil, fmt.Errorf("mongodb: explain reads: the store does not read SQLite: %w", bot.ErrInvalid)
	}
	window := bot.SubmissionQuery{After: time.Unix(1, 0), Until: time.Unix(2, 0)}
	where, args := sqlWindow(window)
	queries := map[string]struct {
		q    string
		args []any
	}{
		"by event":  {qByEvent, []any{`"slack"`, `"Ev1"`, `"Ev1"`}},
		"by author": {qByAuthor, []any{"abc", "abc", 5, 0}},
		"count":     {qCountSince, []any{"abc", 0, "abc"}},
		"window":    {`SELECT _ferretdb_sjson FROM %s` + where + ` ORDER BY ` + createdOrder, args},
		"newest":    {`SELECT _ferretdb_sjson FROM %s` + where + ` ORDER BY ` + newestOrder, args},
		"counts":    {qCounts + where + ` GROUP BY 1, 2, 3`, args},
	}
	out := map[string]string{}
	for name, q := range queries {
		plan, err := s.sql.plan(ctx, q.q, q.args...)
		if err != nil {
			return nil, fmt.Errorf("mongodb: explain %s: %w", name, err)
		}
		out[name] = plan
	}
	return out, nil
}
