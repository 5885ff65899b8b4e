package nlu

import "math/bits"

// atom is one lexicon word found in a message: a whole token, a part of a
// compound token, or a typo-corrected token.
type atom struct {
	key   string // stemmed key of the lexicon word, for phrase matching
	own   string // stemmed key of the word as written
	entry int32  // index into Matcher.entries; -1 when unknown
	tok   int    // index of the token it came from
	fuzzy bool   // matched with a typo
	part  bool   // part of a compound
}

// Limits of compound splitting.
const (
	minHead        = 3 // shortest first part of a compound
	minTail        = 3 // shortest last part
	minLooseHead   = 5 // shortest first part when the rest is not a known word
	maxSplitLength = 40
)

// resolve appends the atoms of token number ti (folded form f) to atoms.
func (m *Matcher) resolve(f string, ti int, atoms []atom) []atom {
	s := Stem(f)
	if i, ok := m.surface[f]; ok {
		return append(atoms, atom{key: s, own: s, entry: i, tok: ti})
	}
	if m.words[f].known || len(f) > maxSplitLength {
		return append(atoms, atom{key: s, own: s, entry: -1, tok: ti})
	}
	if i, ok := m.stems[s]; ok {
		return append(atoms, atom{key: s, own: s, entry: i, tok: ti})
	}
	if s2 := Stem(s); s2 != s && len(f)-len(s2) <= 4 {
		// "skolekapasiteten" -> "skolekapasitet" -> "skolekapasit", the stem
		// of "skolekapasitet": a definite form of a word ending in -et/-er
		if i, ok := m.stems[s2]; ok {
			return append(atoms, atom{key: s2, own: s2, entry: i, tok: ti})
		}
	}
	n := len(atoms)
	if len(s) >= minHead+minTail {
		if atoms = m.split(s, ti, atoms, 0); len(atoms) > n {
			if !atoms[len(atoms)-1].loose() {
				return atoms
			}
			// A known head and an unknown rest: a typo of one whole word
			// reads better ("citizenshp" is "citizenship", not "citiz…").
			if i, k, ok := m.fuzzyFind(f, s); ok {
				return append(atoms[:n], atom{key: k, own: s, entry: i, tok: ti, fuzzy: true})
			}
			return atoms
		}
	}
	if i, k, ok := m.fuzzyFind(f, s); ok {
		return append(atoms, atom{key: k, own: s, entry: i, tok: ti, fuzzy: true})
	}
	if atoms = m.fuzzySplit(s, ti, atoms); len(atoms) > n {
		return atoms
	}
	return append(atoms, atom{key: s, own: s, entry: -1, tok: ti})
}

// headEntry finds the entry of a compound's first part, which may end in a
// linking -s- or -e- ("idretts", "barnehage").
func (m *Matcher) headEntry(h string) (int32, string, bool) {
	if i, ok := m.surface[h]; ok {
		return i, Stem(h), true
	}
	s := Stem(h)
	if i, ok := m.stems[s]; ok {
		return i, s, true
	}
	return -1, "", false
}

// tailEntry finds the entry of a compound's last part (already stemmed as
// part of the whole word).
func (m *Matcher) tailEntry(t string) (int32, string, bool) {
	if i, ok := m.stems[t]; ok {
		return i, t, true
	}
	if i, ok := m.surface[t]; ok {
		return i, t, true
	}
	s := Stem(t)
	if i, ok := m.stems[s]; ok {
		return i, s, true
	}
	return -1, "", false
}

// split tries to read the stemmed word s as a compound of known words
// ("idrettsplan" = idrett + plan, "skolebarnehagekapasitet" = skole +
// barnehage + kapasitet), longest first part first. Failing that, a long
// known first part with an unknown rest ("koronasituasjon") still counts.
func (m *Matcher) split(s string, ti int, atoms []atom, depth int) []atom {
	if !m.mayStart(s) {
		return atoms
	}
	loose, looseKey := int32(-1), ""
	for i := len(s) - minTail; i >= minHead; i-- {
		he, hk, ok := m.headEntry(s[:i])
		if !ok {
			continue
		}
		tail := s[i:]
		if te, tk, ok := m.tailEntry(tail); ok {
			atoms = append(atoms, atom{key: hk, entry: he, tok: ti, part: true})
			return append(atoms, atom{key: tk, entry: te, tok: ti, part: true})
		}
		if depth == 0 && len(tail) >= 2*minTail {
			n := len(atoms)
			rest := m.split(tail, ti, append(atoms, atom{key: hk, entry: he, tok: ti, part: true}), 1)
			if len(rest) > n+1 && !rest[len(rest)-1].loose() {
				return rest
			}
			atoms = rest[:n]
		}
		if loose < 0 && i >= minLooseHead && m.entries[he].strong() {
			loose, looseKey = he, hk
		}
	}
	if loose >= 0 {
		atoms = append(atoms, atom{key: looseKey, entry: loose, tok: ti, part: true})
		return append(atoms, atom{key: "", entry: -1, tok: ti, part: true})
	}
	return atoms
}

