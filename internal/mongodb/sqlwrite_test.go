package mongodb

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// openEmbedded opens a store on a fresh embedded server, closed when the
// test ends (a short directory: the socket path has a length limit).
func openEmbedded(t *testing.T) *Store { return openEmbeddedMode(t, false) }

// openEmbeddedMode is openEmbedded, in the store's MongoDB mode when
// mongoMode (the driver's path, as on MongoDB).
func openEmbeddedMode(t *testing.T, mongoMode bool) *Store {
	t.Helper()
	dir, err := os.MkdirTemp("", "tpbbulk")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, Config{DataDir: dir, MongoDBMode: mongoMode})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// rawRow is a submission's row in the embedded server's SQLite file.
func rawRow(t *testing.T, s *Store, ref string) string {
	t.Helper()
	ctx := context.Background()
	table, err := s.sql.submissionsTable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var row string
	if err := s.sql.db.QueryRowContext(ctx, `SELECT _ferretdb_sjson FROM `+table+` WHERE `+sqlRef+` = ?`, ref).Scan(&row); err != nil {
		t.Fatalf("row %s: %v", ref, err)
	}
	return row
}

// bulkSubs are submissions of every shape the store writes.
func bulkSubs() []bot.Submission {
	at := time.Date(2026, 3, 29, 1, 30, 15, 123456789, time.FixedZone("CEST", 2*3600))
	base := bot.Submission{Plan: "klima", Lang: bot.NB, Platform: "email", Status: bot.SubmissionNew, Created: at}
	shapes := []func(*bot.Submission){
		func(s *bot.Submission) { s.Text = "Flere ladestasjoner ved Asker stasjon." },
		func(s *bot.Submission) {
			s.Text = "<b>&</b> \"sitat\" \\ skråstrek\nny linje\ttab \u2028 \u2029 \x01 æøå ÆØÅ 🚲 é"
			s.Flags = []string{bot.FlagProfanity}
		},
		func(s *bot.Submission) { s.Flags = []string{}; s.Text = "tomme flagg" },
		func(s *bot.Submission) {
			s.Flags, s.Themes, s.ThemesVersion = []string{"a", "b"}, []string{"mobilitet", "natur"}, "v1<2"
			s.Text = "med temaer"
		},
		func(s *bot.Submission) {
			s.Platform, s.Workspace, s.Channel, s.AuthorHash = bot.PlatformSlack, "T0123", "C0123", "925d33def4b51f6c8a91f0045c73281f"
			s.Status, s.CaseNumber, s.Lang = bot.SubmissionArchived, "20/11429", bot.EN
			s.Text = "fra Slack"
		},
		func(s *bot.Submission) {
			s.Created, s.Text = time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC), "før 1970"
		},
		func(s *bot.Submission) { s.Created, s.Status, s.Text = time.Time{}, "", "uten tid og status" },
	}
	var out []bot.Submission
	for i, shape := range shapes {
		s := base
		s.Ref, s.EventID = "INN-BULK"+string(rune('A'+i)), "ev-"+string(rune('a'+i))
		shape(&s)
		out = append(out, s)
	}
	return out
}

// TestBulkRowsAreFerretDBs: the rows InsertSubmissions writes itself on
// the embedded server are byte for byte the rows FerretDB writes for the
// same documents inserted through the driver, and FerretDB reads them.
func TestBulkRowsAreFerretDBs(t *testing.T) {
	ctx := context.Background()
	viaFerret, viaSQL := openEmbedded(t), openEmbedded(t)
	now := time.Now()
	viaFerret.now, viaSQL.now = func() time.Time { return now }, func() time.Time { return now }
	subs := bulkSubs()
	for _, sub := range subs {
		if sub.Created.IsZero() {
			sub.Created = now
		}
		if sub.Status == "" {
			sub.Status = bot.SubmissionNew
		}
		if _, err := viaFerret.w(collSubmissions).InsertOne(ctx, toSubmissionDoc(sub)); err != nil {
			t.Fatal(err)
		}
	}
	inserted, err := viaSQL.InsertSubmissions(ctx, subs)
	if err != nil {
		t.Fatal(err)
	}
	for i, sub := range subs {
		if !inserted[i] {
			t.Errorf("%s not inserted", sub.Ref)
		}
		if got, want := rawRow(t, viaSQL, sub.Ref), rawRow(t, viaFerret, sub.Ref); got != want {
			t.Errorf("%s:\n got %s\nwant %s", sub.Ref, got, want)
		}
		got, err := viaSQL.Submission(ctx, sub.Ref) // through FerretDB
		if err != nil {
			t.Fatal(err)
		}
		want, err := viaFerret.Submission(ctx, sub.Ref)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s read back:\n got %+v\nwant %+v", sub.Ref, got, want)
		}
	}
}

