package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/askerkommune/temaplanbot/bot/act"
)

// loadAll reads every labelled source: the dialog-act file, the labelled
// single messages and the conversation turns whose check names an intent
// that tells the act.
func loadAll(root string) ([]act.Example, error) {
	data, err := loadActs(filepath.Join(root, "bot/act/testdata/acts.tsv"))
	if err != nil {
		return nil, err
	}
	tsvs, _ := filepath.Glob(filepath.Join(root, "internal/apptest/testdata/*.tsv"))
	convs, _ := filepath.Glob(filepath.Join(root, "internal/apptest/testdata/conversations/*.conv"))
	sort.Strings(tsvs)
	sort.Strings(convs)
	for _, p := range tsvs {
		more, err := loadMessages(p)
		if err != nil {
			return nil, err
		}
		data = append(data, more...)
	}
	for _, p := range convs {
		more, err := loadConv(p)
		if err != nil {
			return nil, err
		}
		data = append(data, more...)
	}
	return data, nil
}

// loadActs reads "act<TAB>text" lines.
func loadActs(path string) ([]act.Example, error) {
	var out []act.Example
	err := eachLine(path, func(n int, line string) error {
		a, text, ok := strings.Cut(line, "\t")
		if !ok || !known(act.Act(a)) {
			return fmt.Errorf("%s:%d: want a known act, a tab and the text", path, n)
		}
		out = append(out, act.Example{Text: text, Act: act.Act(a)})
		return nil
	})
	return out, err
}

// loadMessages reads the labelled single messages (message, lang, intent, plan).
func loadMessages(path string) ([]act.Example, error) {
	var out []act.Example
	err := eachLine(path, func(n int, line string) error {
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			return fmt.Errorf("%s:%d: want 4 columns", path, n)
		}
		if a, ok := fromIntent(cols[2], true); ok {
			out = append(out, act.Example{Text: cols[0], Act: a})
		}
		return nil
	})
	return out, err
}

// loadConv reads the turns of a conversation script whose next check names
// an intent; a greeting or unknown counts only as the first turn (later
// ones are often the text itself).
func loadConv(path string) ([]act.Example, error) {
	var out []act.Example
	pending, first := "", false
	turn := 0
	err := eachLine(path, func(n int, line string) error {
		switch {
		case strings.HasPrefix(line, "=== "):
			pending, turn = "", 0
		case strings.HasPrefix(line, "> "):
			pending, turn = strings.TrimPrefix(line, "> "), turn+1
			first = turn == 1
		case strings.HasPrefix(line, "< ") && pending != "":
			for _, f := range strings.Fields(line[2:]) {
				if v, ok := strings.CutPrefix(f, "intent="); ok {
					if a, ok := fromIntent(v, first); ok {
						out = append(out, act.Example{Text: pending, Act: a})
					}
					break
				}
			}
			pending = ""
		}
		return nil
	})
	return out, err
}

// fromIntent maps an intent label to the act it shows.
func fromIntent(intent string, first bool) (act.Act, bool) {
	switch intent {
	case "yes":
		return act.Confirm, true
	case "no":
		return act.Refuse, true
	case "cancel":
		return act.Cancel, true
	case "language.choose":
		return act.Language, true
	case "plan.change":
		return act.Plan, true
	case "input.submit": // an announcement and a whole input look alike in these labels: not used
		return "", false
	case "greeting", "unknown":
		return act.Say, first
	case "plan.purpose", "plan.themes", "plan.start", "plan.info", "plans.list", "temaplan.about",
		"participation.how", "participation.meeting", "corona", "help", "privacy", "input.list":
		return act.Ask, true
	}
	return "", false
}

func known(a act.Act) bool {
	for _, k := range act.Acts {
		if k == a {
			return true
		}
	}
	return false
}

// eachLine calls fn with every line that is not blank or a # comment.
func eachLine(path string, fn func(n int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}
