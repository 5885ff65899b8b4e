package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/export"
)

// importBatch is how many rows go to the database in one insert, sorted
// by key (see storeBatch). 20,000 wrote 1% less than 5,000.
const importBatch = 5000

// importSources are the --source values: where staff received the input.
var importSources = []string{"email", "letter"}

// importPlatforms are the platforms a row's own platform column may name.
var importPlatforms = []string{"email", "letter", bot.PlatformSlack, bot.PlatformDiscord, bot.PlatformConsole, "web"}

var importRefPattern = regexp.MustCompile(`^INN-[0-9A-Z]{6}$`)

// importFlags are import's flags.
type importFlags struct {
	format, source, maxSize, undo string
	maxRows                       int
	dryRun                        bool
}

// importSetup declares import's flags.
func importSetup(fs *flag.FlagSet) runFunc {
	var f importFlags
	fs.StringVar(&f.format, "format", "csv", `csv (the export's columns; ";", "," or tab; BOM accepted) or jsonl`)
	fs.StringVar(&f.source, "source", "", "where the input came from, stored as its platform: email or letter (default: each row's platform column)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "check the whole file and print the counts and the first refused rows; store nothing")
	fs.IntVar(&f.maxRows, "max-rows", defaultImportRows, "refuse a file with more rows than this; raise it for a large import")
	fs.StringVar(&f.maxSize, "max-size", defaultImportSize, "refuse a file larger than this (e.g. 500KB, 20MB); raise it for a large import")
	fs.StringVar(&f.undo, "undo", "", "remove what the import with this `ID` added (the id is printed at the end of an import and kept in the audit log)")
	return func(ctx context.Context, e *env, args []string) error { return e.importFile(ctx, f, args) }
}

// importTally counts what an import did.
type importTally struct{ added, existing, refused int }

// pendingRow is a valid row waiting for its batch.
type pendingRow struct {
	line   int
	hasRef bool // the file named the reference
	sub    bot.Submission
}

// importFile adds the inputs in a file (or standard input for "-"),
// validated row by row like chat input. The whole file is checked first,
// storing nothing (see checkImport): a file that is not UTF-8 text, too
// large, or mostly refused rows is refused as a whole. Then the good rows
// are stored and refused rows are reported with their line number;
// importing the same file again adds nothing. It returns an error when
// rows were refused.
func (e *env) importFile(ctx context.Context, f importFlags, args []string) error {
	if f.undo != "" {
		if len(args) != 0 {
			return usageError{"import: --undo ID takes no file"}
		}
		return e.undoImport(ctx, f.undo)
	}
	if len(args) != 1 {
		return usageError{"import: name one file (or - for standard input)"}
	}
	lim, err := f.limits()
	if err != nil {
		return err
	}
	if f.format == "json" {
		f.format = "jsonl"
	}
	if f.format != "csv" && f.format != "jsonl" {
		return usageError{fmt.Sprintf("import: --format must be csv or jsonl, got %q", f.format)}
	}
	if f.source != "" && !slices.Contains(importSources, f.source) {
		return usageError{fmt.Sprintf("import: --source must be %s, got %q", strings.Join(importSources, " or "), f.source)}
	}
	name, cleanup, err := e.importInput(args[0], lim)
	if err != nil {
		return err
	}
	defer cleanup()
	shown := args[0]
	if shown == "-" {
		shown = "standard input"
	}
	checked, memo, err := e.checkImport(ctx, name, shown, f, lim)
	switch {
	case err != nil || f.dryRun:
		return err
	case checked.added == 0:
		fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.import.summary", map[string]any{"Added": 0, "Existing": 0, "Refused": checked.refused}))
		if checked.refused > 0 {
			return fmt.Errorf("import: all %d rows refused (listed above); nothing was imported", checked.refused)
		}
		return nil
	}
	memo.rewind()
	return e.storeImport(ctx, name, f, checked, memo)
}

// storeImport is the second pass over a checked file: it stores the good
// rows (see storeRows).
func (e *env) storeImport(ctx context.Context, name string, f importFlags, checked importTally, memo *checkMemo) error {
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	return e.storeRows(ctx, c, name, f, checked, memo)
}

// storeRows stores the good rows of a checked file under a new import id,
// recorded in the audit log with the references it added, and prints the
// summary, also when interrupted (Ctrl-C). memo has the first pass's
// text checks (nil: check every text again).
func (e *env) storeRows(ctx context.Context, c *core, name string, f importFlags, checked importTally, memo *checkMemo) error {
	in, size, err := openImport(name, nil)
	if err != nil {
		return err
	}
	defer in.Close()
	prog := newProgress(e.stderr, size)
	rd, err := export.NewReader(prog.reader(in), f.format)
	if err != nil {
		return err
	}
	imp := newImportLog(c.store, e.operator())
	tally := importTally{refused: checked.refused}
	err = e.importRows(ctx, c, rd, f.source, memo, prog, imp, &tally)
	prog.done()
	// The record of the import is written even when it was interrupted.
	logErr := imp.finish(context.WithoutCancel(ctx), filepath.Base(name), tally)
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.import.summary", map[string]any{
		"Added": tally.added, "Existing": tally.existing, "Refused": tally.refused}))
	if tally.added > 0 {
		fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.import.undo_hint", map[string]any{"ID": imp.id}))
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("import: interrupted: %d inputs were stored before the stop (summary above); importing the file again adds the rest", tally.added)
	case err != nil:
		return err
	case logErr != nil:
		return logErr
	case tally.refused > 0:
		return fmt.Errorf("import: %d rows refused (listed above); the other rows are stored", tally.refused)
	}
	return nil
}

