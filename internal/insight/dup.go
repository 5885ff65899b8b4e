package insight

import (
	"math/bits"
	"slices"

	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// Near-duplicates: the same or nearly the same text sent by several
// residents (a campaign, copy-paste, a petition passed round).
//
// Each text is normalised the way the understanding step reads it (case,
// accents and punctuation gone) and summarised by a MinHash signature of
// its word pairs, built with one-permutation hashing (one hash per pair,
// so signing costs the same as reading the text). Texts whose signatures
// share bands (locality-sensitive hashing) are candidates, so grouping n
// texts costs about n, not n squared; a candidate whose signature agrees
// in enough places is confirmed on the Jaccard similarity of the two
// texts' four-character shingles, which a typo or two barely moves.
const (
	shingleLen = 4
	slots      = 126 // signature length
	rows       = 3   // slots per band
	bands      = slots / rows
	// dupThreshold is the Jaccard similarity of two texts' shingle sets from
	// which they count as one point (estimated from the signatures to find
	// candidates, then computed on the texts). Development pairs
	// (testdata/dev_dups.tsv): retyped, re-cased or re-punctuated copies and
	// a changed word or two share 0.65 and more; different texts at most
	// 0.53 (short texts made on one pattern, "Flere benker langs
	// turstiene" / "Flere søppelkasser ...").
	dupThreshold = 0.6
	// minSame is how many places two signatures must share for their texts
	// to be compared: 30% of them. The signatures count word pairs, which a
	// typo changes two at a time (a copy with two typos may share only half
	// its pairs), and their estimate is rough for short texts.
	minSame = 38
	// maxBucket bounds the texts kept per band value (the oldest stay), so
	// a very common shingle cannot make grouping quadratic.
	maxBucket = 16
	// bandStride and minBands choose the candidates: every second band is
	// looked up, and a text is compared with those sharing at least three of
	// them. Densifying copies a filled slot into the empty ones to its left,
	// so a near-copy's signature agrees in long runs: the pairs at the
	// threshold among the blind and development samples (88) share 15 or
	// more of the 42 bands and 8 or more of the 21 looked up, while
	// unrelated texts sharing a common word pair meet in a band or two
	// (pairs of those samples sharing 2+ of 42 bands: 789; 3+ of the 21:
	// 189). Half the lookups, and a quarter of the comparisons.
	bandStride = 2
	minBands   = 3
	looked     = (bands + bandStride - 1) / bandStride // bands looked up
)

// Signature is a text's MinHash signature.
type Signature [slots]uint32

// Sign returns text's signature. Texts that normalise to nothing (only
// punctuation, emoji) get the zero signature, which matches no other.
func Sign(text string) Signature { return signNorm(dupText(text)) }

// signNorm signs a normalised text by its word pairs ("flere
// ladestasjoner", "ladestasjoner ved", ...; a text of one word by that
// word): each pair hashed once and kept in the place its hash picks when
// it is the smallest there. Word pairs, unlike letter shingles, are rarely
// shared by texts that are not copies, so few such texts meet in a band;
// candidates are then confirmed on their letter shingles (jaccard), which
// forgive typos.
func signNorm(norm string) Signature {
	var sig Signature
	if norm == "" {
		return sig
	}
	var filled [slots]bool
	put := func(h uint64) {
		slot := int((h >> 32) % slots)
		if v := uint32(h); !filled[slot] || v < sig[slot] {
			sig[slot], filled[slot] = v, true
		}
	}
	var prev uint64
	words := 0
	for start := 0; start < len(norm); {
		end := start
		for end < len(norm) && norm[end] != ' ' {
			end++
		}
		w := wordHash(norm[start:end])
		if words > 0 {
			put(mix64(prev*0x9e3779b97f4a7c15 ^ w))
		}
		prev, words, start = w, words+1, end+1
	}
	if words == 1 {
		put(mix64(prev))
	}
	densify(&sig, &filled)
	return sig
}

// wordHash is FNV-1a of a word.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	return h
}

// densify fills the empty slots of a one-permutation signature from the
// next filled slot to the right (circularly), mixed with the distance, so
// that two similar texts fill their empty slots alike. It walks leftwards
// from a filled slot once, keeping the nearest filled one to the right.
func densify(sig *Signature, filled *[slots]bool) {
	start := slices.Index(filled[:], true)
	if start < 0 {
		return
	}
	j := start
	for k := 1; k < slots; k++ {
		i := (start - k + slots) % slots
		if filled[i] {
			j = i
			continue
		}
		sig[i] = sig[j] ^ bits.RotateLeft32(0x9e3779b9, (j-i+slots)%slots)
	}
}

// mix64 is a 64-bit finaliser (MurmurHash3's): every input bit moves
// every output bit, so a four-byte shingle hashes as well as a long key.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// dupText is text as compared for duplicates: the understanding step's
// normalisation (lower case, accents and punctuation gone, words separated
// by single spaces).
func dupText(text string) string { return nlu.Normalize(text) }

