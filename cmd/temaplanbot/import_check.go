package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/internal/export"
)

// Import limits: a file beyond them is refused before anything is stored
// (--max-rows and --max-size raise them). A municipality's letters and
// e-mails to a plan are hundreds of rows, not hundreds of thousands.
const (
	defaultImportRows = 5000
	defaultImportSize = "5MB"
	// shownRefusals is how many refused rows are listed; the rest are counted.
	shownRefusals = 20
	// junkRefusals: a file with more refused rows than this, and more
	// refused than good ones, is not input; nothing of it is stored.
	junkRefusals = 20
)

// importLimits are the checked --max-rows and --max-size.
type importLimits struct {
	rows  int
	bytes int64
}

// limits checks the limit flags.
func (f importFlags) limits() (importLimits, error) {
	n, err := parseSize(f.maxSize)
	if err != nil {
		return importLimits{}, usageError{fmt.Sprintf("import: --max-size: %v", err)}
	}
	if f.maxRows < 1 {
		return importLimits{}, usageError{"import: --max-rows must be at least 1"}
	}
	return importLimits{rows: f.maxRows, bytes: n}, nil
}

// parseSize reads a size like 500KB, 5MB, 2MiB or 1048576 (bytes).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size like 500KB or 20MB", s)
	}
	return int64(n * float64(mult)), nil
}

// importInput returns a file to read the import from twice: the named
// file after checking its size, or standard input copied to a temporary
// file (at most the size limit). cleanup removes that copy.
func (e *env) importInput(arg string, lim importLimits) (name string, cleanup func(), err error) {
	if arg != "-" {
		st, err := os.Stat(arg)
		switch {
		case err != nil:
			return "", nil, fmt.Errorf("import: %w", err)
		case !st.Mode().IsRegular():
			return "", nil, fmt.Errorf("import: %s is not a file", arg)
		case st.Size() > lim.bytes:
			return "", nil, fmt.Errorf("import: %s is %d bytes, more than --max-size (%d): nothing was imported; raise --max-size if the file is right", arg, st.Size(), lim.bytes)
		}
		return arg, func() {}, nil
	}
	tmp, err := os.CreateTemp("", "temaplanbot-import-*") // mode 0600
	if err != nil {
		return "", nil, fmt.Errorf("import: %w", err)
	}
	cleanup = func() { tmp.Close(); os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, io.LimitReader(e.stdin, lim.bytes+1))
	switch {
	case err != nil:
		cleanup()
		return "", nil, fmt.Errorf("import: read standard input: %w", err)
	case n > lim.bytes:
		cleanup()
		return "", nil, fmt.Errorf("import: standard input is more than --max-size (%d bytes): nothing was imported; raise --max-size if it is right", lim.bytes)
	}
	return tmp.Name(), cleanup, nil
}

// checkImport reads the whole file without storing anything: every row is
// checked as the import would, refused rows are listed (the first
// shownRefusals of them), and the file is refused as a whole when it is
// not UTF-8 text, has more than lim.rows rows, or is mostly refused rows.
// It returns the good rows (as added) and the refused ones, and the text
// checks for the second pass; with --dry-run it prints them.
func (e *env) checkImport(ctx context.Context, name, shown string, f importFlags, lim importLimits) (importTally, *checkMemo, error) {
	memo := newCheckMemo()
	tally, err := e.checkRows(ctx, name, shown, f, lim, memo)
	return tally, memo, err
}

// checkRows is checkImport's pass over the file.
func (e *env) checkRows(ctx context.Context, name, shown string, f importFlags, lim importLimits, memo *checkMemo) (importTally, error) {
	var tally importTally
	in, size, err := openImport(name, nil)
	if err != nil {
		return tally, err
	}
	defer in.Close()
	prog := newProgress(e.stderr, size)
	defer prog.done()
	notText := func(err error) error {
		return fmt.Errorf("import: %s %w: nothing was imported (a spreadsheet must be saved as \"CSV UTF-8\")", shown, err)
	}
	rd, err := export.NewReader(prog.reader(&textReader{r: in}), f.format)
	var nt notTextError
	if errors.As(err, &nt) {
		return tally, notText(nt)
	}
	if err != nil {
		return tally, fmt.Errorf("%s (nothing was imported)", clipMessage(operatorMessage(err)))
	}
	now, cat, rows := time.Now(), e.cfg.catalog, 0
	for ; ; rows++ {
		if ctx.Err() != nil {
			return tally, errors.New("import: interrupted while checking the file: nothing was imported")
		}
		row, err := rd.Next()
		switch {
		case errors.Is(err, io.EOF):
			return tally, e.checked(f, rows, tally)
		case errors.As(err, &nt):
			return tally, notText(nt)
		case rows >= lim.rows:
			return tally, fmt.Errorf("import: the file has more than %d rows (--max-rows): nothing was imported; raise --max-rows if it is right", lim.rows)
		case err != nil && (errors.Is(err, io.ErrUnexpectedEOF) || row.Line == 0):
			return tally, fmt.Errorf("import: %s (nothing was imported)", clipMessage(operatorMessage(err)))
		case err != nil:
			e.refuseShown(prog, &tally, row.Line, e.loc.Text(e.lang, "cli.import.unreadable", map[string]any{"Err": clipMessage(operatorMessage(err))}))
			continue
		}
		prog.row()
		if _, problem := e.importRow(cat, row, f.source, now, memo); problem != "" {
			e.refuseShown(prog, &tally, row.Line, clipMessage(problem))
			continue
		}
		tally.added++
	}
}

