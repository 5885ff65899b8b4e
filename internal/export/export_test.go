package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func subs() []bot.Submission {
	return []bot.Submission{
		{Ref: "INN-7K3QF9", Plan: "klima", Text: "Flere ladestasjoner ved Asker stasjon. Blåbærsyltetøy, «sitater» og ÆØÅ.",
			Lang: bot.NB, Platform: bot.PlatformSlack, AuthorHash: "hashA", Status: bot.SubmissionNew,
			Created: time.Date(2024, 1, 15, 8, 5, 0, 0, time.UTC)}, // winter: +01:00
		{Ref: "INN-2M8XP4", Plan: "kultur", Text: "Line one, with a comma\nline \"two\"; with a semicolon\r\nline three",
			Lang: bot.EN, Platform: bot.PlatformDiscord, AuthorHash: "hashB", Status: bot.SubmissionArchived,
			CaseNumber: "20/11429", Flags: []string{bot.FlagProfanity, "other"},
			Created: time.Date(2024, 7, 1, 21, 30, 0, 0, time.UTC)}, // summer time: +02:00
		{Ref: "INN-9Z9Z9Z", Plan: "helse", Text: "=HYPERLINK(\"http://evil.example\",\"klikk\")",
			Lang: bot.NB, Platform: bot.PlatformSlack, AuthorHash: "=cmd|' /C calc'!A0", Status: bot.SubmissionHidden,
			Created: time.Date(2024, 12, 31, 23, 0, 0, 0, time.UTC)}, // new year in Oslo
	}
}

func write(t *testing.T, opt export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(&b, subs(), opt); err != nil {
		t.Fatalf("write: %v", err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n got %q\nwant %q", name, got, want)
	}
}

// readCSV checks the BOM and parses the rest like a spreadsheet would.
func readCSV(t *testing.T, b []byte, comma rune) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM at the start: %q", b[:min(len(b), 10)])
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse CSV: %v", err)
	}
	return rows
}

func TestCSV(t *testing.T) {
	out := write(t, export.Options{})
	golden(t, "export.csv", out)
	rows := readCSV(t, out, ';')
	wantHeader := []string{"reference", "plan", "created", "language", "platform", "status", "case_number", "flags", "text",
		"themes", "duplicate_of"}
	if !slices.Equal(rows[0], wantHeader) {
		t.Errorf("header = %q, want %q", rows[0], wantHeader)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want header + 3", len(rows))
	}
	in := subs()
	for _, tc := range []struct {
		row, col int
		want     string
	}{
		{1, 0, "INN-7K3QF9"},
		{1, 2, "2024-01-15 09:05"}, // Europe/Oslo, winter
		{2, 2, "2024-07-01 23:30"}, // summer time
		{3, 2, "2025-01-01 00:00"}, // the new year starts earlier in Oslo
		{1, 8, in[0].Text},         // æøå intact
		{2, 8, strings.ReplaceAll(in[1].Text, "\r\n", "\n")},
		{2, 6, "20/11429"},
		{2, 7, "profanity, other"},
		{2, 5, "archived"},
		{2, 3, "en"},
		{3, 8, "'" + in[2].Text}, // formula neutralised
	} {
		if got := rows[tc.row][tc.col]; got != tc.want {
			t.Errorf("row %d col %d = %q, want %q", tc.row, tc.col, got, tc.want)
		}
	}
	if bytes.Contains(out, []byte("hashA")) || bytes.Contains(out, []byte("author_hash")) {
		t.Error("anonymous export contains author hashes")
	}
	// Every line ends with CRLF, including lines inside the quoted text.
	if n, crlf := bytes.Count(out, []byte("\n")), bytes.Count(out, []byte("\r\n")); n != crlf {
		t.Errorf("%d line feeds, only %d of them after a carriage return", n, crlf)
	}
}

func TestCSVInjection(t *testing.T) {
	for _, cell := range []string{"=1+1", "+47 123", "-2+3", "@SUM(A1)", "\t=1", "\r=1"} {
		t.Run(cell, func(t *testing.T) {
			s := subs()[0]
			s.Text, s.Plan, s.CaseNumber = cell, cell, cell
			var b bytes.Buffer
			if err := export.Write(&b, []bot.Submission{s}, export.Options{}); err != nil {
				t.Fatal(err)
			}
			row := readCSV(t, b.Bytes(), ';')[1]
			for _, col := range []int{1, 6, 8} {
				if !strings.HasPrefix(row[col], "'") {
					t.Errorf("col %d = %q, want a leading apostrophe", col, row[col])
				}
			}
		})
	}
	for _, safe := range []string{"Hei = hallo", "a-b", "100", "mail@example"} {
		s := subs()[0]
		s.Text = safe
		var b bytes.Buffer
		if err := export.Write(&b, []bot.Submission{s}, export.Options{}); err != nil {
			t.Fatal(err)
		}
		if got := readCSV(t, b.Bytes(), ';')[1][8]; got != safe {
			t.Errorf("safe text %q written as %q", safe, got)
		}
	}
}

