package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// Row is one input read from an import file, as text: the export's own
// columns. Line is the row's line number in the file (the header is line
// 1 in CSV), for messages.
type Row struct {
	Line       int
	Reference  string
	Plan       string
	Created    string
	Language   string
	Platform   string
	Status     string
	CaseNumber string
	Flags      string // comma-separated
	Text       string
	AuthorHash string
}

// Reader reads rows from an import file in the export's formats: CSV (the
// export's columns by their default names, in any order; separated by
// ";", "," or tab, detected from the header; a UTF-8 BOM is skipped) or
// JSON Lines (the export's objects). Create it with NewReader.
type Reader struct {
	next func() (Row, error)
}

// NewReader starts reading r in format (FormatCSV, or FormatJSON / "jsonl").
// It returns an error wrapping bot.ErrInvalid for an unknown format, or a
// CSV header without the text and plan columns or with a column it does
// not know.
func NewReader(r io.Reader, format string) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64*1024)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte(bom)) {
		_, _ = br.Discard(3)
	}
	switch format {
	case FormatCSV, "":
		return newCSVReader(br)
	case FormatJSON, "jsonl":
		return newJSONReader(br), nil
	}
	return nil, fmt.Errorf("import: format %q is not csv or jsonl: %w", format, bot.ErrInvalid)
}

// Next returns the next row, io.EOF at the end, or an error for a row that
// cannot be read at all (the caller may go on with the next one, except
// after an error wrapping io.ErrUnexpectedEOF).
func (r *Reader) Next() (Row, error) { return r.next() }

func newCSVReader(br *bufio.Reader) (*Reader, error) {
	first, err := br.Peek(br.Size())
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("import: read header: %w", err)
	}
	if i := bytes.IndexAny(first, "\r\n"); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffComma(string(first))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.LazyQuotes = true // a stray quote typed into a spreadsheet cell
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("import: read header: %w", err)
	}
	cols, err := columns(head)
	if err != nil {
		return nil, err
	}
	return &Reader{next: func() (Row, error) {
		rec, err := cr.Read()
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Row{Line: pe.StartLine}, fmt.Errorf("line %d: %w", pe.StartLine, err)
			}
			return Row{}, err
		}
		row := Row{Line: line}
		for i, v := range rec {
			if i < len(cols) && cols[i] != nil {
				*cols[i](&row) = unformula(v)
			}
		}
		return row, nil
	}}, nil
}

// sniffComma picks the separator the header line uses most: ";", "," or tab.
func sniffComma(header string) rune {
	best, n := DefaultComma, 0
	for _, c := range []rune{';', ',', '\t'} {
		if k := strings.Count(header, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

// columns maps header names to row fields.
func columns(head []string) ([]func(*Row) *string, error) {
	h := DefaultHeader()
	byName := map[string]func(*Row) *string{
		h.Reference: func(r *Row) *string { return &r.Reference }, h.Plan: func(r *Row) *string { return &r.Plan },
		h.Created: func(r *Row) *string { return &r.Created }, h.Language: func(r *Row) *string { return &r.Language },
		h.Platform: func(r *Row) *string { return &r.Platform }, h.Status: func(r *Row) *string { return &r.Status },
		h.CaseNumber: func(r *Row) *string { return &r.CaseNumber }, h.Flags: func(r *Row) *string { return &r.Flags },
		h.Text: func(r *Row) *string { return &r.Text }, h.AuthorHash: func(r *Row) *string { return &r.AuthorHash },
	}
	// Themes and near-duplicates are worked out again from the text (the
	// export writes them for people): known columns, not read.
	derived := map[string]bool{h.Themes: true, h.DuplicateOf: true}
	cols := make([]func(*Row) *string, len(head))
	seen := map[string]bool{}
	for i, name := range head {
		name = strings.ToLower(strings.TrimSpace(name))
		f, ok := byName[name]
		if !ok && !derived[name] {
			return nil, fmt.Errorf("import: unknown column %q in the header (known: reference, plan, created, language, platform, status, case_number, flags, text, themes, duplicate_of, author_hash): %w", name, bot.ErrInvalid)
		}
		cols[i], seen[name] = f, true
	}
	if !seen[h.Text] || !seen[h.Plan] {
		return nil, fmt.Errorf("import: the header needs the columns plan and text: %w", bot.ErrInvalid)
	}
	return cols, nil
}

// unformula undoes the apostrophe the export puts before a cell a
// spreadsheet would run as a formula.
func unformula(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func newJSONReader(br *bufio.Reader) *Reader {
	line := 0
	return &Reader{next: func() (Row, error) {
		for {
			b, err := br.ReadBytes('\n')
			if len(b) == 0 && err != nil {
				return Row{}, err
			}
			line++
			if len(bytes.TrimSpace(b)) == 0 {
				continue
			}
			var l jsonLine
			if err := json.Unmarshal(b, &l); err != nil {
				return Row{Line: line}, fmt.Errorf("line %d: not a JSON object: %w", line, err)
			}
			return Row{Line: line, Reference: l.Reference, Plan: l.Plan, Created: l.Created, Language: l.Language,
				Platform: l.Platform, Status: l.Status, CaseNumber: l.CaseNumber, Flags: strings.Join(l.Flags, ", "),
				Text: l.Text, AuthorHash: l.AuthorHash}, nil
		}
	}}
}
