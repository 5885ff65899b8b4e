package nlu

// Exported building blocks of the understanding step's normalisation, so
// that other readers of residents' text (theme tagging in internal/insight)
// meet words exactly the way the question matcher does.

// Key returns the matching key of one word of Normalize's output: spelling
// variants folded (æ -> ae, ø -> o, å -> a, "aa" -> "a") and one inflection
// ending stripped (see Stem). "Ladestasjonene" and "ladestasjoner" share a key.
func Key(w string) string { return Stem(fold(w)) }

// Fold returns the folded spelling of one word of Normalize's output (see
// Key), without stemming.
func Fold(w string) string { return fold(w) }

// Distance is the restricted Damerau-Levenshtein distance between a and b
// (bytes), or limit+1 once it must exceed limit.
func Distance(a, b string, limit int) int { return distance(a, b, limit) }

// MaxEdits is the typo tolerance the matcher allows a word of n letters:
// none below five, one up to eight, two above.
func MaxEdits(n int) int { return maxEdits(n) }
