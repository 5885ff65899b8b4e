// Package export writes residents' submissions for staff: CSV that opens
// correctly in Excel with Norwegian letters, or JSON Lines for scripts.
// Exports are anonymous unless the caller asks for the author hash.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Formats.
const (
	FormatCSV  = "csv"
	FormatJSON = "json" // JSON Lines: one object per line
)

// CreatedLayout is how the created time is written in CSV (in Options.Location).
const CreatedLayout = "2006-01-02 15:04"

// DefaultComma is the CSV field separator: a semicolon, because Excel with
// Norwegian regional settings splits CSV files on the list separator, which
// is ";" there; a comma-separated file would open as one column.
const DefaultComma = ';'

// bom is the UTF-8 byte order mark; without it Excel reads UTF-8 as
// Windows-1252 and "æøå" turns into "Ã¦Ã¸Ã¥".
const bom = "\uFEFF"

// Options control Write.
type Options struct {
	// Format is FormatCSV (default when empty) or FormatJSON.
	Format string
	// WithAuthorHash adds the author hash column/field; off by default so
	// exports are anonymous.
	WithAuthorHash bool
	// Location for created times; nil means Europe/Oslo.
	Location *time.Location
	// Header names the CSV columns; empty names fall back to DefaultHeader.
	Header CSVHeader
	// Comma separates CSV fields; 0 means DefaultComma.
	Comma rune
	// Annotate, when set, gives each submission's themes (recomputed when
	// the stored ones are stale) and the reference of the earlier input it
	// nearly duplicates (see internal/insight); without it the stored
	// themes are written and no duplicates are marked.
	Annotate func(bot.Submission) (themes []string, duplicateOf string)
}

// CSVHeader holds the CSV column names. The defaults (DefaultHeader) are
// fixed, English, machine-readable names that scripts can rely on; a
// caller may pass localized names for people instead.
type CSVHeader struct {
	Reference, Plan, Created, Language, Platform, Status, CaseNumber, Flags, Text, AuthorHash string
	Themes, DuplicateOf                                                                       string
}

// DefaultHeader is the fixed machine-readable CSV header.
func DefaultHeader() CSVHeader {
	return CSVHeader{
		Reference: "reference", Plan: "plan", Created: "created", Language: "language",
		Platform: "platform", Status: "status", CaseNumber: "case_number", Flags: "flags",
		Text: "text", AuthorHash: "author_hash", Themes: "themes", DuplicateOf: "duplicate_of",
	}
}

// withDefaults fills empty names from DefaultHeader.
func (h CSVHeader) withDefaults() CSVHeader {
	d := DefaultHeader()
	pick := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	return CSVHeader{
		Reference: pick(h.Reference, d.Reference), Plan: pick(h.Plan, d.Plan), Created: pick(h.Created, d.Created),
		Language: pick(h.Language, d.Language), Platform: pick(h.Platform, d.Platform), Status: pick(h.Status, d.Status),
		CaseNumber: pick(h.CaseNumber, d.CaseNumber), Flags: pick(h.Flags, d.Flags), Text: pick(h.Text, d.Text),
		AuthorHash: pick(h.AuthorHash, d.AuthorHash), Themes: pick(h.Themes, d.Themes),
		DuplicateOf: pick(h.DuplicateOf, d.DuplicateOf),
	}
}

// Write writes subs to w in opt.Format (see Writer). It returns an error
// wrapping bot.ErrInvalid for an unknown format, an error when Europe/Oslo
// cannot be loaded (embed time/tzdata in main), or the writer's error.
func Write(w io.Writer, subs []bot.Submission, opt Options) error {
	ew, err := NewWriter(w, opt)
	if err != nil {
		return err
	}
	for _, s := range subs {
		if err := ew.Write(s); err != nil {
			return err
		}
	}
	return ew.Close()
}

// Writer writes submissions one at a time as they are read, so an export
// of any size needs the memory of one row. CSV: UTF-8 with BOM, CRLF line
// ends, a header row, columns reference, plan, created, language,
// platform, status, case_number, flags (joined with ", "), text, themes
// (joined with ", "), duplicate_of, and author_hash only with WithAuthorHash; cells that a spreadsheet would run
// as a formula get a leading apostrophe. JSON: one object per line.
type Writer struct {
	bw  *bufio.Writer
	cw  *csv.Writer   // CSV only
	enc *json.Encoder // JSON only
	opt Options
	row []string
}

