package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// FuzzParse checks that Parse never panics, that every failure is a
// *ValidationError with at least one problem, and that success means a
// catalogue that holds the invariants (checkValid).
func FuzzParse(f *testing.F) {
	f.Add(DefaultData())
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 || !errors.Is(err, bot.ErrInvalid) || c != nil {
				t.Fatalf("bad failure: %v (%T), catalogue %v", err, err, c != nil)
			}
			return
		}
		checkValid(t, c)
	})
}
