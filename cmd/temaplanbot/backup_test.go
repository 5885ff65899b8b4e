package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/locale"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
	"github.com/askerkommune/temaplanbot/internal/redact"
)

// testEnv is the env a command gets, with its output discarded.
func testEnv(t *testing.T, vars map[string]string) *env {
	t.Helper()
	getenv := func(k string) string { return vars[k] }
	cfg, _, err := loadConfig(nil, getenv)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{getenv: getenv, stdout: io.Discard, stderr: io.Discard, cfg: cfg, loc: loc, lang: bot.EN, redact: redact.New()}
	e.log = quietLogger(cfg, e.redact, io.Discard)
	return e
}

// testCore opens the configured core the way a command does, closed when
// the test ends.
func testCore(t *testing.T, vars map[string]string) *core {
	t.Helper()
	return openTestCore(t, testEnv(t, vars))
}

// openTestCore opens e's core, closed when the test ends.
func openTestCore(t *testing.T, e *env) *core {
	t.Helper()
	c, err := e.openCore(context.Background(), nil, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	return c
}

// resident is one person chatting in Slack.
type resident struct{ user, channel string }

// say sends text as r and returns the replies' text.
func (r resident) say(t *testing.T, c *core, text string, staff bool) string {
	t.Helper()
	var out []string
	for _, rep := range c.engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformSlack, Workspace: "T1",
		Channel: r.channel, User: r.user, Text: text, Command: staff, Staff: staff, Direct: r.channel[0] == 'D',
		EventID: "Ev" + rand.Text()}) {
		out = append(out, rep.Text, rep.Ref)
	}
	return strings.Join(out, "\n")
}

var backupResidents = []resident{{"U0001", "D0001"}, {"U0002", "D0002"}, {"U0003", "D0003"}}

// fillForBackup gives each resident an input, leaves the third in the
// middle of a second one, and subscribes a channel to reminders and
// digests. It returns each resident's reference.
func fillForBackup(t *testing.T, c *core) []string {
	t.Helper()
	var refs []string
	for i, r := range backupResidents {
		r.say(t, c, fmt.Sprintf("innspill klima Flere ladestasjoner ved stasjon nummer %d", i+1), false)
		out := r.say(t, c, "ja", false)
		ref := refPattern.FindString(out)
		if ref == "" {
			t.Fatalf("resident %d got no receipt:\n%s", i, out)
		}
		refs = append(refs, ref)
	}
	backupResidents[2].say(t, c, "innspill kultur", false) // waits for the text
	staff := resident{"U0999", "C0001"}
	for _, cmd := range []string{"varsler på", "digest her"} {
		if out := staff.say(t, c, cmd, true); out == "" {
			t.Fatalf("%s: no answer", cmd)
		}
	}
	return refs
}

// checkRestored checks that every resident sees and can delete their own
// input, and that the dialog and subscriptions came along.
func checkRestored(t *testing.T, c *core, refs []string) {
	t.Helper()
	ctx := context.Background()
	for _, kind := range []string{bot.SubReminders, bot.SubDigest} {
		if subs, err := c.store.Subscriptions(ctx, kind); err != nil || len(subs) != 1 {
			t.Errorf("%s subscriptions after restore: %v, %v", kind, subs, err)
		}
	}
	waiting := 0
	if err := c.store.EachDialog(ctx, func(d bot.Dialog) error {
		if d.Step == bot.StepText && d.Plan == "kultur" {
			waiting++
		}
		return nil
	}); err != nil || waiting != 1 {
		t.Errorf("dialogs waiting for a text after restore: %d, %v; want 1", waiting, err)
	}
	backupResidents[2].say(t, c, "Mer kultur på torget om kvelden", false)
	out := backupResidents[2].say(t, c, "ja", false)
	if ref := refPattern.FindString(out); ref == "" || slices.Contains(refs, ref) {
		t.Errorf("the unfinished input did not continue after restore:\n%s", out)
	}
	for i, r := range backupResidents {
		mine := r.say(t, c, "mine", false)
		for j, ref := range refs {
			if got := strings.Contains(mine, ref); got != (i == j) {
				t.Errorf("resident %d sees %s: %v, want %v:\n%s", i, ref, got, i == j, mine)
			}
		}
		r.say(t, c, "slett "+refs[i], false)
		if _, err := c.store.Submission(ctx, refs[i]); err == nil {
			t.Errorf("resident %d could not delete %s after restore", i, refs[i])
		}
	}
}

