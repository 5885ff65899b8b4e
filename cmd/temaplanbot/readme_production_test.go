package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestProductionDocs: the README says how to run in production and how to
// edit the catalogue, the staff guide is there in both languages, and no
// example writes residents' input into the repository's top level.
func TestProductionDocs(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"## Running in production", "### MongoDB", "### What to keep safe", "### Backup and restore",
		"### Moving from the embedded database to MongoDB", "### Upgrades", "### Retention", "## Editing the plan catalogue",
		"docs/staff.md", "/invite @temaplanbot"} {
		if !strings.Contains(string(readme), h) {
			t.Errorf("README lacks %q", h)
		}
	}
	toTop := regexp.MustCompile(`>\s*(\./)?[\w.-]+\.(csv|jsonl|json|gz)\b`)
	for _, line := range strings.Split(string(readme), "\n") {
		if toTop.MatchString(line) {
			t.Errorf("README writes a file into the current (repository) directory: %q", line)
		}
	}
	staff, err := os.ReadFile("../../docs/staff.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"## Norsk (bokmål)", "## English", "/temaplan digest her", "/temaplan digest here",
		"/temaplan varsler på", "/temaplan reminders on", "/temaplan arkiver", "/temaplan archive"} {
		if !strings.Contains(string(staff), h) {
			t.Errorf("docs/staff.md lacks %q", h)
		}
	}
}
