package mongodb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// Writing an import's submissions on the embedded server:
//
// FerretDB v1 inserts at most 100 documents per SQLite transaction (its
// BatchSize, fixed in the embedded API), and every commit rewrites each
// index page its documents' keys touch. The keys are random (references,
// event ids, author hashes), so a commit rewrote nearly every leaf page of
// five indexes: 100,000 realistic rows wrote 2.5 GB for a 170 MB file.
// InsertSubmissions therefore writes a batch itself, straight into the
// table FerretDB keeps the submissions in, 1,000 rows a transaction
// (bulkTxRows; 1.2 GB written for the same rows): the rows
// are the JSON text FerretDB writes for the same document (appendSJSON;
// TestBulkRowsAreFerretDBs compares them byte for byte), SQLite enforces
// FerretDB's unique indexes (_id; platform and event id) and updates
// every index in the same transaction, and the commit is synced to disk
// as FerretDB's are (WAL, synchronous=full), before the call returns.
// This process's other writes wait at the store's write gate; another
// process's (a running bot sharing the server) wait for SQLite's lock.

// openWriter opens the connection bulk inserts write through (one; the
// file is in WAL mode, FerretDB's connections and the reader's beside it).
// A large page cache keeps a batch's index pages in memory until commit.
func openWriter(path string) (*sql.DB, error) {
	q := url.Values{"_pragma": {"busy_timeout(10000)", "synchronous(full)", "temp_store(memory)", "cache_size(-65536)"}}
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("mongodb: embedded server: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// errNotUTF8 says a document has a string that is not UTF-8, which
// FerretDB's JSON would not keep as is; the driver path stores it.
var errNotUTF8 = errors.New("a string is not UTF-8")

// bulkTxRows is the most rows one bulk transaction writes. SQLite has one
// writer, and a bot serving from the same file (see shared.go) waits
// while a transaction runs: importing 100,000 realistic rows, 1,000-row
// transactions took 33-128 ms (median 69); 5,000-row ones took 250-390
// ms and wrote 630 MB instead of 1.2 GB.
const bulkTxRows = 1000

// insert adds docs to the submissions table, in transactions of up to
// bulkTxRows rows, and reports which were inserted: false where a stored
// row has the same _id, or the same platform and event id. It returns
// errNotUTF8 before writing anything when a document has a string that is
// not UTF-8. On any other error the transaction in progress stores
// nothing (those before it are stored).
func (r *sqlReader) insert(ctx context.Context, docs []submissionDoc) ([]bool, error) {
	rows := make([]string, len(docs))
	var buf []byte
	for i, d := range docs {
		var ok bool
		if buf, ok = appendSJSON(buf[:0], d); !ok {
			return nil, errNotUTF8
		}
		rows[i] = string(buf)
	}
	table, err := r.submissionsTable(ctx)
	if err != nil {
		return nil, err
	}
	inserted := make([]bool, 0, len(docs))
	for len(rows) > 0 {
		n := min(len(rows), bulkTxRows)
		ok, err := r.insertTx(ctx, table, rows[:n])
		if err != nil {
			return nil, err
		}
		inserted, rows = append(inserted, ok...), rows[n:]
	}
	return inserted, nil
}

// insertTx inserts rows into table in one transaction (see insert).
func (r *sqlReader) insertTx(ctx context.Context, table string, rows []string) ([]bool, error) {
	conn, err := r.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return nil, err
	}
	done := false
	defer func() {
		if !done {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		}
	}()
	inserted := make([]bool, 0, len(rows))
	for len(rows) > 0 {
		n := min(len(rows), bulkStmtRows)
		ok, err := insertStmt(ctx, conn, table, rows[:n])
		if err != nil {
			return nil, err
		}
		inserted, rows = append(inserted, ok...), rows[n:]
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		return nil, err
	}
	done = true
	return inserted, nil
}

// bulkStmtRows is how many rows one INSERT statement carries (the SQLite
// driver prepares a statement at every execution: one a row cost 7 µs).
const bulkStmtRows = 100

// insertStmt inserts rows with one statement and reports which were
// inserted. SQLite returns the inserted rows' text; a row that was not
// inserted collided with a stored one, or with an identical row before it
// (identical text is the same document, so of those only the first can
// be inserted).
func insertStmt(ctx context.Context, conn *sql.Conn, table string, rows []string) ([]bool, error) {
	q := make([]byte, 0, 64+4*len(rows))
	q = append(q, `INSERT INTO `+table+` (_ferretdb_sjson) VALUES (?)`...)
	args := make([]any, len(rows))
	for i, row := range rows {
		if i > 0 {
			q = append(q, `,(?)`...)
		}
		args[i] = row
	}
	q = append(q, ` ON CONFLICT DO NOTHING RETURNING _ferretdb_sjson`...)
	res, err := conn.QueryContext(ctx, string(q), args...)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	stored := make(map[string]int, len(rows))
	for res.Next() {
		var row string
		if err := res.Scan(&row); err != nil {
			return nil, err
		}
		stored[row]++
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	inserted := make([]bool, len(rows))
	for i, row := range rows {
		if stored[row] > 0 {
			inserted[i] = true
			stored[row]--
		}
	}
	return inserted, nil
}

// appendSJSON appends d as FerretDB v1's SQLite backend stores it (its
// "sjson": a "$s" schema with each field's type and the key order, then
// the fields in submissionDoc's order, as BSON has them from the driver:
// strings as encoding/json writes them, the date as milliseconds, a nil
// slice as null, omitempty fields left out). It reports false when a
// string is not UTF-8.
func appendSJSON(b []byte, d submissionDoc) ([]byte, bool) {
	type field struct {
		key  string
		kind byte // 's' string, 'd' date, 'a' string array or null
		s    string
		a    []string
	}
	fields := []field{
		{key: "_id", kind: 's', s: d.Ref}, {key: "plan", kind: 's', s: d.Plan}, {key: "text", kind: 's', s: d.Text},
		{key: "lang", kind: 's', s: d.Lang}, {key: "platform", kind: 's', s: d.Platform},
		{key: "workspace", kind: 's', s: d.Workspace}, {key: "channel", kind: 's', s: d.Channel},
		{key: "author_hash", kind: 's', s: d.AuthorHash}, {key: "created", kind: 'd'},
		{key: "status", kind: 's', s: d.Status}, {key: "flags", kind: 'a', a: d.Flags},
		{key: "event_id", kind: 's', s: d.EventID}, {key: "case_number", kind: 's', s: d.CaseNumber},
	}
	if len(d.Themes) > 0 {
		fields = append(fields, field{key: "themes", kind: 'a', a: d.Themes})
	}
	if d.ThemesVersion != "" {
		fields = append(fields, field{key: "themes_version", kind: 's', s: d.ThemesVersion})
	}
	b = append(b, `{"$s":{"p":{`...)
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.key...)
		b = append(b, `":`...)
		switch {
		case f.kind == 's':
			b = append(b, `{"t":"string"}`...)
		case f.kind == 'd':
			b = append(b, `{"t":"date"}`...)
		case f.a == nil:
			b = append(b, `{"t":"null"}`...)
		default:
			b = append(b, `{"t":"array","i":[`...)
			for j := range f.a {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"t":"string"}`...)
			}
			b = append(b, `]}`...)
		}
	}
	b = append(b, `},"$k":[`...)
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.key...)
		b = append(b, '"')
	}
	b = append(b, `]}`...)
	for _, f := range fields {
		b = append(b, ',', '"')
		b = append(b, f.key...)
		b = append(b, `":`...)
		var ok bool
		switch {
		case f.kind == 's':
			if b, ok = appendJSONString(b, f.s); !ok {
				return b, false
			}
		case f.kind == 'd':
			b = strconv.AppendInt(b, d.Created.UnixMilli(), 10)
		case f.a == nil:
			b = append(b, `null`...)
		default:
			b = append(b, '[')
			for j, s := range f.a {
				if j > 0 {
					b = append(b, ',')
				}
				if b, ok = appendJSONString(b, s); !ok {
					return b, false
				}
			}
			b = append(b, ']')
		}
	}
	return append(b, '}'), true
}

// appendJSONString appends s as encoding/json writes it (FerretDB's
// encoder: <, > and & escaped too), or reports false when s is not UTF-8.
func appendJSONString(b []byte, s string) ([]byte, bool) {
	if !utf8.ValidString(s) {
		return b, false
	}
	j, err := json.Marshal(s)
	if err != nil {
		return b, false
	}
	return append(b, j...), true
}
