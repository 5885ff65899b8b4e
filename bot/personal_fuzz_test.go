package bot

import (
	"slices"
	"testing"
)

// FuzzCheckInput checks that CheckInput never panics and that personal
// data added to any text is still caught, whatever comes before it.
func FuzzCheckInput(f *testing.F) {
	for _, s := range append(slices.Clone(passTexts), "fnr 010190 12480", "ola＠example.no", "Ring 912 34 567.",
		"kr 12 000 000", "\x00\xff", "１２３", "+47", "(at)", "20/11429") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CheckInput(s)
		if c.OK() != (len(c.Problems) == 0) {
			t.Fatal("OK disagrees with Problems")
		}
		if slices.Contains(c.Problems, ProblemBinary) {
			return
		}
		for add, want := range map[string]string{
			" fnr 01019012480 ": ProblemNationalID, " tlf 91234567 ": ProblemPhone, " ola@example.no ": ProblemEmail,
		} {
			if got := CheckInput(s + add); !slices.Contains(got.Problems, want) && !slices.Contains(got.Problems, ProblemBinary) {
				t.Errorf("%q + %q: problems %v, want %s", s, add, got.Problems, want)
			}
		}
	})
}
