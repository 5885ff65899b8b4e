// Package locale loads the go-i18n message files from locales/ and implements
// bot.Localizer.
package locale

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/locales"
)

// Bundle holds the messages of every language and implements bot.Localizer.
type Bundle struct {
	loc  map[bot.Lang]*i18n.Localizer
	ids  map[bot.Lang]map[string]bool
	fall bot.Lang
}

// Load reads the message files embedded from locales/. It returns an error
// when a file does not parse or a message id is missing from a language.
func Load() (*Bundle, error) { return LoadFS(locales.FS) }

// LoadFS reads every *.yaml file at the root of fsys (named <area>.<lang>.yaml).
// Every message id must exist in every language found: the error lists each
// missing id per language.
func LoadFS(fsys fs.FS) (*Bundle, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("locale: list files: %w", err)
	}
	b := i18n.NewBundle(language.Norwegian)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	ids := map[bot.Lang]map[string]bool{}
	var problems []string
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locale: read %s: %w", name, err)
		}
		mf, err := b.ParseMessageFileBytes(data, name)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		lang := bot.Lang(langOf(name))
		if ids[lang] == nil {
			ids[lang] = map[string]bool{}
		}
		for _, m := range mf.Messages {
			ids[lang][m.ID] = true
		}
	}
	problems = append(problems, missing(ids)...)
	if len(problems) > 0 {
		return nil, fmt.Errorf("locale: %w:\n  %s", errBadLocales, strings.Join(problems, "\n  "))
	}
	bd := &Bundle{loc: map[bot.Lang]*i18n.Localizer{}, ids: ids, fall: bot.NB}
	for lang := range ids {
		bd.loc[lang] = i18n.NewLocalizer(b, string(lang))
	}
	return bd, nil
}

var errBadLocales = errors.New("broken message files")

func langOf(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		return base[i+1:]
	}
	return base
}

// missing lists "<lang>: missing <id> (present in <other>)" for every id that
// some language has and another lacks.
func missing(ids map[bot.Lang]map[string]bool) []string {
	all := map[string]bot.Lang{}
	for lang, set := range ids {
		for id := range set {
			all[id] = lang
		}
	}
	var out []string
	for lang, set := range ids {
		for id, from := range all {
			if !set[id] {
				out = append(out, fmt.Sprintf("%s: missing message %q (present in %s)", lang, id, from))
			}
		}
	}
	sort.Strings(out)
	return out
}

// Langs lists the languages that have messages, sorted.
func (b *Bundle) Langs() []bot.Lang {
	out := make([]bot.Lang, 0, len(b.loc))
	for l := range b.loc {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// IDs lists the message ids of lang, sorted.
func (b *Bundle) IDs(lang bot.Lang) []string {
	out := make([]string, 0, len(b.ids[lang]))
	for id := range b.ids[lang] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Has reports whether lang has message id.
func (b *Bundle) Has(lang bot.Lang, id string) bool { return b.ids[lang][id] }

// Text returns message id in lang with data filled in; it falls back to
// bokmål and, when the id is unknown everywhere, returns the id itself so a
// missing message is visible rather than silent.
func (b *Bundle) Text(lang bot.Lang, id string, data map[string]any) string {
	for _, l := range []bot.Lang{lang, b.fall} {
		loc := b.loc[l]
		if loc == nil || !b.ids[l][id] {
			continue
		}
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
		if err == nil {
			return s
		}
	}
	return id
}