// TestBulkInsertKeepsKeysUnique: a bulk insert stores no second row under
// a stored reference or (platform, event id), in another batch or the
// same one, reports those as not inserted, and leaves the indexes that the
// store's other reads and writes use correct: written straight into
// SQLite on the embedded server, and through the driver (MongoDB mode).
func TestBulkInsertKeepsKeysUnique(t *testing.T) {
	for _, mongoMode := range []bool{false, true} {
		t.Run(fmt.Sprint("mongodb-mode=", mongoMode), func(t *testing.T) { testBulkKeysUnique(t, openEmbeddedMode(t, mongoMode)) })
	}
}

func testBulkKeysUnique(t *testing.T, s *Store) {
	ctx := context.Background()
	sub := func(ref, event, author string) bot.Submission {
		return bot.Submission{Ref: ref, EventID: event, Platform: "email", Plan: "klima", Text: "Et innspill om sykkelveier.",
			AuthorHash: author, Created: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	}
	first, err := s.InsertSubmissions(ctx, []bot.Submission{sub("INN-AAAAAA", "e1", "aa"), sub("INN-BBBBBB", "e2", "aa"), sub("INN-CCCCCC", "e3", "bb")})
	if err != nil || !reflect.DeepEqual(first, []bool{true, true, true}) {
		t.Fatalf("first batch: %v, %v", first, err)
	}
	second, err := s.InsertSubmissions(ctx, []bot.Submission{
		sub("INN-AAAAAA", "e9", "cc"), // a stored reference
		sub("INN-DDDDDD", "e2", "cc"), // a stored event
		sub("INN-EEEEEE", "e5", "aa"), // new
		sub("INN-FFFFFF", "e5", "aa"), // the same event again in the batch
		sub("INN-HHHHHH", "e6", "cc"), // new
		sub("INN-HHHHHH", "e6", "cc"), // the very same row again
	})
	if want := []bool{false, false, true, false, true, false}; err != nil || !reflect.DeepEqual(second, want) {
		t.Fatalf("second batch: %v, %v; want %v", second, err, want)
	}
	if _, created, err := s.AddSubmission(ctx, sub("INN-GGGGGG", "e3", "bb")); err != nil || created {
		t.Errorf("AddSubmission of a bulk-inserted event: created %v, %v", created, err)
	}
	if _, err := s.Submission(ctx, "INN-DDDDDD"); err == nil {
		t.Error("a refused row was stored")
	}
	for ref, author := range map[string]string{"INN-AAAAAA": "aa", "INN-EEEEEE": "aa", "INN-CCCCCC": "bb"} {
		if got, err := s.Submission(ctx, ref); err != nil || got.AuthorHash != author {
			t.Errorf("Submission(%s) = %+v, %v", ref, got, err)
		}
	}
	if mine, err := s.SubmissionsBy(ctx, "aa"); err != nil || len(mine) != 3 {
		t.Errorf("SubmissionsBy(aa) = %d rows, %v; want 3", len(mine), err)
	}
	n := 0
	if err := s.EachSubmission(ctx, bot.SubmissionQuery{}, func(bot.Submission) error { n++; return nil }); err != nil || n != 5 {
		t.Errorf("EachSubmission saw %d, %v; want 5", n, err)
	}
}

// TestBulkInsertAcrossStatements: in a batch larger than a statement and
// a transaction, each row's answer is its own.
func TestBulkInsertAcrossStatements(t *testing.T) {
	ctx := context.Background()
	s := openEmbedded(t)
	n := 2*bulkTxRows + 3*bulkStmtRows + 7
	subs := make([]bot.Submission, n)
	want := make([]bool, n)
	for i := range subs {
		subs[i] = bot.Submission{Ref: fmt.Sprintf("INN-%06d", i), EventID: fmt.Sprintf("e%d", i), Platform: "email",
			Plan: "klima", Text: "Et innspill om sykkelveier.", Created: time.Date(2026, 5, 1, 12, 0, i, 0, time.UTC)}
		want[i] = true
		if i%97 == 96 { // the event of a row before, in this statement or an earlier one
			subs[i].EventID, want[i] = fmt.Sprintf("e%d", i-3*(i%5)-1), false
		}
	}
	got, err := s.InsertSubmissions(ctx, subs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("row %d inserted %v, want %v", i, got[i], want[i])
			}
		}
	}
	// Every index holds exactly the table's rows.
	var check string
	if err := s.sql.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
}

// TestBulkWritesAreSynced: the connection bulk inserts commit through
// syncs every commit as FerretDB's do (synchronous=full) and waits for a
// lock held by another connection or process.
func TestBulkWritesAreSynced(t *testing.T) {
	s := openEmbedded(t)
	for pragma, want := range map[string]int{"synchronous": 2, "busy_timeout": 10000, "journal_mode": -1} {
		var got any
		if err := s.sql.w.QueryRowContext(context.Background(), "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want == -1 {
			if got != "wal" {
				t.Errorf("journal_mode = %v, want wal", got)
			}
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %d", pragma, got, want)
		}
	}
}
