package nlu

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/askerkommune/temaplanbot/bot"
)

// Matcher classifies residents' messages against one plan catalogue. It is
// built once by New, never changes afterwards and is safe for concurrent use.
// It implements bot.Understander.
type Matcher struct {
	ids     []string // plan ids in catalogue order
	entries []entry
	surface map[string]int32 // folded word -> entry
	stems   map[string]int32 // Stem(folded word) -> entry

	phrases    []phrase
	phraseHead map[string]*phraseNode // key of a phrase's first word -> the phrases starting with it

	words    map[string]word     // folded word -> language weight, known word
	accented map[string]int8     // language weight of words written with æ, ø, å ("å", "på")
	generic  map[string]struct{} // folded and stemmed generic words

	fuzzy    [maxFuzzyLen + 1][27][]fuzzyKey // typo targets by length and first letter
	prefix3  [27*27*27/64 + 1]uint64         // the first three letters of every key
	planKeys [][]string                      // per plan: its keys, for prefix suggestions

	scorePool sync.Pool // *[]float32 of len(ids), zeroed; used when there are more than maxPlans
}

// entry is what one lexicon word signals.
type entry struct {
	cues  cue
	lang  int8
	plans []planWeight
}

// planWeight is how strongly a word points at one plan.
type planWeight struct {
	plan int16
	w    float32
}

// phrase is a run of word keys with what it signals.
type phrase struct {
	keys  []string
	cues  cue
	plans []planWeight
}

// phraseNode is a node of the phrase trie: the phrase whose keys end here
// (-1 for none) and the keys that go on. Matching walks it along the
// message, so its cost grows with the message and the longest phrase, not
// with how many phrases share their first words ("temaplan for ..." in a
// catalogue of many plans).
type phraseNode struct {
	phrase int32
	next   map[string]*phraseNode
}

// child returns the node after key k, creating it.
func (n *phraseNode) child(k string) *phraseNode {
	if n.next == nil {
		n.next = make(map[string]*phraseNode, 1)
	}
	c := n.next[k]
	if c == nil {
		c = &phraseNode{phrase: -1}
		n.next[k] = c
	}
	return c
}

// fuzzyKey is one typo target.
type fuzzyKey struct {
	key   string
	mask  uint32
	entry int32
}

const maxFuzzyLen = 24

// builder collects evidence while New runs.
type builder struct {
	m           *Matcher
	planSets    map[int32]map[int16]float32 // entry -> plan -> raw weight
	primary     map[int32]int16             // entry -> default plan
	phrasePlans map[int32][]int16           // phrase -> the plans whose names contain it (each counts 1)
	keyOf       map[string]string           // word -> Stem(fold(word)): names repeat words across plans
}

// key returns Stem(fold(w)), remembered.
func (b *builder) key(w string) string {
	k, ok := b.keyOf[w]
	if !ok {
		k = Stem(fold(w))
		b.keyOf[w] = k
	}
	return k
}

// New builds a Matcher for catalogue c: an index of every plan's names,
// short names and aliases in all languages, the package's built-in intent
// lexicon and extra plan names. A nil or empty catalogue gives a Matcher
// that still classifies intents but finds no plans. New does not keep c.
func New(c *bot.Catalog) *Matcher {
	size := 1024 // the built-in lexicon's words, and more per plan
	if c != nil {
		size += 16 * len(c.Plans)
	}
	m := &Matcher{
		surface:    make(map[string]int32, size),
		stems:      make(map[string]int32, size),
		phraseHead: make(map[string]*phraseNode, 512),
		words:      make(map[string]word, 2*size),
		accented:   make(map[string]int8, 256),
		generic:    make(map[string]struct{}, 256),
	}
	b := &builder{
		m:           m,
		planSets:    make(map[int32]map[int16]float32, size),
		primary:     make(map[int32]int16),
		phrasePlans: make(map[int32][]int16, size/2),
		keyOf:       make(map[string]string, size),
	}
	b.addFunctionWords(norwegianWords, nb, 2)
	b.addFunctionWords(englishWords, en, 2)
	b.addFunctionWords(norwegianCommon, nb, 1)
	b.addFunctionWords(englishCommon, en, 1)
	b.addFunctionWords(norwegianEveryday, nb, 1)
	b.addFunctionWords(askerPlaces, nb, 1)
	b.addFunctionWords(norwegianDialect, nb, 2)
	b.addFunctionWords(englishEveryday, en, 1)
	// "a" as typed is English; Norwegian's "å", folded to "a", is written
	// with its ring (or is "aa"), so only the folded form is shared.
	m.accented["a"] = en
	for _, w := range strings.Split(genericWords, "|") {
		for _, t := range Tokens(w) {
			f := fold(t)
			m.generic[f] = struct{}{}
			m.generic[Stem(f)] = struct{}{}
		}
	}
	for _, l := range cueLexicon() {
		for _, w := range strings.Split(l.words, "|") {
			b.addCue(w, l.cue, l.lang)
		}
	}
	if c != nil {
		b.addCatalog(c)
	}
	b.finish()
	n := len(m.ids)
	m.scorePool.New = func() any { s := make([]float32, n); return &s }
	return m
}

func (b *builder) addFunctionWords(list string, lang, weight int8) {
	m := b.m
	for _, w := range strings.Split(list, "|") {
		w = Normalize(w)
		if w == "" {
			continue
		}
		f := fold(w)
		m.addLang(f, weight*lang, true)
		if f != w {
			m.accented[w] = mergeWeight(m.accented[w], weight*lang, hasKey(m.accented, w))
		}
	}
}

