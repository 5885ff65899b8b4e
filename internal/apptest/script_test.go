package apptest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// convo is one scripted conversation of a .conv file (see testdata/conversations/README.md).
type convo struct {
	file, title string
	line        int
	locale      string
	platform    string
	staff       bool // @ staff: the person is on the platform's staff list
	channel     bool // @ channel: said in a channel, not in a direct message
	steps       []scriptStep
}

// scriptStep is a message ("> "), a check of its replies ("< ") or of
// what is stored ("$ ").
type scriptStep struct {
	line int
	kind byte
	text string
	args map[string][]string
}

func loadConvos(t *testing.T, path string) []convo {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []convo
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t")
		switch {
		case strings.HasPrefix(line, "=== "):
			out = append(out, convo{file: filepath.Base(path), title: strings.TrimPrefix(line, "=== "), line: n, platform: bot.PlatformSlack})
		case line == "" || strings.HasPrefix(line, "#"):
		case len(out) == 0:
			t.Fatalf("%s:%d: step before the first === title", path, n)
		case strings.HasPrefix(line, "@ "):
			k, v, _ := strings.Cut(strings.TrimPrefix(line, "@ "), " ")
			c := &out[len(out)-1]
			switch k {
			case "locale":
				c.locale = v
			case "platform":
				c.platform = v
			case "staff":
				c.staff = true
			case "channel":
				c.channel = true
			default:
				t.Fatalf("%s:%d: unknown option %q", path, n, k)
			}
		case strings.HasPrefix(line, "> "):
			c := &out[len(out)-1]
			c.steps = append(c.steps, scriptStep{line: n, kind: '>', text: strings.ReplaceAll(strings.TrimPrefix(line, "> "), `\n`, "\n")})
		case strings.HasPrefix(line, "< "), strings.HasPrefix(line, "$ "):
			c := &out[len(out)-1]
			c.steps = append(c.steps, scriptStep{line: n, kind: line[0], args: parseArgs(t, line[2:])})
		default:
			t.Fatalf("%s:%d: cannot read %q", path, n, line)
		}
	}
	return out
}

// parseArgs reads `key=value key="quoted value" word` into a map; a bare
// word is stored under "" (e.g. "stored 1").
func parseArgs(t *testing.T, s string) map[string][]string {
	out := map[string][]string{}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		key, val := "", ""
		i := strings.IndexAny(s, "= ")
		if i < 0 || s[i] == ' ' {
			if i < 0 {
				i = len(s)
			}
			out[""] = append(out[""], s[:i])
			s = s[i:]
			continue
		}
		key, s = s[:i], s[i+1:]
		if strings.HasPrefix(s, `"`) {
			end := strings.Index(s[1:], `"`)
			if end < 0 {
				t.Fatalf("unterminated quote in %q", s)
			}
			val, s = s[1:end+1], s[end+2:]
		} else {
			j := strings.IndexByte(s, ' ')
			if j < 0 {
				j = len(s)
			}
			val, s = s[:j], s[j:]
		}
		out[key] = append(out[key], val)
	}
	return out
}

// runConvo plays c against app and returns the problems found.
func runConvo(app *App, c convo, id int) []string {
	var probs []string
	user := fmt.Sprintf("S%d", id)
	var last []bot.Reply
	n := 0
	for _, s := range c.steps {
		switch s.kind {
		case '>':
			n++
			app.Clock.Advance(time.Minute) // residents take a moment between messages
			channel := "D" + user
			if c.channel {
				channel = "C" + user
			}
			last = app.Engine.Handle(context.Background(), bot.Message{Platform: c.platform, Workspace: "T1", Channel: channel,
				User: user, Text: s.text, Locale: c.locale, Direct: !c.channel, Staff: c.staff, EventID: fmt.Sprintf("%s-%d", user, n)})
		case '<':
			probs = append(probs, checkReplies(s, last)...)
		case '$':
			probs = append(probs, checkStored(app, s, user, c.platform)...)
		}
	}
	return probs
}