// openImport opens name, or stdin for "-", and returns its size (0 when unknown).
func openImport(name string, stdin io.Reader) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(stdin), 0, nil
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, 0, fmt.Errorf("import: %w", err)
	}
	var size int64
	if st, err := fh.Stat(); err == nil {
		size = st.Size()
	}
	return fh, size, nil
}

// importRows reads and stores every good row, a batch at a time (the rows
// were checked and refused ones reported by checkImport).
func (e *env) importRows(ctx context.Context, c *core, rd *export.Reader, source string, memo *checkMemo, prog *progress, imp *importLog, tally *importTally) error {
	now := time.Now()
	cat := c.src.Catalog()
	batch := make([]pendingRow, 0, importBatch)
	flush := func() error {
		err := e.storeBatch(ctx, c, batch, imp, tally)
		batch = batch[:0]
		return err
	}
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || row.Line == 0 {
				return fmt.Errorf("import: %w", err)
			}
			continue
		}
		prog.row()
		p, problem := e.importRow(cat, row, source, now, memo)
		if problem != "" {
			continue
		}
		if batch = append(batch, p); len(batch) == importBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// refuse reports a refused row on stderr.
func (e *env) refuse(prog *progress, tally *importTally, line int, why string) {
	tally.refused++
	prog.clear()
	fmt.Fprintln(e.stderr, e.loc.Text(e.lang, "cli.import.refused", map[string]any{"Line": line, "Why": why}))
}

// importRow turns a row into a submission, or says why it is refused;
// memo checks its text (see checkMemo).
func (e *env) importRow(cat *bot.Catalog, row export.Row, source string, now time.Time, memo *checkMemo) (pendingRow, string) {
	t := func(id string, data map[string]any) string { return e.loc.Text(e.lang, "cli.import."+id, data) }
	check := memo.check(row.Line, row.Text)
	if !check.OK() {
		return pendingRow{}, t("problem."+check.Problems[0], map[string]any{"Min": bot.MinInputRunes, "Max": bot.MaxInputRunes, "Count": check.Runes})
	}
	plan := strings.ToLower(strings.TrimSpace(row.Plan))
	if _, ok := cat.Plan(plan); !ok {
		return pendingRow{}, t("unknown_plan", map[string]any{"Plan": row.Plan})
	}
	platform := source
	if platform == "" {
		platform = strings.ToLower(strings.TrimSpace(row.Platform))
		if !slices.Contains(importPlatforms, platform) {
			return pendingRow{}, t("no_source", map[string]any{"Platform": row.Platform})
		}
	}
	created, ok := parseCreated(row.Created, e.cfg.location, now)
	if !ok {
		return pendingRow{}, t("bad_created", map[string]any{"Created": row.Created})
	}
	lang := bot.Lang(strings.ToLower(strings.TrimSpace(row.Language)))
	if lang == "" {
		lang = bot.NB
	}
	if !slices.Contains(e.loc.Langs(), lang) {
		return pendingRow{}, t("bad_language", map[string]any{"Language": row.Language})
	}
	status := bot.SubmissionStatus(strings.ToLower(strings.TrimSpace(row.Status)))
	switch status {
	case "":
		status = bot.SubmissionNew
	case bot.SubmissionNew, bot.SubmissionArchived, bot.SubmissionHidden:
	default:
		return pendingRow{}, t("bad_status", map[string]any{"Status": row.Status})
	}
	flags := list(row.Flags)
	for _, fl := range check.Flags {
		if !slices.Contains(flags, fl) {
			flags = append(flags, fl)
		}
	}
	eventID := importEventID(platform, plan, row.Created, check.Text)
	p := pendingRow{line: row.Line, sub: bot.Submission{Ref: importRef(eventID, 0), Plan: plan, Text: check.Text, Lang: lang,
		Platform: platform, AuthorHash: strings.TrimSpace(row.AuthorHash), Created: created, Status: status,
		Flags: flags, EventID: eventID, CaseNumber: strings.TrimSpace(row.CaseNumber)}}
	if ref := strings.ToUpper(strings.TrimSpace(row.Reference)); importRefPattern.MatchString(ref) {
		p.sub.Ref, p.hasRef = ref, true
	}
	return p, ""
}