func TestCSVOptions(t *testing.T) {
	h := export.CSVHeader{Reference: "Referanse", Created: "Opprettet", Text: "Innspill"}
	out := write(t, export.Options{WithAuthorHash: true, Header: h, Comma: ',', Location: time.UTC})
	rows := readCSV(t, out, ',')
	want := []string{"Referanse", "plan", "Opprettet", "language", "platform", "status", "case_number", "flags", "Innspill",
		"themes", "duplicate_of", "author_hash"}
	if !slices.Equal(rows[0], want) {
		t.Errorf("header = %q, want %q", rows[0], want)
	}
	if rows[1][11] != "hashA" || rows[3][11] != "'=cmd|' /C calc'!A0" {
		t.Errorf("author hashes = %q, %q", rows[1][11], rows[3][11])
	}
	if rows[1][2] != "2024-01-15 08:05" {
		t.Errorf("created in UTC = %q", rows[1][2])
	}
	if rows[2][7] != "profanity, other" {
		t.Errorf("flags with comma separator = %q", rows[2][7])
	}
}

func TestJSONLines(t *testing.T) {
	out := write(t, export.Options{Format: export.FormatJSON})
	golden(t, "export.jsonl", out)
	sc := bufio.NewScanner(bytes.NewReader(out))
	var lines []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", len(lines)+1, err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	in := subs()
	if lines[0]["text"] != in[0].Text || lines[1]["text"] != in[1].Text || lines[2]["text"] != in[2].Text {
		t.Errorf("texts changed: %v", lines)
	}
	if lines[0]["created"] != "2024-01-15T09:05:00+01:00" || lines[1]["created"] != "2024-07-01T23:30:00+02:00" {
		t.Errorf("created = %v, %v", lines[0]["created"], lines[1]["created"])
	}
	if _, ok := lines[0]["author_hash"]; ok {
		t.Error("anonymous JSON export has author_hash")
	}
	if f, ok := lines[0]["flags"].([]any); !ok || len(f) != 0 {
		t.Errorf("no flags = %#v, want []", lines[0]["flags"])
	}
	withHash := write(t, export.Options{Format: export.FormatJSON, WithAuthorHash: true})
	if !bytes.Contains(withHash, []byte(`"author_hash":"hashB"`)) {
		t.Errorf("author hash missing with WithAuthorHash: %s", withHash)
	}
}

func TestEmptyAndErrors(t *testing.T) {
	var b bytes.Buffer
	if err := export.Write(&b, nil, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "\uFEFFreference;plan;created;language;platform;status;case_number;flags;text;themes;duplicate_of\r\n" {
		t.Errorf("empty CSV = %q", got)
	}
	b.Reset()
	if err := export.Write(&b, nil, export.Options{Format: export.FormatJSON}); err != nil || b.Len() != 0 {
		t.Errorf("empty JSON = %q, %v", b.String(), err)
	}
	if err := export.Write(&b, subs(), export.Options{Format: "xlsx"}); !errors.Is(err, bot.ErrInvalid) {
		t.Errorf("unknown format: %v, want ErrInvalid", err)
	}
	if err := export.Write(failWriter{}, subs(), export.Options{}); err == nil {
		t.Error("a failing writer gave no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestThemesAndDuplicates: the stored themes are written as a column, and
// Annotate (internal/insight in the export command) replaces them and marks
// near-duplicates with the earlier input's reference.
func TestThemesAndDuplicates(t *testing.T) {
	in := subs()
	in[0].Themes = []string{"transport", "energi"}
	var b bytes.Buffer
	if err := export.Write(&b, in, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, b.Bytes(), ';'); rows[1][9] != "transport, energi" || rows[1][10] != "" {
		t.Errorf("stored themes: %q", rows[1])
	}
	annotate := func(s bot.Submission) ([]string, string) {
		if s.Ref == in[2].Ref {
			return []string{"avfall"}, in[0].Ref
		}
		return nil, ""
	}
	b.Reset()
	if err := export.Write(&b, in, export.Options{Annotate: annotate}); err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, b.Bytes(), ';'); rows[1][9] != "" || rows[3][9] != "avfall" || rows[3][10] != in[0].Ref {
		t.Errorf("annotated: %q / %q", rows[1], rows[3])
	}
	b.Reset()
	if err := export.Write(&b, in, export.Options{Format: export.FormatJSON, Annotate: annotate}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"themes":["avfall"],"duplicate_of":"`+in[0].Ref+`"`) {
		t.Errorf("JSON without themes and duplicate_of: %s", b.String())
	}
}