func checkReplies(s scriptStep, rs []bot.Reply) []string {
	var probs []string
	bad := func(format string, a ...any) {
		probs = append(probs, fmt.Sprintf("line %d: ", s.line)+fmt.Sprintf(format, a...))
	}
	text := strings.ToLower(joined(rs))
	for _, want := range s.args["intent"] {
		if !anyReply(rs, func(r bot.Reply) bool { return string(r.Intent) == want }) {
			bad("no reply with intent %s (got %s)", want, intents(rs))
		}
	}
	for _, want := range s.args["plan"] {
		if want == "-" {
			if anyReply(rs, func(r bot.Reply) bool { return r.Plan != "" }) {
				bad("a reply names a plan")
			}
		} else if !anyReply(rs, func(r bot.Reply) bool { return r.Plan == want }) {
			bad("no reply about plan %s", want)
		}
	}
	for _, want := range s.args["lang"] {
		if len(rs) == 0 || anyReply(rs, func(r bot.Reply) bool { return string(r.Lang) != want }) {
			bad("not every reply is in %s", want)
		}
	}
	for _, want := range s.args["has"] {
		if !strings.Contains(text, strings.ToLower(want)) {
			bad("replies lack %q", want)
		}
	}
	for _, want := range s.args["not"] {
		if strings.Contains(text, strings.ToLower(want)) {
			bad("replies contain %q", want)
		}
	}
	if len(probs) > 0 {
		probs = append(probs, "\treplies: "+strings.ReplaceAll(joined(rs), "\n", "\n\t\t"))
	}
	return probs
}

func anyReply(rs []bot.Reply, f func(bot.Reply) bool) bool {
	for _, r := range rs {
		if f(r) {
			return true
		}
	}
	return false
}

func intents(rs []bot.Reply) string {
	var out []string
	for _, r := range rs {
		out = append(out, string(r.Intent))
	}
	return strings.Join(out, ",")
}

func checkStored(app *App, s scriptStep, user, platform string) []string {
	subs, err := app.Store.SubmissionsBy(context.Background(), app.Engine.AuthorHash(platform, user))
	if err != nil {
		return []string{fmt.Sprintf("line %d: %v", s.line, err)}
	}
	words := s.args[""]
	switch {
	case len(words) == 2 && words[0] == "stored":
		want, _ := strconv.Atoi(words[1])
		if len(subs) != want {
			return []string{fmt.Sprintf("line %d: %d stored, want %d", s.line, len(subs), want)}
		}
		return nil
	case len(words) == 1 && words[0] == "last":
		if len(subs) == 0 {
			return []string{fmt.Sprintf("line %d: nothing stored", s.line)}
		}
		got := subs[0]
		var probs []string
		check := func(key, have string, eq bool) {
			for _, want := range s.args[key] {
				if (eq && have != want) || (!eq && !strings.Contains(strings.ToLower(have), strings.ToLower(want))) {
					probs = append(probs, fmt.Sprintf("line %d: stored %s %q, want %q", s.line, key, have, want))
				}
			}
		}
		check("plan", got.Plan, true)
		check("lang", string(got.Lang), true)
		check("text", got.Text, true)
		check("has", got.Text, false)
		return probs
	}
	return []string{fmt.Sprintf("line %d: unknown store check %v", s.line, s.args)}
}

// TestConversations plays every scripted conversation in testdata through
// the real engine and store. Each file must be fully right; the held-out
// file (written before tuning) must stay at or above its bar.
// convFloors are the files kept at a floor below "all": blind4.conv (56
// fresh conversations written blind, first run 48/56 on 2026-12-07) was at
// 51/56 after the first general fixes it led to and is at 56/56 after the
// second round (a bare amend word after a change agrees with it, a plan
// named by description at confirm, privacy asked in other words).
var convFloors = map[string]int{"blind4.conv": 56, "practice2.conv": 52, "blind6.conv": 48, "blind8.conv": 51, "blind9.conv": 51, "blind11.conv": 50, "blind12.conv": 52, "blind17.conv": 43, "blind19.conv": 41}

