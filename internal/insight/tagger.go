// Package insight tells staff what residents are saying: it tags each input
// with the themes of its plan, groups near-identical inputs, and sums a
// period up as top themes with counts and typical texts.
//
// Themes come from the plan catalogue where the municipality has written
// them, widened by a built-in table of the words residents use for each
// (lexicon.go); a plan without written themes gets topics found in its
// inputs (topics.go). Words are read with the understanding step's own
// normalisation (bot/nlu: spelling folded, inflections stripped, compounds
// split, typos within its tolerance), in bokmål, nynorsk and English. A
// small linear model per plan (model.go), learned from labelled inputs by
// `go generate`, weighs those words and the table's scores to pick between
// neighbouring themes.
// Near-duplicates are found with MinHash over character shingles (dup.go).
// Everything runs in process: no resident text leaves the deployment.
package insight

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// Weights of a theme word by where it comes from.
const (
	ownWeight     = 3 // a word of the theme's own text in the catalogue
	headWeight    = 2 // a head word of the theme's concept
	conceptWeight = 1 // a word residents use for the concept
	maxTags       = 3 // themes kept per input
	keepShare     = 2 // a theme is kept when its score is at least best/keepShare
)

// Theme is one of a plan's catalogue themes.
type Theme struct {
	Key  string   // stable tag: a slug of the theme's bokmål text
	Name bot.Text // the theme's text, per language
}

// planThemes is what the tagger knows of one plan.
type planThemes struct {
	themes []Theme
	vocab  *vocabulary[[]hit]
	model  *PlanModel // nil: the word table alone
}

// hit is a word's vote for a theme.
type hit struct {
	theme  int
	weight float32
}

// Tagger tags inputs with their plan's catalogue themes. It is built from
// one catalogue and is safe for concurrent use; build a new one when the
// catalogue changes (Version tells whether stored tags are stale).
type Tagger struct {
	plans      map[string]*planThemes
	stop       map[string]bool
	known      *nlu.Matcher // words never read as typos
	version    string       // of the themes, the table and the model
	catVersion string       // of the themes and the table (themesVersion)
}

// NewTagger builds the tagger for cat's themes with the committed model
// (the word table alone if the embedded model were damaged, which a test
// rules out).
func NewTagger(cat *bot.Catalog) *Tagger {
	m, err := DefaultModel()
	if err != nil {
		m = nil
	}
	return NewTaggerWith(cat, m)
}

// NewTaggerWith builds the tagger for cat's themes with model m (nil: the
// word table alone). A plan's part of m is used only when it was trained
// on the plan's present themes.
func NewTaggerWith(cat *bot.Catalog, m *Model) *Tagger {
	version := themesVersion(cat)
	t := &Tagger{plans: map[string]*planThemes{}, stop: stopSet(), known: nlu.New(cat), catVersion: version, version: version}
	if m != nil { // tags from another model are stale too
		t.version = version[:6] + m.version[:min(6, len(m.version))]
	}
	table := concepts()
	for _, p := range cat.Plans {
		pt := buildPlan(p, table, t.stop)
		if len(pt.themes) == 0 {
			continue
		}
		if m != nil && m.Plans[p.ID] != nil && slices.Equal(m.Plans[p.ID].Themes, keys(pt.themes)) {
			pt.model = m.Plans[p.ID]
		}
		t.plans[p.ID] = pt
	}
	return t
}

// keys lists the themes' keys.
func keys(themes []Theme) []string {
	out := make([]string, len(themes))
	for i, th := range themes {
		out[i] = th.Key
	}
	return out
}

// themesVersion is a short hash of every plan's themes in every language
// (and of the tagger's own table, through tableVersion).
func themesVersion(cat *bot.Catalog) string {
	sum := sha256.New()
	sum.Write([]byte(tableVersion + "\x00"))
	for _, p := range cat.Plans {
		langs := make([]string, 0, len(p.Themes))
		for l := range p.Themes {
			langs = append(langs, string(l))
		}
		slices.Sort(langs)
		for _, l := range langs {
			sum.Write([]byte(p.ID + "\x00" + l + "\x00" + strings.Join(p.Themes[bot.Lang(l)], "\x00") + "\x00"))
		}
	}
	return hex.EncodeToString(sum.Sum(nil)[:6])
}

// Version identifies the catalogue themes the tags were computed from;
// tags stored under another version are recomputed when read.
func (t *Tagger) Version() string { return t.version }

// Themes returns plan's catalogue themes, or nil when it has none.
func (t *Tagger) Themes(plan string) []Theme {
	if pt := t.plans[plan]; pt != nil {
		return pt.themes
	}
	return nil
}

// Tag returns the keys of plan's themes that text is about, best first (at
// most three), or nil when plan has no written themes or none fits.
func (t *Tagger) Tag(plan, text string) []string {
	pt := t.plans[plan]
	if pt == nil {
		return nil
	}
	lex, fs := t.read(pt, text, pt.model != nil)
	if pt.model == nil {
		return pick(pt.themes, lex)
	}
	scores := make([]float32, len(pt.themes))
	known := pt.model.scores(fs, lex, scores)
	if !known && !slices.ContainsFunc(lex, func(v float32) bool { return v > 0 }) {
		return nil // nothing in the text says anything about a theme
	}
	softmax(scores)
	return pick(pt.themes, scores)
}

