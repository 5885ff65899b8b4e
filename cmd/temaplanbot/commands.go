package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os/user"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/console"
	"github.com/askerkommune/temaplanbot/internal/export"
)

// chatSetup reads the chat command's flags.
func chatSetup(fs *flag.FlagSet) runFunc {
	resident := fs.Bool("resident", false, "chat as a resident, not as staff")
	return func(ctx context.Context, e *env, _ []string) error { return e.chat(ctx, *resident) }
}

// chat runs the terminal chat against the configured store, as staff or,
// with resident, as a resident.
func (e *env) chat(ctx context.Context, resident bool) error {
	if e.getenv("LOG_LEVEL") == "" {
		e.log = quietLogger(e.cfg, e.redact, e.stderr) // keep the chat readable: warnings only
	}
	sp := &schedProxy{} // a date moved here is announced by the running servers at once
	c, err := e.openCore(ctx, nil, sp, false)
	if err != nil {
		return err
	}
	defer c.close()
	if sp.s, err = e.scheduler(c, nil, nil); err != nil {
		return err
	}
	name := "local"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return console.Run(ctx, console.Config{Handler: c.engine, In: e.stdin, Out: e.stdout, User: name,
		Resident: resident, Prompt: "> ", Intro: e.loc.Text(e.lang, "cli.chat_intro", nil)})
}

// askLine is one answer of `ask --json`.
type askLine struct {
	Question string `json:"question"`
	Lang     string `json:"lang"`
	Intent   string `json:"intent"`
	Plan     string `json:"plan"`
	Text     string `json:"text"`
}

// askSetup declares ask's flags.
func askSetup(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print one JSON object per question: question, lang, intent, plan, text")
	return func(_ context.Context, e *env, args []string) error { return e.ask(*asJSON, args) }
}

// ask answers each argument, or each line of standard input, from the
// catalogue alone (no database), as text or as JSON lines.
func (e *env) ask(asJSON bool, args []string) error {
	cat := e.cfg.catalog
	a := bot.NewAnswerer(bot.AnswererConfig{Catalog: bot.CatalogFunc(func() *bot.Catalog { return cat }),
		Localizer: e.loc, NewUnderstander: understander, Location: e.cfg.location, Retention: e.cfg.Retention})
	out := bufio.NewWriterSize(e.stdout, 64*1024)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	answer := func(q string) error {
		if strings.TrimSpace(q) == "" {
			return nil
		}
		r := bot.RenderReplyHints(a.Ask(q), console.Hint)
		if asJSON {
			return enc.Encode(askLine{Question: q, Lang: string(r.Lang), Intent: string(r.Intent), Plan: r.Plan, Text: r.Text})
		}
		_, err := fmt.Fprintf(out, "%s\n\n", r.Text)
		return err
	}
	if len(args) > 0 {
		for _, q := range args {
			if err := answer(q); err != nil {
				return err
			}
		}
		return nil
	}
	return console.EachLine(e.stdin, console.MaxLine, answer)
}

// plans prints the catalogue as a table.
func (e *env) plans() error {
	l := e.lang
	return catalog.WriteTable(e.stdout, e.cfg.catalog, l, catalog.TableText{
		ID: e.loc.Text(l, "cli.table.id", nil), Name: e.loc.Text(l, "cli.table.name", nil),
		Start: e.loc.Text(l, "cli.table.start", nil), WaveFirst: e.loc.Text(l, "cli.table.first", nil),
		WaveLater: e.loc.Text(l, "cli.table.later", nil)})
}

// exportFlags are export's options.
type exportFlags struct {
	format, plan, since, status, delim string
	withHash                           bool
}

// exportSetup declares export's flags.
func exportSetup(fs *flag.FlagSet) runFunc {
	var f exportFlags
	fs.StringVar(&f.format, "format", "csv", "csv or json (JSON Lines)")
	fs.StringVar(&f.plan, "plan", "", "only this plan id")
	fs.StringVar(&f.since, "since", "", "only input created on or after this day (YYYY-MM-DD, in TIME_ZONE)")
	fs.StringVar(&f.status, "status", "", "only these statuses, comma-separated (new, archived, hidden); default new and archived")
	fs.BoolVar(&f.withHash, "with-author-hash", false, "include the author hash column")
	fs.StringVar(&f.delim, "delimiter", ";", `CSV field separator: ";" (Excel with Norwegian settings), "," or "tab"`)
	return func(ctx context.Context, e *env, _ []string) error { return e.export(ctx, f) }
}

// export writes submissions for staff as CSV or JSON Lines.
func (e *env) export(ctx context.Context, f exportFlags) error {
	q := bot.SubmissionQuery{Plan: f.plan}
	var problems []string
	if f.format != "csv" && f.format != "json" {
		problems = append(problems, fmt.Sprintf("--format must be csv or json, got %q", f.format))
	}
	if f.since != "" {
		d, err := bot.ParseDate(f.since)
		if err != nil {
			problems = append(problems, "--since must be YYYY-MM-DD")
		} else {
			q.After = d.At(0, 0, e.cfg.location).Add(-time.Nanosecond)
		}
	}
	q.Statuses = []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionArchived}
	if f.status != "" {
		q.Statuses = nil
		for _, s := range list(f.status) {
			switch st := bot.SubmissionStatus(s); st {
			case bot.SubmissionNew, bot.SubmissionArchived, bot.SubmissionHidden:
				q.Statuses = append(q.Statuses, st)
			default:
				problems = append(problems, fmt.Sprintf("--status: unknown status %q", s))
			}
		}
	}
	if _, ok := e.cfg.catalog.Plan(f.plan); f.plan != "" && !ok {
		problems = append(problems, fmt.Sprintf("--plan: unknown plan id %q", f.plan))
	}
	comma := map[string]rune{";": ';', ",": ',', "tab": '\t'}[f.delim]
	if comma == 0 {
		problems = append(problems, fmt.Sprintf(`--delimiter must be ";", "," or "tab", got %q`, f.delim))
	}
	if len(problems) > 0 {
		return usageError{"export: " + strings.Join(problems, "; ")}
	}
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	// Rows are written as they are read: memory stays bounded at any size.
	w, err := export.NewWriter(e.stdout, export.Options{Format: f.format, WithAuthorHash: f.withHash,
		Location: e.cfg.location, Comma: comma, Annotate: c.insights.Annotator().Notes})
	if err != nil {
		return err
	}
	if err := c.store.EachSubmission(ctx, q, w.Write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return w.Close()
}

// dryRunSetup declares the --dry-run flag of a command that has no other
// flags (remind).
func dryRunSetup(name string, fn func(e *env, ctx context.Context, dry bool) error) func(*flag.FlagSet) runFunc {
	return func(fs *flag.FlagSet) runFunc {
		dry := dryRunFlag(fs)
		return func(ctx context.Context, e *env, _ []string) error { return fn(e, ctx, *dry) }
	}
}

// dryRunFlag declares --dry-run, which digest and remind require.
func dryRunFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("dry-run", false, "only show what would be sent (required: temaplanbot serve is what sends)")
}
