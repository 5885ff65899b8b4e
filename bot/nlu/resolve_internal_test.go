package nlu

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kultur", "kultur", 2, 0},
		{"kultr", "kultur", 2, 1},
		{"klmia", "klima", 2, 1}, // transposition
		{"idrettsplan", "idretsplan", 2, 1},
		{"barnehage", "barnhgae", 2, 2},
		{"water", "weather", 1, 2}, // over the limit: limit+1
		{"", "abc", 5, 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestPlausibleTypo(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"kultr", "kultur", true},  // missing letter
		{"klmia", "klima", true},   // swapped letters
		{"klina", "klima", true},   // n is next to m
		{"kultor", "kultur", true}, // vowel for vowel
		{"lanes", "lakes", false},  // n and k are far apart
		{"order", "older", false},
	}
	for _, tt := range tests {
		if got := plausibleTypo(tt.a, tt.b); got != tt.want {
			t.Errorf("plausibleTypo(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"næring", "naering"},
		{"naering", "naering"},
		{"formål", "formal"},
		{"formaal", "formal"},
		{"møte", "mote"},
		{"moete", "mote"},
		{"miljøet", "miljoet"}, // ø followed by e is not "oe" for ø
		{"heeeei", "hei"},
		{"tillegg", "tillegg"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCompounds checks that compounds are split into known words.
func TestCompounds(t *testing.T) {
	m := New(nil)
	for _, w := range []string{"oppstartsdatoen", "innspillsmøtet", "pandemitiltakene", "medvirkningsdagen"} {
		atoms := m.resolve(fold(w), 0, nil)
		if len(atoms) < 2 || atoms[0].entry < 0 {
			t.Errorf("resolve(%q) = %+v, want a compound of known words", w, atoms)
		}
	}
}
