package mongodb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Why the embedded server needs one more index per collection:
//
// FerretDB v1 on SQLite keeps each document as JSON in one column and
// answers a query whose filter is exactly {_id: <string or ObjectID>} (a
// find, an update or a delete by _id) with
//
//	SELECT ... WHERE _ferretdb_sjson->'$._id' = ?
//
// but the unique _id index it creates is on the expression
// _ferretdb_sjson->"_id". SQLite uses an expression index only for the very
// same expression, so every lookup by _id scanned the whole table: 90 ms at
// 20,000 documents and growing with the collection, for every dialog read,
// every prefs read and every update. An index on the expression FerretDB
// queries by turns those into index searches (0.3 ms at any size).
//
// FerretDB does not know about this index and does not need to: SQLite
// maintains it on every write, and dropping a collection drops its table
// and the index with it.

// idPathExpr is the expression FerretDB v1's SQLite backend filters _id by
// (metadata.IDColumn in its source).
const idPathExpr = `_ferretdb_sjson->'$._id'`

// idIndexSuffix names our index: <table>_tpb_id, apart from FerretDB's
// own <table>_<index name>.
const idIndexSuffix = "_tpb_id"

// ferretCollectionsTable is FerretDB v1's SQLite table mapping collection
// names to table names.
const ferretCollectionsTable = "_ferretdb_collections"

// sqliteFile returns the path of the SQLite file holding database.
func (s *Server) sqliteFile(database string) string {
	return sqliteFile(s.dbDir, database)
}

// sqliteFile is the path of the SQLite file holding database in dbDir.
func sqliteFile(dbDir, database string) string {
	return filepath.Join(dbDir, database+".sqlite")
}

// openSQLite opens the server's SQLite file for database beside FerretDB
// (the file is in WAL mode, so both can use it; busy_timeout waits for
// FerretDB's writes instead of failing).
func (s *Server) openSQLite(database string) (*sql.DB, error) {
	return openSQLiteFile(s.sqliteFile(database))
}

// openSQLiteFile opens an embedded server's SQLite file (see openSQLite).
func openSQLiteFile(path string) (*sql.DB, error) {
	u := url.URL{Scheme: "file", Path: path, RawQuery: "_pragma=busy_timeout(10000)"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("mongodb: embedded server: open %s: %w", path, err)
	}
	return db, nil
}

// IndexIDs makes lookups by _id index searches in every collection of
// database (see the comment at idPathExpr): it creates the missing
// expression indexes and reports how many it created. Collections created
// later get theirs at the next call (the store calls it at every Open,
// after creating its collections). Errors come from SQLite.
func (s *Server) IndexIDs(ctx context.Context, database string) (int, error) {
	db, err := s.openSQLite(database)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	tables, err := ferretTables(ctx, db)
	if err != nil {
		return 0, err
	}
	created := 0
	for _, table := range tables {
		name := table + idIndexSuffix
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&n)
		if err != nil {
			return created, fmt.Errorf("mongodb: embedded server: look for index %s: %w", name, err)
		}
		if n > 0 {
			continue
		}
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (%s)`, quoteIdent(name), quoteIdent(table), idPathExpr)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return created, fmt.Errorf("mongodb: embedded server: create index %s: %w", name, err)
		}
		created++
	}
	return created, nil
}

// createdOrder is the order the store reads submissions in on the
// embedded server (see scan.go); an index on the same expressions lets
// SQLite walk it instead of sorting every row.
const createdOrder = sqlCreated + `, ` + sqlRef

// newestOrder is createdOrder backwards.
const newestOrder = sqlCreated + ` DESC, ` + sqlRef + ` DESC`

// submissionIndexes are the expression indexes SQLite keeps on the
// submissions table for the store's reads (see sqlread.go), by name suffix.
func submissionIndexes() [][2]string {
	return [][2]string{
		// Plan, status and flagged too, so CountSubmissions reads the
		// index alone (SQLite uses an indexed expression's value from the
		// index) instead of parsing every row's JSON.
		{"_tpb_created_counts", createdOrder + `, ` + sqlPlan + `, ` + sqlStatus + `, ` + sqlFlagged},
		{"_tpb_author", sqlAuthorKey + `, ` + sqlCreated + `, ` + sqlRef},
	}
}

// IndexSubmissions creates the expression indexes the store reads
// collection of database by (see sqlread.go) when they are missing.
// Errors come from SQLite.
func (s *Server) IndexSubmissions(ctx context.Context, database, collection string) error {
	db, err := s.openSQLite(database)
	if err != nil {
		return err
	}
	defer db.Close()
	var table string
	err = db.QueryRowContext(ctx, `SELECT table_name FROM `+ferretCollectionsTable+` WHERE name = ?`, collection).Scan(&table)
	if err != nil {
		return fmt.Errorf("mongodb: embedded server: table of %s: %w", collection, err)
	}
	// An older, narrower index on created: the one above replaces it.
	if _, err := db.ExecContext(ctx, `DROP INDEX IF EXISTS `+quoteIdent(table+"_tpb_created")); err != nil {
		return fmt.Errorf("mongodb: embedded server: drop old index: %w", err)
	}
	for _, ix := range submissionIndexes() {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (%s)`, quoteIdent(table+ix[0]), quoteIdent(table), ix[1])
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("mongodb: embedded server: index %s%s: %w", collection, ix[0], err)
		}
	}
	return nil
}