// NewWriter starts an export to w in opt.Format and writes the CSV header.
// It returns an error wrapping bot.ErrInvalid for an unknown format, an
// error when Europe/Oslo cannot be loaded, or the writer's error.
func NewWriter(w io.Writer, opt Options) (*Writer, error) {
	if opt.Location == nil {
		loc, err := time.LoadLocation("Europe/Oslo")
		if err != nil {
			return nil, fmt.Errorf("export: time zone: %w", err)
		}
		opt.Location = loc
	}
	ew := &Writer{bw: bufio.NewWriterSize(w, 64*1024), opt: opt}
	switch opt.Format {
	case FormatCSV, "":
		ew.opt.Format = FormatCSV
		if err := ew.startCSV(); err != nil {
			return nil, fmt.Errorf("export: write csv: %w", err)
		}
	case FormatJSON:
		ew.enc = json.NewEncoder(ew.bw) // Encode ends each object with "\n"
		ew.enc.SetEscapeHTML(false)
	default:
		return nil, fmt.Errorf("export: format %q is not csv or json: %w", opt.Format, bot.ErrInvalid)
	}
	return ew, nil
}

func (ew *Writer) startCSV() error {
	if _, err := ew.bw.WriteString(bom); err != nil {
		return err
	}
	ew.cw = csv.NewWriter(ew.bw)
	ew.cw.UseCRLF = true
	ew.cw.Comma = DefaultComma
	if ew.opt.Comma != 0 {
		ew.cw.Comma = ew.opt.Comma
	}
	h := ew.opt.Header.withDefaults()
	row := []string{h.Reference, h.Plan, h.Created, h.Language, h.Platform, h.Status, h.CaseNumber, h.Flags, h.Text,
		h.Themes, h.DuplicateOf}
	if ew.opt.WithAuthorHash {
		row = append(row, h.AuthorHash)
	}
	return ew.cw.Write(cells(row))
}

// Write writes one submission; errors are the underlying writer's.
func (ew *Writer) Write(s bot.Submission) error {
	var err error
	if ew.cw != nil {
		err = ew.writeCSV(s)
	} else {
		err = ew.writeJSON(s)
	}
	if err != nil {
		return fmt.Errorf("export: write %s: %w", ew.opt.Format, err)
	}
	return nil
}

// Close flushes what is buffered; it does not close the underlying writer.
func (ew *Writer) Close() error {
	if ew.cw != nil {
		ew.cw.Flush()
		if err := ew.cw.Error(); err != nil {
			return fmt.Errorf("export: write csv: %w", err)
		}
	}
	if err := ew.bw.Flush(); err != nil {
		return fmt.Errorf("export: write %s: %w", ew.opt.Format, err)
	}
	return nil
}

// notes are a submission's themes and the input it nearly duplicates.
func (ew *Writer) notes(s bot.Submission) ([]string, string) {
	if ew.opt.Annotate != nil {
		return ew.opt.Annotate(s)
	}
	return s.Themes, ""
}

func (ew *Writer) writeCSV(s bot.Submission) error {
	themes, dupOf := ew.notes(s)
	ew.row = append(ew.row[:0], s.Ref, s.Plan, s.Created.In(ew.opt.Location).Format(CreatedLayout), string(s.Lang),
		s.Platform, string(s.Status), s.CaseNumber, strings.Join(s.Flags, ", "), s.Text, strings.Join(themes, ", "), dupOf)
	if ew.opt.WithAuthorHash {
		ew.row = append(ew.row, s.AuthorHash)
	}
	return ew.cw.Write(cells(ew.row))
}

// cells neutralises spreadsheet formulas in place (CSV injection): a cell
// starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, which Excel and LibreOffice show as text and do not run.
func cells(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

// jsonLine is one submission in JSON Lines.
type jsonLine struct {
	Reference  string   `json:"reference"`
	Plan       string   `json:"plan"`
	Created    string   `json:"created"` // RFC 3339 in Options.Location
	Language   string   `json:"language"`
	Platform   string   `json:"platform"`
	Status     string   `json:"status"`
	CaseNumber string   `json:"case_number"`
	Flags      []string `json:"flags"`
	Text       string   `json:"text"`
	Themes     []string `json:"themes"`
	// DuplicateOf is the reference of the earlier input this one nearly duplicates.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	AuthorHash  string `json:"author_hash,omitempty"`
}

func (ew *Writer) writeJSON(s bot.Submission) error {
	l := jsonLine{
		Reference: s.Ref, Plan: s.Plan, Created: s.Created.In(ew.opt.Location).Format(time.RFC3339),
		Language: string(s.Lang), Platform: s.Platform, Status: string(s.Status),
		CaseNumber: s.CaseNumber, Flags: s.Flags, Text: s.Text,
	}
	if l.Flags == nil {
		l.Flags = []string{}
	}
	if l.Themes, l.DuplicateOf = ew.notes(s); l.Themes == nil {
		l.Themes = []string{}
	}
	if ew.opt.WithAuthorHash {
		l.AuthorHash = s.AuthorHash
	}
	return ew.enc.Encode(l)
}
