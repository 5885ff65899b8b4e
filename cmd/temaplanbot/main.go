// Command temaplanbot is Asker kommune's chat bot for the theme plans
// (temaplaner) on Slack, Discord and the terminal.
//
// Usage:
//
//	temaplanbot [flags] [command] [arguments]
//
// `temaplanbot help` lists the commands and flags (see commandTable).
//
// With no subcommand it serves every configured platform, or starts a local
// terminal chat with an embedded database when none is configured.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // Europe/Oslo on machines (and images) without zone data

	"golang.org/x/term"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/redact"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal now ends the process at once
	}()
	if err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "temaplanbot:", operatorMessage(err))
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// operatorMessage is err's text without the kind words the packages wrap
// at the end for errors.Is ("...: invalid", "...: unavailable"), which
// read as a stray word to the person at the terminal.
func operatorMessage(err error) string {
	msg := err.Error()
	for {
		trimmed := msg
		for _, kind := range []error{bot.ErrInvalid, bot.ErrUnavailable} {
			trimmed = strings.TrimSuffix(trimmed, ": "+kind.Error())
		}
		if trimmed == msg {
			return msg
		}
		msg = trimmed
	}
}

// version and revision name the build in temaplanbot_build_info when set at
// link time (-ldflags "-X main.revision=..."); without them the Go
// toolchain's VCS stamping is used. The container build sets them, as its
// context has no .git to stamp from.
var version, revision string

// usageError marks a wrong command line (exit status 2).
type usageError struct{ msg string }

// Error returns the usage message.
func (e usageError) Error() string { return e.msg }

// env bundles the process's outside world so run can be tested.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	cfg    *config
	cfgErr error // configuration problems; only anyConfig commands run with them
	quiet  bool  // a one-shot command: log warnings only unless LOG_LEVEL is set
	log    *slog.Logger
	loc    *locale.Bundle
	lang   bot.Lang // the operator's language for CLI output
	// redact masks secrets in every log line and in the error run returns.
	redact *redact.Redactor
}

// run is the whole program: it reads the configuration, checks it (every
// problem at once) and runs the command in args (see commandTable); -h,
// -help or --help anywhere before "--" prints the command's help instead.
// No configured secret appears in its logs or in the error it returns.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, rest, cfgErr := loadConfig(args[1:], getenv)
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, cfg: cfg, cfgErr: cfgErr, lang: cliLang(getenv),
		redact: redact.New()}
	if cfg != nil {
		e.redact.Add(cfg.secrets()...)
	}
	return e.redact.Error(e.dispatch(ctx, rest))
}

// dispatch runs the command in rest.
func (e *env) dispatch(ctx context.Context, rest []string) error {
	if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
		if len(rest) > 0 && isHelpFlag(rest[0]) {
			writeTopHelp(e.stdout)
			return nil
		}
		if len(rest) > 0 && rest[0] != "--" {
			return usageError{fmt.Sprintf("unknown flag %q; run temaplanbot -h", rest[0])}
		}
		return e.start(ctx, nil, func(ctx context.Context, e *env, _ []string) error { return e.serveOrChat(ctx) })
	}
	c, cargs, ok := findCommand(rest)
	if !ok {
		return usageError{fmt.Sprintf("unknown command %q; run temaplanbot help for the list", rest[0])}
	}
	if wantsHelp(cargs) {
		writeCommandHelp(e.stdout, c)
		return nil
	}
	if c.setup == nil {
		return groupUsage(c, cargs)
	}
	runner, pos, err := parseArgs(c, cargs)
	if err != nil {
		return err
	}
	if e.cfgErr != nil && !c.anyConfig {
		return e.cfgErr
	}
	e.quiet = !c.serves
	return e.start(ctx, pos, runner)
}

// start finishes env (locale, logger) and runs fn. A configuration that
// could not be read at all (a bad flag) is an error even for anyConfig commands.
func (e *env) start(ctx context.Context, args []string, fn runFunc) error {
	if e.cfg == nil {
		return e.cfgErr
	}
	loc, err := locale.Load()
	if err != nil {
		return err
	}
	e.loc, e.log = loc, newLogger(e.cfg, e.redact, e.stderr)
	if e.quiet && e.getenv("LOG_LEVEL") == "" {
		e.log = quietLogger(e.cfg, e.redact, e.stderr) // a one-shot command: warnings only
	}
	return fn(ctx, e, args)
}

// serveOrChat is what temaplanbot does without a command: serve the
// configured platforms, or chat in the terminal when there are none.
func (e *env) serveOrChat(ctx context.Context) error {
	if e.cfgErr != nil {
		return e.cfgErr
	}
	if e.cfg.anyPlatform() || e.cfg.WebEnabled {
		return e.serve(ctx)
	}
	fmt.Fprintln(e.stderr, e.loc.Text(e.lang, "cli.local_chat", map[string]any{"DataDir": e.cfg.DataDir}))
	return e.chat(ctx, false)
}

// serveCmd is `temaplanbot serve`: like no command, but it fails when no
// platform is configured instead of starting a terminal chat.
func (e *env) serveCmd(ctx context.Context) error {
	if !e.cfg.anyPlatform() && !e.cfg.WebEnabled {
		return fmt.Errorf("serve: %w; set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET, and/or DISCORD_BOT_TOKEN or DISCORD_PUBLIC_KEY, and/or WEB_ENABLED=true (--web) (see README)", errNoPlatform)
	}
	return e.serve(ctx)
}

// configCheck prints every configuration problem, or that all is well.
func (e *env) configCheck() error {
	if e.cfgErr != nil {
		return e.cfgErr
	}
	cfg, stdout := e.cfg, e.stdout
	fmt.Fprintln(stdout, "configuration OK")
	fmt.Fprintf(stdout, "  database: %s\n", map[bool]string{true: "MongoDB at MONGODB_URI", false: "embedded in " + cfg.DataDir}[cfg.MongoURI != ""])
	fmt.Fprintf(stdout, "  slack: socket mode %v, http %v; discord: gateway %v, http %v\n",
		cfg.slackSocket(), cfg.slackHTTP(), cfg.discordGateway(), cfg.discordHTTP())
	fmt.Fprintf(stdout, "  web chat: %v (allowed embedding origins: %d)\n", cfg.WebEnabled, len(cfg.WebAllowedOrigins))
	fmt.Fprintf(stdout, "  retention: %s\n", cfg.retentionText())
	if cfg.Retention.Contact == "" {
		fmt.Fprintln(stdout, "  privacy contact: not set (set PRIVACY_CONTACT: the privacy answers name it)")
	}
	return nil
}

// cliLang picks the operator's language from LANG/LC_ALL (Norwegian -> nb, else en).
func cliLang(getenv func(string) string) bot.Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if l, ok := bot.LangFromLocale(v); ok {
				return l
			}
			return bot.EN
		}
	}
	return bot.EN
}

// quietLogger is newLogger at warn level.
func quietLogger(cfg *config, red *redact.Redactor, w io.Writer) *slog.Logger {
	c := *cfg
	c.LogLevel = "warn"
	return newLogger(&c, red, w)
}

// newLogger logs text on a terminal and JSON otherwise, at LOG_LEVEL, with
// every secret red knows (and every token-shaped string) masked.
func newLogger(cfg *config, red *redact.Redactor, w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	format := cfg.LogFormat
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(red.Handler(slog.NewTextHandler(w, opts)))
	}
	return slog.New(red.Handler(slog.NewJSONHandler(w, opts)))
}
