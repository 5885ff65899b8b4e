// Package catalog loads temaplanbot's plan catalogue: the 14 theme plans of
// Asker kommune and the general facts about them. The default catalogue is
// the YAML file plans.yaml, embedded in the binary; staff may point the bot
// at an edited copy, which Source reloads while the bot runs. Every load is
// validated, and a broken file is reported with all its problems at once.
package catalog

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// defaultName is the name the embedded catalogue has in error messages.
const defaultName = "plans.yaml"

//go:embed plans.yaml
var defaultData []byte

// RequiredIDs returns the ids every catalogue must contain exactly once, in
// the order of the source text. Changing this list is a deliberate change of
// the product: stored input, reminders and locale texts refer to these ids.
func RequiredIDs() []string {
	return []string{
		"medborgerskap", "kultur", "fysisk-aktivitet", "klima",
		"naering", "arbeidsgiverpolitikk", "kommunikasjon", "skole-barnehagekapasitet",
		"grunnskole", "barnehage", "funksjonsnedsettelser", "eldre", "vann", "digitalisering",
	}
}

// DefaultData returns a copy of the embedded default catalogue file, e.g. as
// a starting point for staff who want to edit their own copy.
func DefaultData() []byte {
	return append([]byte(nil), defaultData...)
}

// Default parses and returns the embedded default catalogue. It returns an
// error (a *ValidationError wrapping bot.ErrInvalid) only if the embedded
// file is broken, which the package tests rule out.
func Default() (*bot.Catalog, error) {
	return Parse(defaultName, defaultData)
}

// Load reads and validates the catalogue file at path; path "" means the
// embedded default. It returns an error wrapping the os error when the file
// cannot be read, and a *ValidationError (wrapping bot.ErrInvalid) listing
// every problem when the file is not a valid catalogue.
func Load(path string) (*bot.Catalog, error) {
	if path == "" {
		return Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("catalog: read %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a catalogue file; name (usually the file name)
// starts every problem in the error message. Unknown fields are rejected.
// It returns a *ValidationError wrapping bot.ErrInvalid that lists every
// problem found, each naming the file, the plan (id or #position) and the
// field.
func Parse(name string, data []byte) (*bot.Catalog, error) {
	f, probs := decode(data)
	if f != nil {
		probs = merge(f, probs, validate(f))
	}
	if len(probs) > 0 {
		return nil, &ValidationError{File: name, Problems: probs}
	}
	return f.catalog(), nil
}

// problemKey identifies the field a problem is about.
type problemKey struct{ plan, field string }

// merge names decoding problems after their plan's id and appends the
// validation problems not already reported for the same field.
func merge(f *file, decoded, validated []Problem) []Problem {
	seen := map[problemKey]bool{}
	for i, p := range decoded {
		if p.plan > 0 && p.plan <= len(f.Plans) && idPattern.MatchString(f.Plans[p.plan-1].ID) {
			decoded[i].Plan = f.Plans[p.plan-1].ID
		}
		seen[problemKey{decoded[i].Plan, p.Field}] = true
	}
	for _, p := range validated {
		if !reported(seen, p.Plan, p.Field) {
			decoded = append(decoded, p)
		}
	}
	// Problems in file order; those without a line (missing plans) last.
	slices.SortStableFunc(decoded, func(a, b Problem) int {
		switch {
		case a.Line == b.Line:
			return 0
		case a.Line == 0:
			return 1
		case b.Line == 0:
			return -1
		}
		return a.Line - b.Line
	})
	return decoded
}

// reported tells whether field of plan, or a field containing it, already
// has a decoding problem.
func reported(seen map[problemKey]bool, plan, field string) bool {
	for {
		if seen[problemKey{plan, field}] {
			return true
		}
		cut := strings.LastIndexAny(field, ".[")
		if cut < 0 {
			return false
		}
		field = field[:cut]
	}
}