// checked settles a file read to its end: too many refusals refuse it,
// and a dry run prints what an import would do.
func (e *env) checked(f importFlags, rows int, tally importTally) error {
	if tally.refused > shownRefusals {
		fmt.Fprintln(e.stderr, e.loc.Text(e.lang, "cli.import.more_refused", map[string]any{"Count": tally.refused - shownRefusals}))
	}
	if tally.refused > junkRefusals && tally.refused > tally.added {
		return fmt.Errorf("import: %d of %d rows are refused: this does not look like residents' input, and nothing was imported; check the file (--dry-run shows the first refused rows)", tally.refused, rows)
	}
	if !f.dryRun {
		return nil
	}
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.import.dry_run", map[string]any{"Good": tally.added, "Refused": tally.refused}))
	if tally.refused > 0 {
		return fmt.Errorf("import: dry run: %d rows would be refused (listed above)", tally.refused)
	}
	return nil
}

// refuseShown counts a refused row and lists it while fewer than
// shownRefusals were listed.
func (e *env) refuseShown(prog *progress, tally *importTally, line int, why string) {
	if tally.refused >= shownRefusals {
		tally.refused++
		return
	}
	e.refuse(prog, tally, line, why)
}

// clipMessage shortens a message that quotes the file (a header of junk) to a
// line; quoted parts are already escaped (%q), so no control bytes reach
// the terminal.
func clipMessage(s string) string {
	const maxRunes = 200
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	return string([]rune(s)[:maxRunes]) + "…"
}

// notTextError says where a file stopped being UTF-8 text.
type notTextError struct {
	offset int64
	binary bool
}

// Error describes the problem without quoting the bytes.
func (e notTextError) Error() string {
	if e.binary {
		return fmt.Sprintf("is a binary file (or UTF-16), not UTF-8 text (at byte %d)", e.offset+1)
	}
	return fmt.Sprintf("is not UTF-8 text (at byte %d; perhaps Windows-1252/ANSI or UTF-16)", e.offset+1)
}

// textReader passes UTF-8 text through and fails with a notTextError at
// the first byte that is not UTF-8, or a control character other than
// tab, line feed, carriage return, form feed or vertical tab (NUL in
// binary files and UTF-16). A rune split across reads is checked whole.
type textReader struct {
	r     io.Reader
	off   int64  // offset of carry
	carry []byte // the start of a rune cut off by the last read
	bad   error  // the notTextError once found: every later read returns it
}

// Read implements io.Reader.
func (t *textReader) Read(p []byte) (int, error) {
	if t.bad != nil {
		return 0, t.bad
	}
	n, err := t.read(p)
	if _, ok := err.(notTextError); ok {
		t.bad = err
	}
	return n, err
}

func (t *textReader) read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	buf := append(t.carry, p[:n]...)
	i := 0
	for i < len(buf) {
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(buf[i:]) && err == nil {
				break // the rest comes with the next read
			}
			// A NUL anywhere near marks a binary file (or UTF-16) rather than another 8-bit encoding.
			return 0, notTextError{offset: t.off + int64(i), binary: bytes.IndexByte(buf, 0) >= 0}
		}
		if r < 0x20 && !strings.ContainsRune("\t\n\r\f\v", r) || r == 0x7f {
			return 0, notTextError{offset: t.off + int64(i), binary: true}
		}
		i += size
	}
	t.off += int64(i)
	t.carry = append(t.carry[:0], buf[i:]...)
	return n, err
}
