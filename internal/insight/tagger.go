// Package insight tells staff what residents are saying: it tags each input
// with the themes of its plan, groups near-identical inputs, and sums a
// period up as top themes with counts and typical texts.
//
// Themes come from the plan catalogue where the municipality has written
// them, widened by a built-in table of the words residents use for each
// (lexicon.go); a plan without written themes gets topics found in its
// inputs (topics.go). Words are read with the understanding step's own
// normalisation (bot/nlu: spelling folded, inflections stripped, compounds
// split, typos within its tolerance), in bokmål, nynorsk and English.
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
	plans   map[string]*planThemes
	stop    map[string]bool
	known   *nlu.Matcher // words never read as typos
	version string
}

// NewTagger builds the tagger for cat's themes.
func NewTagger(cat *bot.Catalog) *Tagger {
	t := &Tagger{plans: map[string]*planThemes{}, stop: stopSet(), known: nlu.New(cat), version: themesVersion(cat)}
	table := concepts()
	for _, p := range cat.Plans {
		if pt := buildPlan(p, table, t.stop); len(pt.themes) > 0 {
			t.plans[p.ID] = pt
		}
	}
	return t
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
	scores := make([]float32, len(pt.themes))
	seen := map[string]bool{}
	vote := func(key string, hits []hit) {
		if seen[key] {
			return // a word said twice counts once
		}
		seen[key] = true
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
	}
	return pick(pt.themes, scores)
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