// Similarity estimates the Jaccard similarity of the shingle sets the two
// signatures were made from (0 for a zero signature).
func Similarity(a, b *Signature) float64 {
	if *a == (Signature{}) || *b == (Signature{}) {
		return 0
	}
	same := 0
	for i := range slots {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / slots
}

// similar reports whether two signatures agree in at least minSame places,
// giving up as soon as they cannot.
func similar(a, b *Signature) bool {
	misses, allowed := 0, slots-minSame
	for i := range slots {
		if a[i] != b[i] {
			if misses++; misses > allowed {
				return false
			}
		}
	}
	return *a != (Signature{})
}

// Grouper groups near-duplicate texts as they are added. It is not safe
// for concurrent use.
type Grouper struct {
	sigs   []Signature
	parent []int32
	norms  []string // the normalised texts, to confirm candidates
	exact  map[string]int32
	// heads maps a band's value (band number mixed in) to the latest text
	// with it, plus one; next[id*looked+b/bandStride] is the text before id
	// with the same value of band b, plus one: a list per value without a slice each.
	heads map[uint64]int32
	next  []int32
	// While adding text id: the earlier texts sharing a band with it
	// (hits), and per earlier text how many bands (shared[t], valid when
	// stamp[t] == id+1, so nothing needs clearing between texts).
	hits   []int32
	shared []int8
	stamp  []int32
}

// NewGrouper returns an empty Grouper.
func NewGrouper() *Grouper { return NewGrouperSize(0) }

// NewGrouperSize returns an empty Grouper with room for n texts.
func NewGrouperSize(n int) *Grouper {
	return &Grouper{exact: make(map[string]int32, n), heads: make(map[uint64]int32, n*looked),
		sigs: make([]Signature, 0, n), parent: make([]int32, 0, n), norms: make([]string, 0, n),
		next: make([]int32, 0, n*looked), shared: make([]int8, 0, n), stamp: make([]int32, 0, n)}
}

// Add adds a text and returns its index (0, 1, 2, ... in the order added).
// It joins the group of every earlier text it nearly duplicates.
func (g *Grouper) Add(text string) int {
	norm := dupText(text)
	return g.AddSigned(norm, signNorm(norm))
}

// AddSigned is Add for a text already normalised (see Sign) and signed.
func (g *Grouper) AddSigned(norm string, sig Signature) int {
	id := int32(len(g.sigs))
	g.sigs = append(g.sigs, sig)
	g.parent = append(g.parent, id)
	g.norms = append(g.norms, norm)
	g.next = append(g.next, make([]int32, looked)...)
	g.shared, g.stamp = append(g.shared, 0), append(g.stamp, 0)
	if norm == "" {
		return int(id)
	}
	if first, ok := g.exact[norm]; ok {
		g.union(first, id) // the same text: its near-duplicates are the first one's
		return int(id)
	}
	g.exact[norm] = id
	// Candidates are texts sharing at least minBands of the bands looked up.
	g.hits = g.hits[:0]
	for b := 0; b < bands; b += bandStride {
		key := bandKey(&sig, b)
		n := 0
		for other := g.heads[key]; other != 0 && n < maxBucket; other, n = g.next[int(other-1)*looked+b/bandStride], n+1 {
			g.hit(other-1, id)
		}
		if n < maxBucket {
			g.next[int(id)*looked+b/bandStride] = g.heads[key]
			g.heads[key] = id + 1
		}
	}
	g.confirm(id)
	return int(id)
}

// confirm joins text id with each candidate in g.hits that shares enough
// bands with it and whose signature and shingles are near enough.
func (g *Grouper) confirm(id int32) {
	sig, norm := &g.sigs[id], g.norms[id]
	for _, c := range g.hits {
		if g.shared[c] >= minBands && g.find(c) != g.find(id) && similar(&g.sigs[c], sig) &&
			jaccard(g.norms[c], norm) >= dupThreshold {
			g.union(c, id)
		}
	}
}

// hit counts a band that text other shares with text id (being added).
func (g *Grouper) hit(other, id int32) {
	if g.stamp[other] != id+1 {
		g.stamp[other], g.shared[other] = id+1, 0
		g.hits = append(g.hits, other)
	}
	g.shared[other]++
}

// jaccard is the exact Jaccard similarity of two normalised texts'
// shingle sets. The signatures' estimate is rough for short texts (few
// shingles fill few places; the rest are copies), so a candidate pair is
// confirmed on the texts themselves.
func jaccard(a, b string) float64 {
	sa, sb := shingles(a), shingles(b)
	same, i, j := 0, 0, 0
	for i < len(sa) && j < len(sb) {
		switch {
		case sa[i] == sb[j]:
			same, i, j = same+1, i+1, j+1
		case sa[i] < sb[j]:
			i++
		default:
			j++
		}
	}
	if union := len(sa) + len(sb) - same; union > 0 {
		return float64(same) / float64(union)
	}
	return 0
}

// shingles are a normalised text's four-byte windows, sorted, each once.
func shingles(norm string) []uint32 {
	for len(norm) < shingleLen {
		norm += " "
	}
	out := make([]uint32, 0, len(norm)-shingleLen+1)
	for i := 0; i+shingleLen <= len(norm); i++ {
		out = append(out, uint32(norm[i])|uint32(norm[i+1])<<8|uint32(norm[i+2])<<16|uint32(norm[i+3])<<24)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bandKey is band b's value, the band number mixed in so that one map
// holds every band.
func bandKey(sig *Signature, b int) uint64 {
	k := 14695981039346656037 ^ uint64(b)*0x9e3779b97f4a7c15
	for _, v := range sig[b*rows : (b+1)*rows] {
		k = (k ^ uint64(v)) * 1099511628211
	}
	return k
}

// Group returns the index of the first text of i's group: texts with the
// same Group are near-duplicates of one another (directly or in a chain).
func (g *Grouper) Group(i int) int { return int(g.find(int32(i))) }

// Len returns how many texts were added.
func (g *Grouper) Len() int { return len(g.sigs) }

func (g *Grouper) find(i int32) int32 {
	for g.parent[i] != i {
		g.parent[i] = g.parent[g.parent[i]]
		i = g.parent[i]
	}
	return i
}

// union joins two groups under the older text.
func (g *Grouper) union(a, b int32) {
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	g.parent[rb] = ra
}