// loose reports whether a is the unknown rest of a loosely split compound.
func (a atom) loose() bool { return a.part && a.entry < 0 }

// strong reports whether the entry names a plan or carries a cue that
// shows the message is about the theme plans.
func (e entry) strong() bool { return len(e.plans) > 0 || e.cues&strongCues != 0 }

// fuzzySplit reads s as a compound whose last part is a known word and
// whose first part has a typo ("idretsplan").
func (m *Matcher) fuzzySplit(s string, ti int, atoms []atom) []atom {
	for i := len(s) - minTail; i >= minLooseHead; i-- {
		if !m.mayStart(s[i:]) {
			continue
		}
		te, tk, ok := m.tailEntry(s[i:])
		if !ok {
			continue
		}
		h := s[:i]
		if he, hk, ok := m.fuzzyFind(h, Stem(h)); ok {
			atoms = append(atoms, atom{key: hk, entry: he, tok: ti, part: true, fuzzy: true})
			return append(atoms, atom{key: tk, entry: te, tok: ti, part: true})
		}
		if len(h) > 1 && (h[len(h)-1] == 's' || h[len(h)-1] == 'e') {
			h = h[:len(h)-1]
			if he, hk, ok := m.fuzzyFind(h, h); ok {
				atoms = append(atoms, atom{key: hk, entry: he, tok: ti, part: true, fuzzy: true})
				return append(atoms, atom{key: tk, entry: te, tok: ti, part: true})
			}
		}
	}
	return atoms
}

// maxEdits is the typo tolerance for a word of n letters: none below five,
// one for five to eight, two above.
func maxEdits(n int) int {
	switch {
	case n < 5:
		return 0
	case n <= 8:
		return 1
	}
	return 2
}

// fuzzyFind finds the lexicon word closest to folded word f (or its stem s)
// within maxEdits Damerau-Levenshtein edits of the word compared. It
// returns the entry and the stemmed key of the word found.
func (m *Matcher) fuzzyFind(f, s string) (int32, string, bool) {
	if maxEdits(len(f)) == 0 || len(f) > maxFuzzyLen {
		return -1, "", false
	}
	fz := fuzzySearch{m: m, best: -1, bestD: maxEdits(len(f)) + 1}
	for _, q := range [2]string{f, s} {
		tol := maxEdits(len(q))
		if tol == 0 {
			break
		}
		first, second := letterIndex(q[0]), letterIndex(q[1])
		for n := max(4, len(q)-tol); n <= min(maxFuzzyLen, len(q)+tol); n++ {
			fz.scan(q, tol, m.fuzzy[n][first])
			if second != first {
				fz.scan(q, tol, m.fuzzy[n][second])
			}
		}
		if q == s || fz.bestD == 0 {
			break
		}
	}
	if fz.best < 0 {
		return -1, "", false
	}
	return fz.best, Stem(fz.bestKey), true
}

// fuzzySearch is the state of one fuzzyFind.
type fuzzySearch struct {
	m       *Matcher
	best    int32
	bestD   int
	bestKey string
}

// scan compares q with the typo targets in bucket.
func (fz *fuzzySearch) scan(q string, tol int, bucket []fuzzyKey) {
	qm := letterMask(q)
	for _, k := range bucket {
		if bits.OnesCount32(qm^k.mask) > 2*min(fz.bestD, tol) || !sameStart(q, k.key) {
			continue
		}
		d := distance(q, k.key, tol)
		if d == 1 && len(q) <= 6 && !plausibleTypo(q, k.key) {
			continue
		}
		if d <= tol && (d < fz.bestD || (d == fz.bestD && fz.m.preferFuzzy(q, k, fz.best, fz.bestKey))) {
			fz.best, fz.bestD, fz.bestKey = k.entry, d, k.key
		}
	}
}

