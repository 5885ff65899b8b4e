package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// shellWords splits a command line the way sh does for the simple quoting
// the README uses ('...' and "..."), stopping at a comment.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == '#' && !in:
			return words
		case c == ' ' || c == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// TestReadmeCommandsParse: every `go run ./cmd/temaplanbot ...` line of the
// README names a command that exists, with flags it accepts, and every file
// it reads with "<" is in the repository.
func TestReadmeCommandsParse(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "go run ./cmd/temaplanbot"
	n := 0
	for _, line := range strings.Split(string(readme), "\n") {
		i := strings.Index(line, prefix)
		if i < 0 {
			continue
		}
		n++
		cmdline, _, _ := strings.Cut(line[i+len(prefix):], "`") // prose: `go run ...` and ...
		words := shellWords(cmdline)
		var args []string
		for j := 0; j < len(words); j++ {
			switch w := words[j]; {
			case w == "<" && j+1 < len(words):
				if _, err := os.Stat("../../" + words[j+1]); err != nil {
					t.Errorf("README: %q reads a file that is not in the repository: %v", line, err)
				}
				j++
			case w == ">" || w == "|":
				j = len(words)
			case strings.HasSuffix(w, "]") || strings.HasPrefix(w, "["):
				// an optional part in the synopsis, e.g. [--guild ID]
				for ; j < len(words) && !strings.HasSuffix(words[j], "]"); j++ {
				}
			default:
				args = append(args, w)
			}
		}
		_, rest, err := loadConfig(args, func(string) string { return "" })
		if err != nil {
			t.Errorf("README: %q: %v", line, err)
			continue
		}
		if len(rest) == 0 {
			continue // temaplanbot with no command
		}
		c, cargs, ok := findCommand(rest)
		if !ok || c.setup == nil {
			t.Errorf("README: %q: no such command", line)
			continue
		}
		if _, _, err := parseArgs(c, cargs); err != nil {
			t.Errorf("README: %q: %v", line, err)
		}
	}
	if n < 10 {
		t.Fatalf("found only %d commands in the README", n)
	}
}

// TestSampleQuestions is the README's `ask --json < .../questions.txt`: one
// JSON object per question, each understood and answered.
func TestSampleQuestions(t *testing.T) {
	in, err := os.ReadFile("testdata/questions.txt")
	if err != nil {
		t.Fatal(err)
	}
	questions := strings.Split(strings.TrimSpace(string(in)), "\n")
	out, _, err := runWith(t, map[string]string{}, string(in), "ask", "--json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(questions) {
		t.Fatalf("%d answers for %d questions", len(lines), len(questions))
	}
	for i, l := range lines {
		var a askLine
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		if a.Question != questions[i] || a.Intent == "" || a.Intent == "unknown" || a.Text == "" || a.Lang == "" {
			t.Errorf("%q: %+v", questions[i], a)
		}
	}
}

// TestDigestDryRunWithoutSubscriptionSaysHow: with no digest subscription,
// `digest --dry-run` says how a channel subscribes, in the operator's language.
func TestDigestDryRunWithoutSubscriptionSaysHow(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("uses the embedded database in a temporary DATA_DIR")
	}
	dir := mongodbtest.Dir(t)
	for lang, want := range map[string]string{"en_GB.UTF-8": "/temaplan digest here", "nb_NO.UTF-8": "/temaplan digest her"} {
		out, _, err := runWith(t, map[string]string{"DATA_DIR": dir, "LANG": lang}, "", "digest", "--dry-run")
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("%s: %v %q; want it to say %q", lang, err, out, want)
		}
	}
}
