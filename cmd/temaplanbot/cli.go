package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// runFunc runs a command with its arguments left after its flags.
type runFunc func(ctx context.Context, e *env, args []string) error

// command is one subcommand: its words, its help text and its flags. The
// command list, `temaplanbot help`, `<command> -h` and the dispatch in run
// all come from commandTable, so a new command is one entry there.
type command struct {
	name    string // the words after "temaplanbot", e.g. "discord register"
	args    string // synopsis of the arguments after the flags; "" = none allowed
	summary string // one line for the command list
	doc     string // the help text's body
	// setup declares the command's flags on fs and returns the function that
	// runs it. Nil for a group such as "config", which only has subcommands.
	setup func(fs *flag.FlagSet) runFunc
	// anyConfig lets the command run although the configuration has
	// problems (it gets them in env.cfgErr).
	anyConfig bool
	// serves marks a long-running server, which logs at LOG_LEVEL; the
	// other commands log only warnings unless LOG_LEVEL is set.
	serves bool
}

// noFlags is the setup of a command without flags of its own.
func noFlags(run runFunc) func(*flag.FlagSet) runFunc {
	return func(*flag.FlagSet) runFunc { return run }
}

// commandTable lists every command, in the order help shows them.
func commandTable() []command {
	return []command{
		{name: "serve", serves: true, summary: "serve the configured platforms (Slack, Discord, web chat)",
			doc: "Serve runs every configured platform (Slack Socket Mode or HTTP, Discord gateway or HTTP\n" +
				"interactions, the web chat with WEB_ENABLED), the HTTP server with /healthz, /readyz and\n" +
				"/metrics, and the reminder and digest scheduler, until SIGINT or SIGTERM. It fails clearly\n" +
				"when no platform is configured.",
			setup: noFlags(func(ctx context.Context, e *env, _ []string) error { return e.serveCmd(ctx) })},
		{name: "chat", summary: "chat with the bot in the terminal",
			doc: "Chat reads messages from standard input and answers them, against the configured store\n" +
				"(MONGODB_URI or the embedded database in DATA_DIR). The terminal user counts as staff;\n" +
				"with --resident, as a resident (staff command words are then ordinary words).",
			setup: chatSetup},
		{name: "ask", args: "[question ...]", summary: "answer questions from the catalogue, no database",
			doc: "Ask answers each question argument, or each line of standard input when there are none,\n" +
				"from the plan catalogue alone (no database), as text or as JSON lines.",
			setup: askSetup},
		{name: "plans", summary: "print the plan catalogue as a table",
			doc:   "Plans prints the catalogue (CATALOG_FILE or the embedded one) as a table.",
			setup: noFlags(func(_ context.Context, e *env, _ []string) error { return e.plans() })},
		{name: "export", summary: "write residents' input for staff as CSV or JSON lines",
			doc: "Export writes the stored input to standard output, anonymous unless --with-author-hash.\n" +
				"CSV is Excel-ready: UTF-8 with a byte order mark, \";\" between fields.",
			setup: exportSetup},
		{name: "import", args: "FILE | --undo ID", summary: "add input received by e-mail or letter from a CSV or JSON lines file",
			doc: "Import adds the rows of FILE (- for standard input) in the export's own columns (CSV with\n" +
				"\";\", \",\" or tab, BOM accepted; or JSON lines), checked like chat input: a row with personal\n" +
				"data or an unknown plan is refused with its line number, every good row is stored, and\n" +
				"importing the same file again adds nothing. --source email|letter sets the platform.\n" +
				"The whole file is checked before anything is stored: a file that is not UTF-8 text\n" +
				"(binary, or a spreadsheet not saved as \"CSV UTF-8\"), larger than --max-size or with more\n" +
				"rows than --max-rows, or with more refused rows than good ones, is refused as a whole.\n" +
				"--dry-run only checks and prints the counts and the first refused rows. Each import gets an\n" +
				"id in the audit log; --undo ID removes exactly what that import added.",
			setup: importSetup},
		{name: "backup", args: "FILE", summary: "write everything needed to carry on to a backup file",
			doc: "Backup writes residents' input (with author hashes), dialogs, preferences, subscriptions,\n" +
				"reminder and digest state, start date overrides and the audit log to FILE (gzip'd JSON\n" +
				"lines, mode 0600), from the embedded database or MongoDB. The author hash key is not in\n" +
				"it, only its fingerprint: keep the key (AUTHOR_HASH_KEY, or DATA_DIR/author-hash.key) too.",
			setup: noFlags(func(ctx context.Context, e *env, args []string) error { return e.backupCmd(ctx, args) })},
		{name: "restore", args: "FILE", summary: "restore a backup into an empty store (also: move to MongoDB)",
			doc: "Restore checks the whole backup FILE first, then writes it into the configured store\n" +
				"(MONGODB_URI or the embedded database in DATA_DIR), which must be empty and must use the\n" +
				"author hash key the backup was made with. --check only reads the file and says what it holds.",
			setup: restoreSetup},
		{name: "digest", summary: "show the digest each staff channel would get now",
			doc: "Digest --dry-run prints the digest each subscribed staff channel would get now, without\n" +
				"sending it or moving its watermark. With --since YYYY-MM-DD it prints a summary of the input\n" +
				"since that day instead (counts per plan, what needs attention, the newest input), for any\n" +
				"period at about the same cost. `temaplanbot serve` sends digests on DIGEST_SCHEDULE;\n" +
				"staff can ask for one at once with `/temaplan digest now`, or for a summary with\n" +
				"`/temaplan digest since 2026-03-01`.",
			setup: digestSetup},
		{name: "remind", summary: "list the reminders due (and missed) now",
			doc: "Remind --dry-run lists the reminders due now that no running copy has claimed yet, with\n" +
				"their text, and those that would be recorded as missed. It sends nothing.",
			setup: dryRunSetup("remind", (*env).remind)},
		{name: "discord", summary: "Discord administration (register)",
			doc: "Discord has subcommands; see `temaplanbot discord register -h`."},
		{name: "discord register", summary: "(re)register the /temaplan command with Discord",
			doc: "Discord register creates or updates the /temaplan application command, globally or for\n" +
				"one guild (instant, for testing). Needs DISCORD_BOT_TOKEN and DISCORD_APP_ID.",
			setup: discordRegisterSetup},
		{name: "config", summary: "configuration tools (check)",
			doc: "Config has subcommands; see `temaplanbot config check -h`."},
		{name: "config check", summary: "validate the configuration, every problem at once",
			doc: "Config check validates every setting (environment variables and flags) and lists every\n" +
				"problem at once; secrets are never printed. Exit status 1 when there are problems.",
			setup: noFlags(func(_ context.Context, e *env, _ []string) error { return e.configCheck() }), anyConfig: true},
		{name: "healthcheck", summary: "probe a running server's /healthz (for container health checks)",
			doc: "Healthcheck requests /healthz (or /readyz with --ready) of the server at HTTP_ADDR on this\n" +
				"machine and exits 0 when it answers 200, 1 otherwise. Made for a container HEALTHCHECK\n" +
				"in an image without a shell or curl.",
			setup: healthcheckSetup, anyConfig: true},
		{name: "help", args: "[command]", summary: "show help for a command",
			doc:   "Help shows the list of commands, or the help of one command.",
			setup: noFlags(func(_ context.Context, e *env, args []string) error { return e.help(args) }), anyConfig: true},
	}
}

