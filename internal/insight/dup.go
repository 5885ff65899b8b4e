package insight

import (
	"encoding/binary"
	"hash/fnv"
	"math/bits"
	"strings"

	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// Near-duplicates: the same or nearly the same text sent by several
// residents (a campaign, copy-paste, a petition passed round).
//
// Each text is normalised the way the understanding step reads it (case,
// accents and punctuation gone, æ/ø/å folded), cut into overlapping
// four-character shingles, and summarised by a MinHash signature built
// with one-permutation hashing (one hash per shingle, so signing costs
// the same as reading the text). Texts whose signatures agree in enough
// places are near-duplicates: the share of agreeing places estimates the
// Jaccard similarity of their shingle sets. Candidates are found by
// locality-sensitive hashing (bands of rows), so grouping n texts costs
// about n, not n squared.
const (
	shingleLen = 4
	slots      = 126 // signature length
	rows       = 3   // slots per band
	bands      = slots / rows
	// dupThreshold is the estimated Jaccard similarity from which two texts
	// count as one point. Development pairs (testdata/dev_dups.tsv): retyped,
	// re-cased or re-punctuated copies and a changed word or two score 0.72
	// and more; different texts score at most 0.51 (short texts made on one
	// pattern, "Flere benker langs turstiene" / "Flere søppelkasser ...").
	dupThreshold = 0.6
	// maxBucket bounds the texts kept per band value (the oldest stay), so
	// a very common shingle cannot make grouping quadratic.
	maxBucket = 16
)

// Signature is a text's MinHash signature.
type Signature [slots]uint32

// Sign returns text's signature. Texts that normalise to nothing (only
// punctuation, emoji) get the zero signature, which matches no other.
func Sign(text string) Signature {
	norm := dupText(text)
	var sig Signature
	var filled [slots]bool
	n := 0
	r := []rune(norm)
	if len(r) < shingleLen && len(r) > 0 {
		r = append(r, []rune(strings.Repeat(" ", shingleLen-len(r)))...)
	}
	var buf [4 * shingleLen]byte
	for i := 0; i+shingleLen <= len(r); i++ {
		b := buf[:0]
		for _, c := range r[i : i+shingleLen] {
			b = binary.LittleEndian.AppendUint32(b, uint32(c))
		}
		h := hash64(b)
		slot := int((h >> 32) % slots)
		v := uint32(h)
		if !filled[slot] || v < sig[slot] {
			sig[slot], filled[slot] = v, true
		}
		n++
	}
	if n == 0 {
		return sig
	}
	densify(&sig, &filled)
	return sig
}

// densify fills the empty slots of a one-permutation signature from the
// next filled slot to the right (circularly), mixed with the distance, so
// that two similar texts fill their empty slots alike.
func densify(sig *Signature, filled *[slots]bool) {
	for i := range slots {
		if filled[i] {
			continue
		}
		for d := 1; d < slots; d++ {
			j := (i + d) % slots
			if filled[j] {
				sig[i] = sig[j] ^ bits.RotateLeft32(0x9e3779b9, d)
				break
			}
		}
	}
}

func hash64(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	x := h.Sum64()
	// fnv's high bits mix poorly for short keys: finish with a 64-bit mixer.
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// dupText is text as compared for duplicates: normalised, folded words
// separated by single spaces.
func dupText(text string) string {
	toks := nlu.Tokens(text)
	for i, t := range toks {
		toks[i] = nlu.Fold(t)
	}
	return strings.Join(toks, " ")
}

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

// Grouper groups near-duplicate texts as they are added. It is not safe
// for concurrent use.
type Grouper struct {
	sigs    []Signature
	parent  []int32
	buckets [bands]map[uint64][]int32
	exact   map[string]int32
}

// NewGrouper returns an empty Grouper.
func NewGrouper() *Grouper {
	g := &Grouper{exact: map[string]int32{}}
	for i := range g.buckets {
		g.buckets[i] = map[uint64][]int32{}
	}
	return g
}

// Add adds a text and returns its index (0, 1, 2, ... in the order added).
// It joins the group of every earlier text it nearly duplicates.
func (g *Grouper) Add(text string) int {
	return g.AddSigned(dupText(text), Sign(text))
}

// AddSigned is Add for a text already normalised (see Sign) and signed.
func (g *Grouper) AddSigned(norm string, sig Signature) int {
	id := int32(len(g.sigs))
	g.sigs = append(g.sigs, sig)
	g.parent = append(g.parent, id)
	if norm == "" {
		return int(id)
	}
	if first, ok := g.exact[norm]; ok {
		g.union(first, id)
	} else {
		g.exact[norm] = id
	}
	for b := range bands {
		key := bandKey(&sig, b)
		list := g.buckets[b][key]
		for _, other := range list {
			if g.find(other) != g.find(id) && Similarity(&g.sigs[other], &sig) >= dupThreshold {
				g.union(other, id)
			}
		}
		if len(list) < maxBucket {
			g.buckets[b][key] = append(list, id)
		}
	}
	return int(id)
}

func bandKey(sig *Signature, b int) uint64 {
	var k uint64 = 14695981039346656037
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
