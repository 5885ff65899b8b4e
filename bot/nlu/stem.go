package nlu

// suffixes are the inflection endings Stem strips, longest first (a
// read-only table). They mix
// Norwegian (bokmål and nynorsk: definite and plural forms, genitive -s) and
// English (plural, -ing, -ed) endings: the same function runs on the lexicon
// and on every message, so what matters is that both sides meet, not that
// the stem is a dictionary word ("water" and "waters" both become "wat").
var suffixes = []string{
	"ingene", "ingane", "ingens",
	"ingen", "ingar", "ingas",
	"enes", "anes", "ings", "inga",
	"ene", "ane", "ens", "ets", "ers", "ars", "ing",
	"en", "et", "er", "ar", "ed", "es",
	"e", "s",
}

// minStem is the shortest stem stem leaves.
const minStem = 3

// wordStems are stems that are words of their own with another meaning:
// "næring" must not become "naer", which is "nær" (near): "flere benker
// nær skolen" is no input about business, and "demens" must not become
// "dem" (them): "planen for dem som sitter i rullestol" is not about old
// people. Another ending is tried instead.
var wordStems = map[string]bool{"naer": true, "dem": true}

// wholeWord reports whether Stem leaves w whole because its stem is
// another word's: "handling" (action, in the climate plan's name) is no
// "handler" (deals with), and "vitsen" (the point) is no "vits" (a joke).
// A switch, not a map: Stem runs on every word of every message.
func wholeWord(w string) bool {
	switch w {
	case "handling", "handlingen", "handlinga", "vitsen":
		return true
	}
	return false
}

// Stem strips one inflection ending from a folded word (see Normalize):
// Norwegian -en, -et, -ene, -ens, -er, -ar, -ane, -ers, -ingen, genitive -s
// and English -s, -es, -ies, -ing, -ed. It keeps at least three letters
// (four before -s and -e) and never allocates except for -ies -> -y.
func Stem(w string) string {
	n := len(w)
	if n > minStem+2 && w[n-3:] == "ies" {
		return w[:n-3] + "y"
	}
	if n <= minStem || (n >= 2 && w[n-2:] == "ss") || wholeWord(w) {
		return w
	}
	switch w[n-1] {
	case 'e', 's', 'n', 'r', 'a', 'g', 't', 'd':
	default:
		return w // no suffix ends in any other letter
	}
	for _, s := range suffixes {
		keep := minStem
		if len(s) == 1 {
			keep = minStem + 1 // "vits" and "vite" stay apart
		}
		if n-len(s) >= keep && w[n-len(s):] == s && !wordStems[w[:n-len(s)]] {
			return w[:n-len(s)]
		}
	}
	return w
}