func TestBackupRestoreKeepsResidentsInput(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("uses embedded databases in temporary directories")
	}
	src := map[string]string{"DATA_DIR": mongodbtest.Dir(t), "LANG": "en_US.UTF-8"}
	var refs []string
	func() {
		c := testCore(t, src)
		refs = fillForBackup(t, c)
		c.close()
	}()
	file := filepath.Join(t.TempDir(), "backup.jsonl.gz")
	out, _, err := runWith(t, src, "", "backup", file)
	if err != nil || !strings.Contains(out, "submission 3") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v", st, err)
	}
	key := filepath.Join(src["DATA_DIR"], mongodb.AuthorKeyFile)

	t.Run("embedded", func(t *testing.T) {
		dst := map[string]string{"DATA_DIR": mongodbtest.Dir(t)}
		if _, _, err := runWith(t, dst, "", "restore", file); err == nil || !strings.Contains(err.Error(), "author-hash.key") {
			t.Fatalf("restore without the key: %v, want a refusal naming author-hash.key", err)
		}
		keyBytes, _ := os.ReadFile(key)
		if err := os.WriteFile(filepath.Join(dst["DATA_DIR"], mongodb.AuthorKeyFile), keyBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, _, err := runWith(t, dst, "", "restore", file); err != nil {
			t.Fatalf("restore: %v\n%s", err, out)
		}
		if _, _, err := runWith(t, dst, "", "restore", file); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("a second restore into the same store: %v, want a refusal", err)
		}
		checkRestored(t, testCore(t, dst), refs)
	})
	t.Run("mongodb", func(t *testing.T) {
		srv := mongodbtest.StartEmbedded(t, "") // a MongoDB-protocol server reached by URI, as in production
		dst := map[string]string{"MONGODB_URI": srv.URI(), "AUTHOR_HASH_KEY": strings.Repeat("another-key-", 4)}
		if _, _, err := runWith(t, dst, "", "restore", file); err == nil || !strings.Contains(err.Error(), "another author hash key") {
			t.Fatalf("restore with another key: %v, want a refusal", err)
		}
		dst = map[string]string{"MONGODB_URI": srv.URI(), "AUTHOR_HASH_KEY_FILE": key}
		if out, _, err := runWith(t, dst, "", "restore", file); err != nil {
			t.Fatalf("restore: %v\n%s", err, out)
		}
		// Backup works while another process uses the store, and holds the same.
		live := testCore(t, dst)
		again := filepath.Join(t.TempDir(), "again.jsonl.gz")
		if out, _, err := runWith(t, dst, "", "backup", again); err != nil || !strings.Contains(out, "submission 3") {
			t.Fatalf("backup of the restored store while it is in use: %v\n%s", err, out)
		}
		checkRestored(t, live, refs)
	})
}

func TestRestoreRefusesACutOffBackup(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("uses embedded databases in temporary directories")
	}
	src := map[string]string{"DATA_DIR": mongodbtest.Dir(t)}
	c := testCore(t, src)
	fillForBackup(t, c)
	c.close()
	file := filepath.Join(t.TempDir(), "backup.jsonl.gz")
	if _, _, err := runWith(t, src, "", "backup", file); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(file)
	cut := filepath.Join(t.TempDir(), "cut.jsonl.gz")
	if err := os.WriteFile(cut, b[:len(b)*2/3], 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runWith(t, src, "", "restore", "--check", cut)
	if err == nil || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("restore --check of a cut-off file: %v", err)
	}
}
