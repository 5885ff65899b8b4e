package nlu

import (
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// addCatalog indexes every plan's names, short names and aliases, then the
// catalogue's hints (shared or general words that point to a plan).
func (b *builder) addCatalog(c *bot.Catalog) {
	m := b.m
	for i, p := range c.Plans {
		m.ids = append(m.ids, p.ID)
		pi := int16(i)
		for l, s := range p.Name {
			b.addPlanText(pi, s, langOf(l), false, false)
		}
		for l, s := range p.Short {
			b.addPlanText(pi, s, langOf(l), false, false)
		}
		for l, list := range p.Aliases {
			for _, s := range list {
				b.addPlanText(pi, s, langOf(l), false, false)
			}
		}
		b.addPlanText(pi, strings.ReplaceAll(p.ID, "-", " "), both, false, false)
	}
	for i, p := range c.Plans {
		for _, w := range p.Hints {
			if w == "" {
				continue
			}
			primary := strings.HasPrefix(w, "!")
			b.addPlanText(int16(i), strings.TrimPrefix(w, "!"), both, primary, true)
		}
	}
}

// hintWeight is how much a built-in hint counts against a catalogue name
// or alias: "eldre" (alias) beats "aktivitet" (hint) in "flere eldre ut i
// aktivitet".
const hintWeight = 0.75

func langOf(l bot.Lang) int8 {
	switch l {
	case bot.NB:
		return nb
	case bot.EN:
		return en
	}
	return both
}

// addPlanText records that text (a name, short name, alias or hint) names
// plan p: each content word points at p, and a text of several words is
// also a phrase pointing at p. Hints (the package's own words) skip the
// filter for generic and cue words.
func (b *builder) addPlanText(p int16, text string, lang int8, primary, hint bool) {
	toks := Tokens(text)
	if len(toks) == 0 {
		return
	}
	if len(toks) > 1 {
		ph := b.phraseFor(toks)
		if list := b.phrasePlans[ph]; len(list) == 0 || list[len(list)-1] != p {
			b.phrasePlans[ph] = append(list, p) // duplicates go in finish
		}
	}
	for _, t := range toks {
		b.addPlanWord(p, t, lang, primary && len(toks) == 1, hint && len(toks) == 1)
	}
}

func (b *builder) addPlanWord(p int16, t string, lang int8, primary, hint bool) {
	m := b.m
	f := fold(t)
	if len(f) < 2 {
		return
	}
	if !hint && b.weak(f) {
		return
	}
	i := b.entryFor(t)
	if strings.Contains(f, "plan") {
		m.entries[i].cues |= cuePlanWord
	}
	set := b.planSets[i]
	if set == nil {
		set = make(map[int16]float32, 1)
		b.planSets[i] = set
	}
	w := float32(1)
	if hint && !primary {
		w = hintWeight
	}
	set[p] = max(set[p], w)
	if primary {
		b.primary[i] = p
	}
	if lang != both {
		m.addLang(f, lang, false)
		m.entries[i].lang = mergeLang(m.entries[i].lang, lang)
	}
}

// weak reports whether folded word f is a generic word or a cue word
// ("focus", "hearing"), which is no evidence for a plan.
func (b *builder) weak(f string) bool {
	m := b.m
	if _, ok := m.generic[f]; ok {
		return true
	}
	if _, ok := m.generic[Stem(f)]; ok {
		return true
	}
	i, ok := m.surface[f]
	return ok && m.entries[i].cues != 0 && len(m.entries[i].plans) == 0 && b.planSets[i] == nil
}
