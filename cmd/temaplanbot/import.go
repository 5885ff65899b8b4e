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
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/export"
)

// importBatch is how many rows go to the database in one insert (one
// commit on the embedded server: larger batches write each index page
// fewer times).
const importBatch = 5000

// importSources are the --source values: where staff received the input.
var importSources = []string{"email", "letter"}

// importPlatforms are the platforms a row's own platform column may name.
var importPlatforms = []string{"email", "letter", bot.PlatformSlack, bot.PlatformDiscord, bot.PlatformConsole, "web"}

var importRefPattern = regexp.MustCompile(`^INN-[0-9A-Z]{6}$`)

// importFlags are import's flags.
type importFlags struct{ format, source string }

// importSetup declares import's flags.
func importSetup(fs *flag.FlagSet) runFunc {
	var f importFlags
	fs.StringVar(&f.format, "format", "csv", `csv (the export's columns; ";", "," or tab; BOM accepted) or jsonl`)
	fs.StringVar(&f.source, "source", "", "where the input came from, stored as its platform: email or letter (default: each row's platform column)")
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
// validated row by row like chat input; refused rows are reported with
// their line number, every good row is stored, and importing the same
// file again adds nothing. It returns an error when rows were refused.
func (e *env) importFile(ctx context.Context, f importFlags, args []string) error {
	if len(args) != 1 {
		return usageError{"import: name one file (or - for standard input)"}
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
	in, size, err := openImport(args[0], e.stdin)
	if err != nil {
		return err
	}
	defer in.Close()
	prog := newProgress(e.stderr, size)
	rd, err := export.NewReader(prog.reader(in), f.format)
	if err != nil {
		return err
	}
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	var tally importTally
	if err := e.importRows(ctx, c, rd, f.source, prog, &tally); err != nil {
		prog.done()
		return err
	}
	prog.done()
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.import.summary", map[string]any{
		"Added": tally.added, "Existing": tally.existing, "Refused": tally.refused}))
	if tally.refused > 0 {
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

// importRows reads, checks and stores every row, a batch at a time.
func (e *env) importRows(ctx context.Context, c *core, rd *export.Reader, source string, prog *progress, tally *importTally) error {
	now := time.Now()
	batch := make([]pendingRow, 0, importBatch)
	flush := func() error {
		err := e.storeBatch(ctx, c, batch, tally)
		batch = batch[:0]
		return err
	}
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || row.Line == 0 {
				return fmt.Errorf("import: %w", err)
			}
			e.refuse(prog, tally, row.Line, e.loc.Text(e.lang, "cli.import.unreadable", map[string]any{"Err": err.Error()}))
			continue
		}
		prog.row()
		p, problem := e.importRow(c, row, source, now)
		if problem != "" {
			e.refuse(prog, tally, row.Line, problem)
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

// importRow turns a row into a submission, or says why it is refused.
func (e *env) importRow(c *core, row export.Row, source string, now time.Time) (pendingRow, string) {
	t := func(id string, data map[string]any) string { return e.loc.Text(e.lang, "cli.import."+id, data) }
	check := bot.CheckInput(row.Text)
	if !check.OK() {
		return pendingRow{}, t("problem."+check.Problems[0], map[string]any{"Min": bot.MinInputRunes, "Max": bot.MaxInputRunes, "Count": check.Runes})
	}
	plan := strings.ToLower(strings.TrimSpace(row.Plan))
	if _, ok := c.src.Catalog().Plan(plan); !ok {
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
func (e *env) storeBatch(ctx context.Context, c *core, batch []pendingRow, tally *importTally) error {
	if len(batch) == 0 {
		return nil
	}
	subs := make([]bot.Submission, len(batch))
	for i, p := range batch {
		subs[i] = p.sub
	}
	inserted, err := c.store.InsertSubmissions(ctx, subs)
	if err != nil {
		return fmt.Errorf("import: store rows %d-%d: %w", batch[0].line, batch[len(batch)-1].line, err)
	}
	for i, ok := range inserted {
		if ok {
			tally.added++
			continue
		}
		added, err := e.settle(ctx, c, batch[i])
		if err != nil {
			return fmt.Errorf("import: store row %d: %w", batch[i].line, err)
		}
		if added {
			tally.added++
		} else {
			tally.existing++
		}
	}
	return nil
}

// settle decides about a row whose insert collided; added reports whether
// it was stored now.
func (e *env) settle(ctx context.Context, c *core, p pendingRow) (added bool, err error) {
	for attempt := 1; attempt <= 5; attempt++ {
		old, err := c.store.Submission(ctx, p.sub.Ref)
		switch {
		case errors.Is(err, bot.ErrNotFound):
			return false, nil // the row's key is stored under another reference
		case err != nil:
			return false, err
		case p.hasRef || old.Platform == p.sub.Platform && old.EventID == p.sub.EventID:
			return false, nil // the same input
		}
		p.sub.Ref, p.hasRef = importRef(p.sub.EventID, attempt), false
		_, created, err := c.store.AddSubmission(ctx, p.sub)
		if !errors.Is(err, bot.ErrConflict) {
			return created, err
		}
	}
	return false, fmt.Errorf("no free reference for %s: %w", p.sub.EventID, bot.ErrConflict)
}