// parseCreated reads a created time as the export writes it (CSV
// "2006-01-02 15:04" in loc, JSON RFC 3339) or a bare date; empty is now.
func parseCreated(s string, loc *time.Location, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return now, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, layout := range []string{export.CreatedLayout, "2006-01-02 15:04:05", time.DateOnly, "02.01.2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// importEventID is a row's stable key: the same row imported again has the
// same key, so the store keeps it once.
func importEventID(platform, plan, created, text string) string {
	h := sha256.Sum256([]byte(platform + "\x00" + plan + "\x00" + strings.TrimSpace(created) + "\x00" + text))
	return "import-" + hex.EncodeToString(h[:16])
}

// importRef derives a reference from a row's key (attempt > 0 after a
// collision with another input's reference).
func importRef(eventID string, attempt int) string {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	h := sha256.Sum256(fmt.Appendf(nil, "%s#%d", eventID, attempt))
	out := []byte("INN-")
	for _, b := range h[:6] {
		out = append(out, alphabet[int(b)%len(alphabet)])
	}
	return string(out)
}

// storeBatch inserts a batch and settles the rows that collided: the same
// row imported before (or a reference that exists) counts as existing, a
// derived reference taken by another input gets the next one.
func (e *env) storeBatch(ctx context.Context, c *core, batch []pendingRow, imp *importLog, tally *importTally) error {
	if len(batch) == 0 {
		return nil
	}
	// In the order of their keys: the store commits a batch in parts (1,000
	// rows a transaction on the embedded server, 100 when FerretDB
	// inserts), and rows close in the (platform, event id) index, its
	// largest, share its pages, so each commit rewrites fewer of them
	// (100,000 realistic rows: 1.5 GB written in file order, 1.2 GB in
	// key order). Stable: of two rows with the same derived reference the
	// first in the file keeps it.
	slices.SortStableFunc(batch, func(a, b pendingRow) int { return strings.Compare(a.sub.EventID, b.sub.EventID) })
	subs := make([]bot.Submission, len(batch))
	for i, p := range batch {
		subs[i] = p.sub
	}
	inserted, err := c.store.InsertSubmissions(ctx, subs)
	if err != nil {
		return fmt.Errorf("import: store rows %d-%d: %w", batch[0].line, batch[len(batch)-1].line, err)
	}
	var refs []string
	defer func() { imp.added(context.WithoutCancel(ctx), refs) }()
	for i, ok := range inserted {
		if ok {
			tally.added++
			refs = append(refs, subs[i].Ref)
			continue
		}
		ref, err := e.settle(ctx, c, batch[i])
		if err != nil {
			return fmt.Errorf("import: store row %d: %w", batch[i].line, err)
		}
		if ref != "" {
			tally.added++
			refs = append(refs, ref)
		} else {
			tally.existing++
		}
	}
	return nil
}

// settle decides about a row whose insert collided; it returns the
// reference it was stored under now, or "" when it was stored before.
func (e *env) settle(ctx context.Context, c *core, p pendingRow) (ref string, err error) {
	for attempt := 1; attempt <= 5; attempt++ {
		old, err := c.store.Submission(ctx, p.sub.Ref)
		switch {
		case errors.Is(err, bot.ErrNotFound):
			return "", nil // the row's key is stored under another reference
		case err != nil:
			return "", err
		case p.hasRef || old.Platform == p.sub.Platform && old.EventID == p.sub.EventID:
			return "", nil // the same input
		}
		p.sub.Ref, p.hasRef = importRef(p.sub.EventID, attempt), false
		stored, created, err := c.store.AddSubmission(ctx, p.sub)
		if !errors.Is(err, bot.ErrConflict) {
			if err != nil || !created {
				return "", err
			}
			return stored.Ref, nil
		}
	}
	return "", fmt.Errorf("no free reference for %s: %w", p.sub.EventID, bot.ErrConflict)
}