// findCommand picks the table entry named by the leading words of args (the
// longest match) and returns it with the remaining arguments. ok is false
// when args name no command.
func findCommand(args []string) (cmd command, rest []string, ok bool) {
	best := -1
	for _, c := range commandTable() {
		words := strings.Fields(c.name)
		if len(words) > len(args) || !slices.Equal(words, args[:len(words)]) || len(words) <= best {
			continue
		}
		cmd, rest, ok, best = c, args[len(words):], true, len(words)
	}
	return cmd, rest, ok
}

// isHelpFlag reports whether a is -h, -help or --help.
func isHelpFlag(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// wantsHelp reports whether args ask for help before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelpFlag(a) {
			return true
		}
	}
	return false
}

// subcommands lists the table entries one word below c.
func subcommands(c command) []command {
	var out []command
	for _, s := range commandTable() {
		if strings.HasPrefix(s.name, c.name+" ") && !strings.Contains(s.name[len(c.name)+1:], " ") {
			out = append(out, s)
		}
	}
	return out
}

// parseArgs declares c's flags, parses args and returns the runner with the
// positional arguments. Bad flags and unexpected arguments are usage errors.
func parseArgs(c command, args []string) (runFunc, []string, error) {
	fs := flag.NewFlagSet("temaplanbot "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := c.setup(fs)
	if err := fs.Parse(args); err != nil {
		return nil, nil, usageError{fmt.Sprintf("%s: %v (see temaplanbot %s -h)", c.name, err, c.name)}
	}
	if c.args == "" && fs.NArg() > 0 {
		return nil, nil, usageError{fmt.Sprintf("%s: unexpected argument %q (see temaplanbot %s -h)", c.name, fs.Arg(0), c.name)}
	}
	return run, fs.Args(), nil
}

// groupUsage is the usage error of a group command given without a subcommand.
func groupUsage(c command, args []string) error {
	var names []string
	for _, s := range subcommands(c) {
		names = append(names, s.name)
	}
	if len(args) > 0 {
		return usageError{fmt.Sprintf("unknown command %q; use %s", c.name+" "+args[0], strings.Join(names, " or "))}
	}
	return usageError{"usage: temaplanbot " + strings.Join(names, " | ")}
}

// help prints the top-level help, or the help of the command named by args.
func (e *env) help(args []string) error {
	if len(args) == 0 {
		writeTopHelp(e.stdout)
		return nil
	}
	c, rest, ok := findCommand(args)
	if !ok || len(rest) > 0 {
		return usageError{fmt.Sprintf("unknown help topic %q; run temaplanbot help", strings.Join(args, " "))}
	}
	writeCommandHelp(e.stdout, c)
	return nil
}

// writeCommandHelp prints one command's usage line, text, subcommands and flags.
func writeCommandHelp(w io.Writer, c command) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.setup != nil {
		c.setup(fs)
	}
	synopsis := "temaplanbot " + c.name
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		synopsis += " [flags]"
	}
	if subs := subcommands(c); len(subs) > 0 {
		synopsis += " <command>"
	} else if c.args != "" {
		synopsis += " " + c.args
	}
	fmt.Fprintf(w, "usage: %s\n\n%s\n", synopsis, c.doc)
	if subs := subcommands(c); len(subs) > 0 {
		fmt.Fprint(w, "\nThe commands are:\n\n")
		writeCommandList(w, subs)
	}
	if hasFlags {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	fmt.Fprint(w, "\nThe configuration flags (see temaplanbot help) may be given before or after the command.\n")
}