// sameStart reports whether a and b begin with the same letter (or the
// same two letters swapped): typos seldom hit the first letter, and
// allowing that finds too many false friends ("senere" is not "mener").
func sameStart(a, b string) bool {
	return a[0] == b[0] || (len(a) > 1 && len(b) > 1 && a[0] == b[1] && a[1] == b[0])
}

// preferFuzzy breaks a tie between typo targets k and the best so far:
// same first letter as the query, then a plan word, then the longer word.
func (m *Matcher) preferFuzzy(q string, k fuzzyKey, best int32, bestKey string) bool {
	if a, b := k.key[0] == q[0], bestKey[0] == q[0]; a != b {
		return a
	}
	if a, b := len(m.entries[k.entry].plans) > 0, len(m.entries[best].plans) > 0; a != b {
		return a
	}
	return len(k.key) > len(bestKey)
}

// plausibleTypo reports whether a and b, one edit apart, differ by a
// typing slip a person makes: a missing, extra or swapped letter, or a
// substitution by a neighbouring key or another vowel. In short words other
// substitutions find too many false friends ("lanes" is not "lakes").
func plausibleTypo(a, b string) bool {
	if len(a) != len(b) {
		return true
	}
	for i := 0; i < len(a); i++ {
		if a[i] == b[i] {
			continue
		}
		if i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] {
			return true // transposition
		}
		return nearKeys(a[i], b[i]) || (isVowel(a[i]) && isVowel(b[i]))
	}
	return true
}

// keyRows is the letter part of a Nordic QWERTY keyboard, row by row (ø, æ
// and å are folded away before matching).
const keyRows = "qwertyuiop asdfghjkl zxcvbnm"

// nearKeys reports whether letters a and b sit next to each other
// (sideways or diagonally) on the keyboard.
func nearKeys(a, b byte) bool {
	ra, ca := keyPos(a)
	rb, cb := keyPos(b)
	if ra < 0 || rb < 0 || ra-rb > 1 || rb-ra > 1 {
		return false
	}
	// each row is shifted half a key to the right of the one above
	xa, xb := 2*ca+ra, 2*cb+rb
	return xa-xb <= 2 && xb-xa <= 2
}

func keyPos(c byte) (row, col int) {
	for i := 0; i < len(keyRows); i++ {
		switch keyRows[i] {
		case ' ':
			row, col = row+1, 0
		case c:
			return row, col
		default:
			col++
		}
	}
	return -1, -1
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// letterIndex maps a-z to 0-25 and every other byte to 26.
func letterIndex(c byte) int {
	if c >= 'a' && c <= 'z' {
		return int(c - 'a')
	}
	return 26
}

// prefixIndex numbers the first three bytes of s (len(s) >= 3).
func prefixIndex(s string) int {
	return (letterIndex(s[0])*27+letterIndex(s[1]))*27 + letterIndex(s[2])
}

// mayStart reports whether some lexicon key starts with the first three
// letters of s: a cheap test before looking for compound parts.
func (m *Matcher) mayStart(s string) bool {
	if len(s) < 3 {
		return false
	}
	p := prefixIndex(s)
	return m.prefix3[p/64]&(1<<(p%64)) != 0
}

// letterMask is the set of letters a-z in s (other bytes share one bit).
func letterMask(s string) uint32 {
	var mask uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			mask |= 1 << (c - 'a')
		} else {
			mask |= 1 << 26
		}
	}
	return mask
}

// distance is the optimal-string-alignment (restricted Damerau-Levenshtein)
// distance between a and b, compared byte by byte. It gives up and returns
// limit+1 as soon as the distance must exceed limit.
func distance(a, b string, limit int) int {
	if limit < 0 {
		return 1
	}
	la, lb := len(a), len(b)
	if la-lb > limit || lb-la > limit {
		return limit + 1
	}
	if la > maxFuzzyLen || lb > maxFuzzyLen {
		return limit + 1
	}
	var rows [3][maxFuzzyLen + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}
