package main

import (
	"errors"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestEveryCommandHasHelp runs `<command> -h`, `--help`, `-help` and `help
// <command>` for every entry of the command table (so a new command is
// covered as soon as it exists) with a broken configuration: each exits 0
// and prints its usage line, its text and every one of its flags.
func TestEveryCommandHasHelp(t *testing.T) {
	broken := map[string]string{"LOG_LEVEL": "loud", "TIME_ZONE": "Mars/Olympus"}
	for _, c := range commandTable() {
		words := strings.Fields(c.name)
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		if c.setup != nil {
			c.setup(fs)
		}
		for _, args := range [][]string{
			append(words[:len(words):len(words)], "-h"),
			append(words[:len(words):len(words)], "--help"),
			append(words[:len(words):len(words)], "-help"),
			append([]string{"help"}, words...),
		} {
			t.Run(strings.Join(args, "_"), func(t *testing.T) {
				out, _, err := runWith(t, broken, "", args...)
				if err != nil {
					t.Fatalf("%q: %v", args, err)
				}
				if !strings.HasPrefix(out, "usage: temaplanbot "+c.name) || c.summary == "" || !strings.Contains(out, c.doc) {
					t.Errorf("%q: help lacks the usage line or text:\n%s", args, out)
				}
				fs.VisitAll(func(f *flag.Flag) {
					_, usage := flag.UnquoteUsage(f)
					if !strings.Contains(out, "-"+f.Name) || !strings.Contains(out, usage) {
						t.Errorf("%q: help does not list flag -%s:\n%s", args, f.Name, out)
					}
				})
			})
		}
	}
}

// TestTopLevelHelp: -h, --help, -help and help list every command and every
// configuration flag and environment variable, exit 0, and show defaults,
// never the values in the environment (which may be secrets).
func TestTopLevelHelp(t *testing.T) {
	env := map[string]string{"MONGODB_URI": "mongodb://user:hunter2secret@db1/?replicaSet=rs0"}
	for _, arg := range []string{"-h", "--help", "-help", "help"} {
		out, _, err := runWith(t, env, "", arg)
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if !strings.Contains(out, "Usage:\n\n\ttemaplanbot [flags] [command] [arguments]") || strings.Contains(out, "hunter2") {
			t.Errorf("%s: no usage line, or a value from the environment:\n%s", arg, out)
		}
		for _, c := range commandTable() {
			if !strings.Contains(out, "\n  "+c.name+" ") {
				t.Errorf("%s: command %q not listed", arg, c.name)
			}
		}
		for _, s := range settings {
			if !strings.Contains(out, s.env) || (s.flag != "" && !strings.Contains(out, "--"+s.flag+" ")) {
				t.Errorf("%s: setting %s not listed", arg, s.env)
			}
		}
	}
}

// TestCommandLineMistakes are usage errors (exit status 2) that say what to do.
func TestCommandLineMistakes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plans", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"config"}, "usage: temaplanbot config check"},
		{[]string{"config", "frob"}, `unknown command "config frob"`},
		{[]string{"discord"}, "usage: temaplanbot discord register"},
		{[]string{"help", "frob"}, `unknown help topic "frob"`},
		{[]string{"--frob"}, `unknown flag "--frob"`},
		{[]string{"frob"}, `unknown command "frob"`},
	} {
		_, _, err := runWith(t, map[string]string{}, "", tc.args...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want a usage error with %q", tc.args, err, tc.want)
		}
	}
}

// TestHealthcheck probes a real HTTP server on a loopback port the way the
// image's HEALTHCHECK does: 200 is healthy, anything else is an error.
func TestHealthcheck(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" && r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(r.URL.Path + " answered\n"))
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	env := map[string]string{"HTTP_ADDR": ":" + port}
	out, _, err := runWith(t, env, "", "healthcheck")
	if err != nil || !strings.Contains(out, "/healthz answered") {
		t.Fatalf("healthy server: %v %q", err, out)
	}
	if out, _, err = runWith(t, env, "", "healthcheck", "--ready"); err != nil || !strings.Contains(out, "/readyz answered") {
		t.Fatalf("--ready: %v %q", err, out)
	}
	status = http.StatusServiceUnavailable
	if _, _, err = runWith(t, env, "", "healthcheck", "--ready"); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("unready server: want an error naming 503, got %v", err)
	}
	srv.Close()
	if _, _, err = runWith(t, env, "", "healthcheck"); err == nil {
		t.Fatal("no server: want an error")
	}
}

// TestOneShotCommandsLogQuietly: a one-shot command writes no info lines to
// stderr unless LOG_LEVEL asks for them.
func TestOneShotCommandsLogQuietly(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("uses the embedded database in a temporary DATA_DIR")
	}
	dir := mongodbtest.Dir(t)
	_, stderr, err := runWith(t, map[string]string{"DATA_DIR": dir}, "", "remind", "--dry-run")
	if err != nil || strings.Contains(stderr, "store open") {
		t.Fatalf("default: %v, stderr %q", err, stderr)
	}
	_, stderr, err = runWith(t, map[string]string{"DATA_DIR": dir, "LOG_LEVEL": "info"}, "", "remind", "--dry-run")
	if err != nil || !strings.Contains(stderr, "store open") {
		t.Fatalf("LOG_LEVEL=info: %v, stderr %q", err, stderr)
	}
}