// writeCommandList prints name and summary of each command in columns.
func writeCommandList(w io.Writer, cmds []command) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, c := range cmds {
		fmt.Fprintf(tw, "\t%s\t%s\n", c.name, c.summary)
	}
	_ = tw.Flush()
}

// writeTopHelp prints what temaplanbot is, its commands and its
// configuration flags and environment variables (defaults, never values).
func writeTopHelp(w io.Writer) {
	fmt.Fprint(w, `Temaplanbot is Asker kommune's chat bot for its theme plans (temaplaner)
on Slack, Discord and the terminal.

Usage:

	temaplanbot [flags] [command] [arguments]

With no command it serves the configured platforms, or starts a terminal chat
with an embedded database in DATA_DIR when no platform is configured.

The commands are:

`)
	writeCommandList(w, commandTable())
	fmt.Fprint(w, `
Use "temaplanbot help <command>" or "temaplanbot <command> -h" for more about a command.

Configuration flags, each also read from its environment variable:

`)
	for _, s := range settings {
		if s.flag == "" {
			continue
		}
		def := ""
		if s.def != "" {
			def = fmt.Sprintf(", default %q", s.def)
		}
		fmt.Fprintf(w, "  --%s (env %s%s)\n    \t%s\n", s.flag, s.env, def, s.help)
	}
	fmt.Fprint(w, "\nEnvironment variables without a flag (secrets and platform ids):\n\n")
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, s := range settings {
		if s.flag == "" {
			fmt.Fprintf(tw, "\t%s\t%s\n", s.env, s.help)
		}
	}
	_ = tw.Flush()
	fmt.Fprint(w, "\n`temaplanbot config check` validates them all; see README.md.\n")
}
