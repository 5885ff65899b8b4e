// Package console is the terminal chat adapter: one line in, the engine's
// replies out as plain text. Interactive terminals get line editing and
// history (golang.org/x/term); piped input is read a line at a time and the
// chat ends at end of input, so conversations can be scripted.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/askerkommune/temaplanbot/bot"
)

// Config is what Run needs.
type Config struct {
	Handler bot.Handler
	In      io.Reader
	Out     io.Writer
	// User is the local user's id; the operator at the terminal is staff
	// unless Resident is set.
	User     string
	Resident bool
	Prompt   string
	// Intro is printed once before the first prompt on an interactive terminal.
	Intro string
}

// Run chats until end of input or ctx is done. It returns nil at end of input
// and the read error otherwise.
func Run(ctx context.Context, cfg Config) error {
	if f, ok := cfg.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, ok := cfg.Out.(*os.File); ok && term.IsTerminal(int(w.Fd())) {
			return runTerminal(ctx, cfg, f)
		}
	}
	err := EachLine(cfg.In, MaxLine, func(line string) error {
		if ctx.Err() != nil {
			return errStopped
		}
		if strings.TrimSpace(line) != "" {
			write(cfg.Out, handle(ctx, cfg, line))
		}
		return nil
	})
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

var errStopped = errors.New("console: stopped")

// MaxLine is the longest line passed on whole; longer lines are cut there
// (the engine then explains that the text is too long) rather than failing.
const MaxLine = 64 * 1024

// EachLine calls fn with every line of r (without the line ending), cutting
// lines longer than max bytes. It returns fn's first error or the read error;
// end of input is not an error.
func EachLine(r io.Reader, max int, fn func(line string) error) error {
	br := bufio.NewReaderSize(r, 64*1024)
	for {
		line, err := readLine(br, max)
		if len(line) > 0 || err == nil {
			if ferr := fn(strings.TrimSuffix(line, "\r")); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("console: read: %w", err)
		}
	}
}

// readLine reads one line, keeping at most max bytes of it.
func readLine(br *bufio.Reader, max int) (string, error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := br.ReadLine()
		if b.Len() < max {
			room := max - b.Len()
			if len(chunk) > room {
				chunk = chunk[:room]
			}
			b.Write(chunk)
		}
		if err != nil || !isPrefix {
			return b.String(), err
		}
	}
}

func runTerminal(ctx context.Context, cfg Config, f *os.File) error {
	old, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return fmt.Errorf("console: raw mode: %w", err)
	}
	defer func() { _ = term.Restore(int(f.Fd()), old) }()
	rw := struct {
		io.Reader
		io.Writer
	}{f, cfg.Out}
	t := term.NewTerminal(rw, cfg.Prompt)
	if cfg.Intro != "" {
		write(t, cfg.Intro)
	}
	for ctx.Err() == nil {
		line, err := t.ReadLine()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("console: read: %w", err)
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		write(t, handle(ctx, cfg, line))
	}
	return nil
}

// handle sends one line to the engine. The terminal has no event ids (a
// line is never delivered twice) and its user, the operator, is staff
// unless the chat was started as a resident.
func handle(ctx context.Context, cfg Config, line string) string {
	m := bot.Message{Platform: bot.PlatformConsole, Channel: "console", User: cfg.User, Text: line,
		Direct: true, Staff: !cfg.Resident}
	var b strings.Builder
	for i, r := range cfg.Handler.Handle(ctx, m) {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(Render(r))
	}
	return b.String()
}

// Hint shows an engine hint as what to type at the terminal: "mine".
func Hint(h bot.Hint) string { return `"` + h.Words + `"` }

// Render turns a reply into plain terminal text: the text (its hints as
// what to type), then any choices as a numbered list with the word to type.
func Render(r bot.Reply) string {
	r = bot.RenderReplyHints(r, Hint)
	var b strings.Builder
	b.WriteString(r.Text)
	var opts []string
	for _, c := range r.Choices {
		switch c.Action {
		case bot.ActChoosePlan, bot.ActPlanInfo:
			opts = append(opts, c.Label+" ("+c.Value+")")
		}
	}
	for i, o := range opts {
		b.WriteString("\n  " + strconv.Itoa(i+1) + ". " + o)
	}
	return b.String()
}

// write prints s and a blank line (a term.Terminal turns \n into \r\n itself).
func write(w io.Writer, s string) {
	if s != "" {
		fmt.Fprint(w, s+"\n\n")
	}
}
