// Command temaplanbot is Asker kommune's chat bot for the theme plans
// (temaplaner) on Slack, Discord and the terminal.
//
// Usage:
//
//	temaplanbot [flags] [serve|chat|ask|plans|export|digest|remind|discord register|config check]
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
	"syscall"
	_ "time/tzdata" // Europe/Oslo on machines (and images) without zone data

	"golang.org/x/term"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal now ends the process at once
	}()
	if err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "temaplanbot:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

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
	log    *slog.Logger
	loc    *locale.Bundle
	lang   bot.Lang // the operator's language for CLI output
}

// run is the whole program: it reads the configuration, checks it (every
// problem at once) and runs the subcommand in args.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, rest, err := loadConfig(args[1:], getenv)
	sub := ""
	if len(rest) > 0 {
		sub, rest = rest[0], rest[1:]
	}
	if sub == "config" {
		return configCheck(rest, cfg, err, stdout)
	}
	if err != nil {
		return err
	}
	loc, err := locale.Load()
	if err != nil {
		return err
	}
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, cfg: cfg, loc: loc,
		log: newLogger(cfg, stderr), lang: cliLang(getenv)}
	switch sub {
	case "":
		if cfg.anyPlatform() {
			return e.serve(ctx)
		}
		fmt.Fprintln(stderr, loc.Text(e.lang, "cli.local_chat", map[string]any{"DataDir": cfg.DataDir}))
		return e.chat(ctx)
	case "serve":
		if !cfg.anyPlatform() {
			return fmt.Errorf("serve: %w; set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET, and/or DISCORD_BOT_TOKEN or DISCORD_PUBLIC_KEY (see README)", errNoPlatform)
		}
		return e.serve(ctx)
	case "chat":
		return e.chat(ctx)
	case "ask":
		return e.ask(rest)
	case "plans":
		return e.plans()
	case "export":
		return e.export(ctx, rest)
	case "digest":
		return e.digest(ctx, rest)
	case "remind":
		return e.remind(ctx, rest)
	case "discord":
		return e.discord(ctx, rest)
	}
	return usageError{fmt.Sprintf("unknown command %q; use serve, chat, ask, plans, export, digest, remind, discord register or config check", sub)}
}

// configCheck prints every configuration problem, or that all is well.
func configCheck(args []string, cfg *config, err error, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "check" {
		return usageError{"usage: temaplanbot config check"}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "configuration OK")
	fmt.Fprintf(stdout, "  database: %s\n", map[bool]string{true: "MongoDB at MONGODB_URI", false: "embedded in " + cfg.DataDir}[cfg.MongoURI != ""])
	fmt.Fprintf(stdout, "  slack: socket mode %v, http %v; discord: gateway %v, http %v\n",
		cfg.slackSocket(), cfg.slackHTTP(), cfg.discordGateway(), cfg.discordHTTP())
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
func quietLogger(cfg *config, w io.Writer) *slog.Logger {
	c := *cfg
	c.LogLevel = "warn"
	return newLogger(&c, w)
}

// newLogger logs text on a terminal and JSON otherwise, at LOG_LEVEL.
func newLogger(cfg *config, w io.Writer) *slog.Logger {
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
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
