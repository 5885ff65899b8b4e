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
}

// CSVHeader holds the CSV column names. The defaults (DefaultHeader) are
// fixed, English, machine-readable names that scripts can rely on; a
// caller may pass localized names for people instead.
type CSVHeader struct {
	Reference, Plan, Created, Language, Platform, Status, CaseNumber, Flags, Text, AuthorHash string
}

// DefaultHeader is the fixed machine-readable CSV header.
func DefaultHeader() CSVHeader {
	return CSVHeader{
		Reference: "reference", Plan: "plan", Created: "created", Language: "language",
		Platform: "platform", Status: "status", CaseNumber: "case_number", Flags: "flags",
		Text: "text", AuthorHash: "author_hash",
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
		AuthorHash: pick(h.AuthorHash, d.AuthorHash),
	}
}

// Write writes subs to w in opt.Format. CSV: UTF-8 with BOM, CRLF line
// ends, a header row, columns reference, plan, created, language,
// platform, status, case_number, flags (joined with ", "), text, and
// author_hash only with WithAuthorHash; cells that a spreadsheet would run
// as a formula get a leading apostrophe. JSON: one object per line.
// It returns an error wrapping bot.ErrInvalid for an unknown format, an
// error when Europe/Oslo cannot be loaded (embed time/tzdata in main), or
// the writer's error.
func Write(w io.Writer, subs []bot.Submission, opt Options) error {
	if opt.Location == nil {
		loc, err := time.LoadLocation("Europe/Oslo")
		if err != nil {
			return fmt.Errorf("export: time zone: %w", err)
		}
		opt.Location = loc
	}
	bw := bufio.NewWriter(w)
	var err error
	switch opt.Format {
	case FormatCSV, "":
		err = writeCSV(bw, subs, opt)
	case FormatJSON:
		err = writeJSON(bw, subs, opt)
	default:
		return fmt.Errorf("export: format %q is not csv or json: %w", opt.Format, bot.ErrInvalid)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export: write %s: %w", opt.Format, err)
	}
	return nil
}

func writeCSV(w *bufio.Writer, subs []bot.Submission, opt Options) error {
	if _, err := w.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Comma = DefaultComma
	if opt.Comma != 0 {
		cw.Comma = opt.Comma
	}
	h := opt.Header.withDefaults()
	row := []string{h.Reference, h.Plan, h.Created, h.Language, h.Platform, h.Status, h.CaseNumber, h.Flags, h.Text}
	if opt.WithAuthorHash {
		row = append(row, h.AuthorHash)
	}
	if err := cw.Write(cells(row)); err != nil {
		return err
	}
	for _, s := range subs {
		row = append(row[:0], s.Ref, s.Plan, s.Created.In(opt.Location).Format(CreatedLayout), string(s.Lang),
			s.Platform, string(s.Status), s.CaseNumber, strings.Join(s.Flags, ", "), s.Text)
		if opt.WithAuthorHash {
			row = append(row, s.AuthorHash)
		}
		if err := cw.Write(cells(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
	AuthorHash string   `json:"author_hash,omitempty"`
}

func writeJSON(w *bufio.Writer, subs []bot.Submission, opt Options) error {
	enc := json.NewEncoder(w) // Encode ends each object with "\n"
	enc.SetEscapeHTML(false)
	for _, s := range subs {
		l := jsonLine{
			Reference: s.Ref, Plan: s.Plan, Created: s.Created.In(opt.Location).Format(time.RFC3339),
			Language: string(s.Lang), Platform: s.Platform, Status: string(s.Status),
			CaseNumber: s.CaseNumber, Flags: s.Flags, Text: s.Text,
		}
		if l.Flags == nil {
			l.Flags = []string{}
		}
		if opt.WithAuthorHash {
			l.AuthorHash = s.AuthorHash
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return nil
}
