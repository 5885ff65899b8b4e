package bot

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestBlindPersonalData runs the blind set through CheckInput: every
// "refuse" line must be refused for the labelled kind, every "accept"
// line must be let through.
func TestBlindPersonalData(t *testing.T) {
	b, err := os.ReadFile("testdata/blind_pii.tsv")
	if err != nil {
		t.Fatal(err)
	}
	problem := map[string]string{"fnr": ProblemNationalID, "phone": ProblemPhone, "email": ProblemEmail}
	n := 0
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "text\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 3 {
			t.Fatalf("line %d: want 3 columns: %q", i+1, line)
		}
		n++
		got := CheckInput(c[0])
		switch c[1] {
		case "refuse":
			if !slices.Contains(got.Problems, problem[c[2]]) {
				t.Errorf("line %d: %s not caught (problems %v): %s", i+1, c[2], got.Problems, c[0])
			}
		case "accept":
			if !got.OK() {
				t.Errorf("line %d: refused with %v: %s", i+1, got.Problems, c[0])
			}
		default:
			t.Fatalf("line %d: want refuse or accept, got %q", i+1, c[1])
		}
	}
	if n < 200 {
		t.Fatalf("only %d lines read", n)
	}
}