// word is what the matcher knows about a folded word besides the lexicon.
type word struct {
	lang  int8 // language weight: + bokmål/nynorsk, - English, 0 both
	known bool // a function or everyday word: never typo-corrected
}

// addLang records language weight for folded word f (and that it is a
// known word); a word claimed by both languages gets 0.
func (m *Matcher) addLang(f string, weight int8, known bool) {
	w, ok := m.words[f]
	w.lang = mergeWeight(w.lang, weight, ok)
	w.known = w.known || known
	m.words[f] = w
}

// mergeWeight combines an old language weight (seen tells whether there was
// one) with a new one: opposite languages cancel, the stronger one wins.
func mergeWeight(old, weight int8, seen bool) int8 {
	switch {
	case !seen:
		return weight
	case old == 0 || weight == 0 || (old > 0) != (weight > 0):
		return 0
	case abs8(weight) > abs8(old):
		return weight
	}
	return old
}

func hasKey(t map[string]int8, k string) bool {
	_, ok := t[k]
	return ok
}

func abs8(v int8) int8 {
	if v < 0 {
		return -v
	}
	return v
}

// entryFor returns the entry for word w, creating it under its folded and
// stemmed keys.
func (b *builder) entryFor(w string) int32 {
	m := b.m
	f := fold(w)
	s := Stem(f)
	if i, ok := m.surface[f]; ok {
		if _, ok := m.stems[s]; !ok {
			m.stems[s] = i
		}
		return i
	}
	if i, ok := m.stems[s]; ok {
		m.surface[f] = i
		return i
	}
	i := int32(len(m.entries))
	m.entries = append(m.entries, entry{})
	m.surface[f] = i
	m.stems[s] = i
	return i
}

func (b *builder) addCue(w string, c cue, lang int8) {
	toks := Tokens(w)
	switch len(toks) {
	case 0:
		return
	case 1:
		i := b.entryFor(toks[0])
		e := &b.m.entries[i]
		e.cues |= c
		e.lang = mergeLang(e.lang, lang)
		if lang != both {
			b.m.addLang(fold(toks[0]), lang, false)
		}
	default:
		p := b.phraseFor(toks)
		b.m.phrases[p].cues |= c
	}
}

func mergeLang(old, lang int8) int8 {
	if old == 0 {
		return lang
	}
	if old != lang {
		return 0
	}
	return old
}

func (b *builder) phraseFor(toks []string) int32 {
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = b.key(t)
	}
	n := b.m.phraseHead[keys[0]]
	if n == nil {
		n = &phraseNode{phrase: -1}
		b.m.phraseHead[keys[0]] = n
	}
	for _, k := range keys[1:] {
		n = n.child(k)
	}
	if n.phrase < 0 { // the same keys are the same phrase
		n.phrase = int32(len(b.m.phrases))
		b.m.phrases = append(b.m.phrases, phrase{keys: keys})
	}
	return n.phrase
}

// finish turns the collected plan evidence into weights and builds the
// typo and prefix tables.
func (b *builder) finish() {
	m := b.m
	for i, set := range b.planSets {
		m.entries[i].plans = weigh(set, b.primary, i)
	}
	for p, plans := range b.phrasePlans {
		slices.Sort(plans)
		plans = slices.Compact(plans)
		if len(plans) > maxSharedPlans {
			continue // see weigh
		}
		pw := make([]planWeight, len(plans))
		for i, pl := range plans {
			pw[i] = planWeight{plan: pl, w: 1 / float32(len(plans))}
		}
		m.phrases[p].plans = pw
	}
	seen := make(map[string]bool, len(m.surface)+len(m.stems))
	addFuzzy := func(k string, i int32) {
		if len(k) >= 3 {
			p := prefixIndex(k)
			m.prefix3[p/64] |= 1 << (p % 64)
		}
		if seen[k] || len(k) < 4 || len(k) > maxFuzzyLen {
			return
		}
		seen[k] = true
		b := &m.fuzzy[len(k)][letterIndex(k[0])]
		*b = append(*b, fuzzyKey{key: k, mask: letterMask(k), entry: i})
	}
	for _, t := range []map[string]int32{m.surface, m.stems} {
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			addFuzzy(k, t[k])
		}
	}
	m.planKeys = make([][]string, len(m.ids))
	keys := make([]string, 0, len(m.surface))
	for k := range m.surface {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, pw := range m.entries[m.surface[k]].plans {
			m.planKeys[pw.plan] = append(m.planKeys[pw.plan], k)
		}
	}
}

// maxSharedPlans is how many plans a word or phrase may point at and
// still count: in a catalogue of many plans, "temaplan" or "kultur" in
// hundreds of names says nothing about which one is meant.
const maxSharedPlans = 64

// weigh spreads a word's evidence over the plans that claim it: a word of
// one plan weighs 1, a word shared by n plans 1/n, except that a hint's
// default plan keeps 1 and the others share half as much.
func weigh(set map[int16]float32, primary map[int32]int16, entry int32) []planWeight {
	if len(set) > maxSharedPlans {
		return nil // under 1/64 each: no evidence, and it would cost a step per plan
	}
	out := make([]planWeight, 0, len(set))
	n := float32(len(set))
	def, hasDef := int16(-1), false
	if primary != nil {
		def, hasDef = primary[entry]
	}
	for p, raw := range set {
		w := raw / n
		if hasDef && len(set) > 1 {
			if p == def {
				w = raw
			} else {
				w = raw / (2 * n)
			}
		}
		out = append(out, planWeight{plan: p, w: w})
	}
	sort.Slice(out, func(a, c int) bool { return out[a].plan < out[c].plan })
	return out
}
