package mongodb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

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

// json paths of the fields the reader filters by.
const (
	sqlAuthor   = `_ferretdb_sjson->>'$.author_hash'`
	sqlCreated  = `_ferretdb_sjson->>'$.created'`
	sqlRef      = `_ferretdb_sjson->>'$._id'`
	sqlPlatform = `_ferretdb_sjson->>'$.platform'`
	sqlEvent    = `_ferretdb_sjson->>'$.event_id'`
)

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
	return r.collect(ctx, `SELECT _ferretdb_sjson FROM %s WHERE `+sqlPlatform+` = ? AND `+sqlEvent+` = ?`, platform, eventID)
}

// byAuthor returns up to limit of author's submissions, newest first,
// after skipping skip (limit < 0: all).
func (r *sqlReader) byAuthor(ctx context.Context, author string, skip, limit int) ([]bot.Submission, error) {
	return r.collect(ctx, `SELECT _ferretdb_sjson FROM %s WHERE `+sqlAuthor+` = ? ORDER BY `+sqlCreated+` DESC, `+sqlRef+` DESC LIMIT ? OFFSET ?`,
		author, limit, skip)
}

// countSince counts author's submissions created after since (ms).
func (r *sqlReader) countSince(ctx context.Context, author string, sinceMS int64) (int, error) {
	table, err := r.submissionsTable(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = r.db.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE `+sqlAuthor+` = ? AND `+sqlCreated+` > ?`, author, sinceMS).Scan(&n)
	return n, err
}

// window is the WHERE clause (and its arguments) of q's created range.
func window(q bot.SubmissionQuery) (string, []any) {
	var conds []string
	var args []any
	if !q.After.IsZero() {
		conds, args = append(conds, sqlCreated+` > ?`), append(args, ms(q.After).UnixMilli())
	}
	if !q.Until.IsZero() {
		conds, args = append(conds, sqlCreated+` <= ?`), append(args, ms(q.Until).UnixMilli())
	}
	if q.Plan != "" {
		conds, args = append(conds, `_ferretdb_sjson->>'$.plan' = ?`), append(args, q.Plan)
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
	where, args := window(q)
	order := createdOrder
	if q.Newest {
		order = sqlCreated + ` DESC, ` + sqlRef + ` DESC`
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
	where, args := window(q)
	rows, err := r.db.QueryContext(ctx, `SELECT _ferretdb_sjson->>'$.plan', _ferretdb_sjson->>'$.status',
		coalesce(json_array_length(_ferretdb_sjson, '$.flags'), 0) > 0, count(*) FROM `+table+where+` GROUP BY 1, 2, 3`, args...)
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