func TestConversations(t *testing.T) {
	files, err := filepath.Glob("testdata/conversations/*.conv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conversation scripts: %v", err)
	}
	id := 0
	for _, f := range files {
		// Each file has a program and database of its own: a staff script
		// moves start dates, which the other files must not see.
		app := New(t, Options{})
		convos := loadConvos(t, f)
		ok := 0
		for _, c := range convos {
			id++
			probs := runConvo(app, c, id)
			if len(probs) == 0 {
				ok++
				continue
			}
			t.Logf("%s:%d %s:\n\t%s", c.file, c.line, c.title, strings.Join(probs, "\n\t"))
		}
		want := len(convos)
		if strings.HasPrefix(filepath.Base(f), "heldout") {
			want = (len(convos)*95 + 99) / 100
		}
		if n, ok := convFloors[filepath.Base(f)]; ok {
			want = n
		}
		t.Logf("%s: %d/%d conversations fully right", filepath.Base(f), ok, len(convos))
		if ok < want {
			t.Errorf("%s: %d/%d conversations fully right, want at least %d", filepath.Base(f), ok, len(convos), want)
		}
	}
}

// TestMessages sends each labelled message as the first message of a new
// resident and checks the intent, plan and language of the first reply:
// the held-out and blind sets (written before tuning, the blind ones by
// people who never saw the code) must stay at their floor (95%; 85% for
// the third blind set, the hardest), messages.tsv must be fully right.
func TestMessages(t *testing.T) {
	app := New(t, Options{})
	for _, c := range []struct {
		path string
		want float64
	}{{"testdata/heldout_questions.tsv", 0.95}, {"testdata/blind_questions.tsv", 0.95}, {"testdata/blind2_questions.tsv", 0.95}, {"testdata/blind3_questions.tsv", 0.85}, {"testdata/blind4_questions.tsv", 0.97}, {"testdata/messages.tsv", 1}, {"testdata/practice_questions.tsv", 0.97}, {"testdata/practice2_questions.tsv", 0.96}, {"testdata/blind5_questions.tsv", 0.97}, {"testdata/blind6_questions.tsv", 0.98}, {"testdata/blind7_questions.tsv", 0.98}, {"testdata/blind8_questions.tsv", 0.98}, {"testdata/blind9_questions.tsv", 0.99}, {"testdata/blind10_questions.tsv", 0.99}, {"testdata/blind11_questions.tsv", 0.99}, {"testdata/blind12_questions.tsv", 0.98}, {"testdata/blind13_questions.tsv", 0.99}, {"testdata/blind14_questions.tsv", 0.99}, {"testdata/blind15_questions.tsv", 0.98}, {"testdata/blind16_questions.tsv", 0.99}, {"testdata/blind17_questions.tsv", 0.99}, {"testdata/blind18_questions.tsv", 0.96}, {"testdata/blind19_questions.tsv", 0.99}, {"testdata/blind20_questions.tsv", 0.98}} {
		ok, total := checkMessages(t, app, c.path)
		t.Logf("%s: %d/%d right (%.1f%%)", c.path, ok, total, 100*float64(ok)/float64(total))
		if float64(ok) < c.want*float64(total) {
			t.Errorf("%s: %d/%d right, want at least %.0f%%", c.path, ok, total, 100*c.want)
		}
	}
}

func checkMessages(t *testing.T, app *App, path string) (ok, total int) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			t.Fatalf("%s:%d: want 4 columns", path, n)
		}
		total++
		user := fmt.Sprintf("%s-%d", filepath.Base(path), n)
		rs := app.Engine.Handle(context.Background(), bot.Message{Platform: bot.PlatformSlack, Workspace: "T1",
			Channel: "D" + user, User: user, Text: cols[0], Direct: true, EventID: user})
		plan := cols[3]
		if plan == "-" {
			plan = ""
		}
		if len(rs) > 0 && string(rs[0].Intent) == cols[2] && rs[0].Plan == plan && string(rs[0].Lang) == cols[1] {
			ok++
			continue
		}
		got := "no reply"
		if len(rs) > 0 {
			got = fmt.Sprintf("%s %s %q", rs[0].Lang, rs[0].Intent, rs[0].Plan)
		}
		t.Logf("%s:%d miss %q\n\twant %s %s %q\n\tgot  %s", path, n, cols[0], cols[1], cols[2], plan, got)
	}
	return ok, total
}
