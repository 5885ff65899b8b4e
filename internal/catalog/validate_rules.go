package catalog

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// langKeys reports language keys that are not language codes. Any code is
// accepted (a new language is added with files only); the shipped languages
// (bot.Langs) are required elsewhere.
func (v *validator) langKeys(i int, field string, ks []string) {
	slices.Sort(ks)
	for _, k := range ks {
		if !langCode.MatchString(k) {
			v.add(i, field+"."+k, fmt.Sprintf("%q is not a language code (two or three lowercase letters, e.g. %s)", k, langNames()))
		}
	}
}

// langCode matches a BCP 47 primary language subtag such as nb, en or se.
var langCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// oneOf checks that s is one of the allowed values.
func (v *validator) oneOf(i int, field, s string, allowed ...string) {
	switch {
	case s == "":
		v.add(i, field, "is empty (use "+strings.Join(allowed, ", ")+")")
	case !slices.Contains(allowed, s):
		v.add(i, field, fmt.Sprintf("%q is not valid (use %s)", s, strings.Join(allowed, ", ")))
	}
}

// date checks an optional (or required) YYYY-MM-DD date.
func (v *validator) date(i int, field, s string, required bool) {
	if strings.TrimSpace(s) == "" {
		if required {
			v.add(i, field, "is empty (use YYYY-MM-DD)")
		}
		return
	}
	if _, err := parseDate(s); err != nil {
		v.add(i, field, fmt.Sprintf("%q is not a valid date (use YYYY-MM-DD, e.g. 2020-09-01)", s))
	}
}

// url checks an optional absolute https URL.
func (v *validator) url(i int, field, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		v.add(i, field, fmt.Sprintf("%q is not a full https:// address", s))
	}
}

// requiredIDs reports required plans that are missing.
func (v *validator) requiredIDs() {
	for _, id := range RequiredIDs() {
		if !slices.ContainsFunc(v.f.Plans, func(p planFile) bool { return p.ID == id }) {
			v.probs = append(v.probs, Problem{Plan: id, Message: "is missing from the list of plans"})
		}
	}
}

// term is a name people use for a plan, and where it was found.
type term struct {
	plan  int
	field string
}

// sharedTerms reports ids, names, short names and aliases used by two plans
// (compared case-insensitively, spaces collapsed).
func (v *validator) sharedTerms() {
	seen := map[string]term{}
	check := func(i int, field, s string) {
		k := normTerm(s)
		if k == "" {
			return
		}
		if t, ok := seen[k]; ok && t.plan != i {
			v.add(i, field, fmt.Sprintf("%q is also used by plan %s (%s); a word may point to one plan only",
				strings.TrimSpace(s), quoteRef(v.ref(t.plan)), t.field))
			return
		}
		if _, ok := seen[k]; !ok {
			seen[k] = term{plan: i, field: field}
		}
	}
	// Ids and names first, so a clash with an alias is reported on the alias.
	var plans []int
	ids := map[string]bool{}
	for i, p := range v.f.Plans {
		if !ids[p.ID] { // a doubled plan is reported once, as a doubled id
			plans = append(plans, i)
		}
		ids[p.ID] = true
	}
	for _, i := range plans {
		p := v.f.Plans[i]
		check(i, "id", p.ID)
		for _, l := range bot.Langs {
			check(i, "name."+string(l), p.Name[string(l)])
			check(i, "short."+string(l), p.Short[string(l)])
		}
	}
	for _, i := range plans {
		for _, l := range bot.Langs {
			for j, a := range v.f.Plans[i].Aliases[string(l)] {
				check(i, fmt.Sprintf("aliases.%s[%d]", l, j), a)
			}
		}
	}
}

// normTerm lowercases s and collapses its white space.
func normTerm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// quoteRef quotes a plan id but not a "#n" position.
func quoteRef(ref string) string {
	if strings.HasPrefix(ref, "#") {
		return ref
	}
	return fmt.Sprintf("%q", ref)
}

// langNames lists the supported language codes.
func langNames() string {
	s := make([]string, len(bot.Langs))
	for i, l := range bot.Langs {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// keys returns the keys of a text map.
func keys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