// read scores text against the word table (one score per theme) and, when
// features is set, returns the model's features of text: each content
// word's key ("w:"), each table word it was read as ("k:", after compound
// splitting and typo correction), and the letter 4-grams of longer words
// ("g:", for compounds, inflections and typos neither of those knows).
func (t *Tagger) read(pt *planThemes, text string, features bool) ([]float32, []string) {
	scores := make([]float32, len(pt.themes))
	var fs []string
	seen := map[string]bool{}
	vote := func(key string, hits []hit) {
		if seen[key] {
			return // a word said twice counts once
		}
		seen[key] = true
		if features {
			fs = append(fs, "k:"+key)
		}
		for _, h := range hits {
			scores[h.theme] += h.weight
		}
	}
	ws := words(text, t.stop)
	for i, w := range ws {
		if i > 0 { // "skate park", "second hand": a phrase the table writes as one word
			if hits, ok := pt.vocab.words[ws[i-1]+w]; ok {
				vote(ws[i-1]+w, hits)
			}
		}
		pt.vocab.lookup(w, t.known.Knows, vote)
		if features {
			fs = append(fs, "w:"+nlu.Stem(w))
			fs = appendGrams(fs, w)
		}
	}
	return scores, fs
}

// gramLen is the length of the letter n-grams of the model's features;
// words shorter than gramMin letters give none.
const (
	gramLen = 4
	gramMin = 5
)

// appendGrams appends the letter n-grams of w, marked at both ends.
func appendGrams(fs []string, w string) []string {
	if len(w) < gramMin {
		return fs
	}
	m := "<" + w + ">"
	for i := 0; i+gramLen <= len(m); i++ {
		fs = append(fs, "g:"+m[i:i+gramLen])
	}
	return fs
}

// pick keeps the best-scoring themes.
func pick(themes []Theme, scores []float32) []string {
	order := make([]int, 0, len(themes))
	var best float32
	for i, s := range scores {
		if s > 0 {
			order = append(order, i)
			best = max(best, s)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	var out []string
	for _, i := range order {
		if len(out) == maxTags || scores[i]*keepShare < best {
			break
		}
		out = append(out, themes[i].Key)
	}
	return out
}

// buildPlan indexes one plan's themes: each theme's own words and the
// words of every concept one of them heads, a shared word's weight split
// between the themes that share it.
func buildPlan(p bot.Plan, table []concept, stop map[string]bool) *planThemes {
	pt := &planThemes{vocab: newVocabulary[[]hit]()}
	n := 0
	for _, l := range p.Themes {
		n = max(n, len(l))
	}
	votes := map[string]map[int]float32{}
	named := nameWords(p, stop)
	add := func(w string, theme int, weight float32) {
		k := nlu.Stem(w) // w is folded already
		if k == "" || stop[w] || named[k] {
			return
		}
		if votes[k] == nil {
			votes[k] = map[int]float32{}
		}
		votes[k][theme] = max(votes[k][theme], weight)
	}
	for i := range n {
		name := bot.Text{}
		var own []string
		for lang, list := range p.Themes {
			if i < len(list) {
				name[lang] = list[i]
				own = append(own, words(list[i], stop)...)
			}
		}
		pt.themes = append(pt.themes, Theme{Key: slug(name.In(bot.NB), stop), Name: name})
		for _, w := range own {
			add(w, i, ownWeight)
		}
		for _, c := range table {
			if !headsAny(c.heads, own) {
				continue
			}
			for _, h := range strings.Split(c.heads, "|") {
				for _, w := range words(h, stop) {
					add(w, i, headWeight)
				}
			}
			for _, phrase := range strings.Split(c.words, "|") {
				// A phrase counts as its words written together
				// ("second hand" -> "secondhand"); its words alone
				// ("hand") would say something else.
				add(strings.Join(words(phrase, stop), ""), i, conceptWeight)
			}
		}
	}
	for k, byTheme := range votes {
		hits := make([]hit, 0, len(byTheme))
		for th, w := range byTheme {
			hits = append(hits, hit{theme: th, weight: w / float32(len(byTheme))})
		}
		slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.theme, b.theme) })
		pt.vocab.put(k, hits)
	}
	return pt
}

// nameWords are the keys of the plan's name and short name in every
// language: "idrett" in the sports plan says which plan, not which of its
// themes.
func nameWords(p bot.Plan, stop map[string]bool) map[string]bool {
	named := map[string]bool{}
	for _, t := range []bot.Text{p.Name, p.Short} {
		for _, s := range t {
			for _, w := range words(s, stop) {
				named[nlu.Stem(w)] = true
			}
		}
	}
	return named
}

// headsAny reports whether own (folded theme words) holds every word of
// one of the concept's head phrases.
func headsAny(heads string, own []string) bool {
	for _, h := range strings.Split(heads, "|") {
		all := true
		for _, t := range nlu.Tokens(h) {
			all = all && slices.Contains(own, nlu.Fold(t))
		}
		if all {
			return true
		}
	}
	return false
}

// slug makes a tag key of a theme's text: its folded content words (stop
// words left out, each once) joined by "-", at most four.
func slug(s string, stop map[string]bool) string {
	var out []string
	for _, w := range words(s, stop) {
		if !slices.Contains(out, w) && len(out) < 4 {
			out = append(out, w)
		}
	}
	return strings.Join(out, "-")
}
