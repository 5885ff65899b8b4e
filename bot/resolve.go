package bot

import (
	"strconv"
	"strings"
)

// planIndex is the one plan resolver: every way a resident names a plan
// (id, name, short name, alias, hint, a typo, a menu line) leads here. It
// is built once per catalogue.
type planIndex struct {
	cat   *Catalog
	und   Understander
	names map[string]string // normalised id, name, short name or alias -> plan id
	words map[string]bool   // every word of every name, alias and hint
	order []string          // plan ids in menu order (the first wave first)
}

func newPlanIndex(c *Catalog, und Understander) *planIndex {
	x := &planIndex{cat: c, und: und, names: map[string]string{}, words: map[string]bool{}}
	add := func(id, s string) {
		if n := normWord(s); n != "" {
			if _, taken := x.names[n]; !taken {
				x.names[n] = id
			}
		}
		for _, w := range words(s) {
			x.words[w] = true
		}
	}
	for _, p := range c.Plans {
		add(p.ID, p.ID)
		add(p.ID, strings.ReplaceAll(p.ID, "-", " "))
		for _, t := range []Text{p.Name, p.Short} {
			for _, s := range t {
				add(p.ID, s)
			}
		}
		for _, l := range p.Aliases {
			for _, s := range l {
				add(p.ID, s)
			}
		}
		for _, h := range p.Hints {
			for _, w := range words(h) {
				x.words[w] = true
			}
		}
	}
	x.order = menuOrder(c)
	return x
}

// menuOrder lists the plan ids the way plan lists show them: the first
// wave, then the others, each in catalogue order.
func menuOrder(c *Catalog) []string {
	out := make([]string, 0, len(c.Plans))
	for _, first := range []bool{true, false} {
		for _, p := range c.Plans {
			if (p.Wave == WaveFirst) == first {
				out = append(out, p.ID)
			}
		}
	}
	return out
}

// exact returns the plan whose id, name, short name or alias is s (case
// and surrounding punctuation ignored), or "".
func (x *planIndex) exact(s string) string { return x.names[normWord(s)] }

// resolve finds the plan text names: a line number of menu (or of the
// plan list when menu is empty), an exact name, else what the matcher
// finds (inflections, typos, nynorsk). It returns "" when none fits.
func (x *planIndex) resolve(text string, menu []string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	if n, ok := menuNumber(text); ok {
		return x.line(n, menu)
	}
	if id := x.exact(text); id != "" {
		return id
	}
	return x.und.Understand(text).Plan
}

// line returns the plan on line n (1-based) of menu, or of the plan list
// when menu is empty; "" when out of range.
func (x *planIndex) line(n int, menu []string) string {
	if len(menu) == 0 {
		menu = x.order
	}
	if n < 1 || n > len(menu) {
		return ""
	}
	return menu[n-1]
}

// planWord reports whether word w names a plan on its own (a word of a
// name, alias or hint, or of "plan" itself).
func (x *planIndex) planWord(w string) bool {
	return x.words[w] || strings.Contains(w, "plan")
}

// menuNumber reads "4", "4.", "nr 4", "#4" as a menu line number.
func menuNumber(text string) (int, bool) {
	s := strings.TrimSpace(strings.ToLower(text))
	s = strings.TrimPrefix(s, "#")
	for _, p := range []string{"nr.", "nr", "no.", "number", "nummer"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimSpace(rest)
			break
		}
	}
	s = strings.TrimRight(s, ".)!")
	if s == "" || len(s) > 3 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false // no strconv error to allocate for every word
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// suggest returns up to limit plans matching a partial query (names,
// short names and aliases in every language; typos tolerated), best first.
func (x *planIndex) suggest(query string, limit int) []string {
	if limit <= 0 {
		limit = 25
	}
	q := strings.ToLower(strings.TrimSpace(query))
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] && len(ids) < limit {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range x.cat.Plans {
		if q == "" || matchesPrefix(p, q) {
			add(p.ID)
		}
	}
	if q != "" {
		for _, id := range x.und.NearestPlans(q, limit) {
			add(id)
		}
	}
	return ids
}

func matchesPrefix(p Plan, q string) bool {
	if strings.HasPrefix(p.ID, q) {
		return true
	}
	for _, t := range []Text{p.Name, p.Short} {
		for _, s := range t {
			if strings.Contains(strings.ToLower(s), q) {
				return true
			}
		}
	}
	for _, l := range p.Aliases {
		for _, s := range l {
			if strings.HasPrefix(strings.ToLower(s), q) {
				return true
			}
		}
	}
	return false
}