// ExplainIDLookup returns SQLite's query plan for the statement FerretDB
// runs to find a document of collection by _id, e.g. "SEARCH t USING INDEX
// t_tpb_id (<expr>=?)" (tests use it to prove a lookup is an index search).
func (s *Server) ExplainIDLookup(ctx context.Context, database, collection string) (string, error) {
	db, err := s.openSQLite(database)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var table string
	err = db.QueryRowContext(ctx, `SELECT table_name FROM `+ferretCollectionsTable+` WHERE name = ?`, collection).Scan(&table)
	if err != nil {
		return "", fmt.Errorf("mongodb: embedded server: table of %s: %w", collection, err)
	}
	rows, err := db.QueryContext(ctx, fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %s WHERE %s = ?`,
		quoteIdent(table), idPathExpr), `"x"`)
	if err != nil {
		return "", fmt.Errorf("mongodb: embedded server: explain: %w", err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", fmt.Errorf("mongodb: embedded server: explain: %w", err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; "), rows.Err()
}

func ferretTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM `+ferretCollectionsTable)
	if err != nil {
		return nil, fmt.Errorf("mongodb: embedded server: list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("mongodb: embedded server: list tables: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// quoteIdent quotes an SQLite identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// codeNamespaceExists is the server's answer to creating a collection that exists.
const codeNamespaceExists = 48

// createCollections creates the store's collections that do not exist yet,
// so that IndexIDs can index them before the first write.
func (s *Store) createCollections(ctx context.Context) error {
	for _, name := range collections() {
		err := s.db.CreateCollection(ctx, name)
		var ce mongo.CommandError
		if err != nil && !(errors.As(err, &ce) && ce.Code == codeNamespaceExists) {
			return wrapErr("create collection "+name, err)
		}
	}
	return nil
}

// indexIDs runs Server.IndexIDs on the embedded server (nothing to do on
// MongoDB, which looks _id up in its _id index).
func (s *Store) indexIDs(ctx context.Context) error {
	if s.server == nil {
		return nil
	}
	if err := s.createCollections(ctx); err != nil {
		return err
	}
	n, err := s.server.IndexIDs(ctx, s.db.Name())
	if err != nil {
		return err
	}
	if err := s.server.IndexSubmissions(ctx, s.db.Name(), collSubmissions); err != nil {
		return err
	}
	if n > 0 {
		s.logger.Info("mongodb: embedded server: indexed _id lookups", "collections", n)
	}
	return nil
}
