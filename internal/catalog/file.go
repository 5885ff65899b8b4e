package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/askerkommune/temaplanbot/bot"
)

// file is the YAML layout of a catalogue file. It mirrors bot.Catalog with
// names staff can read; language maps are keyed by bot.Lang codes.
type file struct {
	General generalFile `yaml:"general"`
	Plans   []planFile  `yaml:"plans"`

	lines map[string]int // field path -> line, for error messages
}

type generalFile struct {
	Municipality  string            `yaml:"municipality"`
	PlansURL      string            `yaml:"plans_url"`
	About         map[string]string `yaml:"about"`
	Origin        map[string]string `yaml:"origin"`
	Participation map[string]string `yaml:"participation"`
	Meeting       map[string]string `yaml:"meeting"`
	MeetingURL    string            `yaml:"meeting_url"`
	Corona        map[string]string `yaml:"corona"`
	CoronaURL     string            `yaml:"corona_url"`
	AsOf          string            `yaml:"as_of"`
}

type planFile struct {
	ID         string              `yaml:"id"`
	Wave       string              `yaml:"wave"`
	Status     string              `yaml:"status"`
	Start      string              `yaml:"start"`
	URL        string              `yaml:"url"`
	CaseNumber string              `yaml:"case_number"`
	Name       map[string]string   `yaml:"name"`
	Short      map[string]string   `yaml:"short"`
	Aliases    map[string][]string `yaml:"aliases"`
	Hints      []string            `yaml:"hints"`
	Purpose    map[string]string   `yaml:"purpose"`
	Themes     map[string][]string `yaml:"themes"`
	Milestones []milestoneFile     `yaml:"milestones"`
}

type milestoneFile struct {
	ID   string            `yaml:"id"`
	Name map[string]string `yaml:"name"`
	Date string            `yaml:"date"`
}

// unknownField matches yaml.v3's KnownFields message.
var unknownField = regexp.MustCompile(`^line (\d+): field (.+) not found in type \S+$`)

// yamlLine matches the "line N: " prefix of yaml.v3 messages.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// wrongKind matches yaml.v3's message for a value of the wrong kind.
var wrongKind = regexp.MustCompile("^cannot unmarshal (!!\\w+)(?: `.*`)? into (.+)$")

// decode parses data strictly. It returns the (possibly partial) file and
// the problems found while decoding; a nil file means nothing usable.
func decode(data []byte) (f *file, probs []Problem) {
	defer func() {
		// The YAML library should not panic on any input; if it does, the
		// file is reported as unreadable rather than taking the bot down.
		if r := recover(); r != nil {
			f, probs = nil, []Problem{{Message: fmt.Sprintf("the file could not be read as YAML (%v)", r)}}
		}
	}()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []Problem{yamlProblem(err.Error(), nil)}
	}
	if len(root.Content) == 0 {
		return nil, []Problem{{Message: "the file is empty"}}
	}
	loc := newLocator(&root)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	f = &file{lines: loc.paths}
	err := dec.Decode(f)
	var te *yaml.TypeError
	switch {
	case errors.As(err, &te):
		for _, msg := range te.Errors {
			probs = append(probs, yamlProblem(msg, loc))
		}
	case err != nil:
		return nil, []Problem{yamlProblem(err.Error(), nil)}
	}
	var extra yaml.Node
	if dec.Decode(&extra) == nil {
		probs = append(probs, Problem{Message: "the file holds more than one YAML document"})
	}
	return f, probs
}

// yamlProblem turns a yaml.v3 message into a Problem, naming the plan and
// field at the reported line when loc knows them.
func yamlProblem(msg string, loc *locator) Problem {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p := Problem{Line: line, Field: m[2], Message: "is not a known field (check the spelling and the indentation)"}
		if loc != nil {
			p.setPath(loc.key(line, m[2]))
		}
		return p
	}
	p := Problem{Message: strings.TrimPrefix(msg, "yaml: ")}
	if m := yamlLine.FindStringSubmatch(p.Message); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Message = m[2]
		if loc != nil {
			p.setPath(loc.at(p.Line))
		}
	}
	if m := wrongKind.FindStringSubmatch(p.Message); m != nil {
		p.Message = fmt.Sprintf("holds %s where %s is expected", kindName(m[1]), goKindName(m[2]))
	}
	return p
}

// kindName describes a YAML tag for staff.
func kindName(tag string) string {
	switch tag {
	case "!!seq":
		return "a list"
	case "!!map":
		return "a set of named fields"
	case "!!null":
		return "nothing"
	default:
		return "a single value"
	}
}

// goKindName describes the Go type yaml.v3 wanted, for staff.
func goKindName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.HasPrefix(t, "catalog."):
		return "a set of named fields"
	default:
		return "a single value"
	}
}

// locator maps field paths ("plans[2].name.en") to their lines and back.
type locator struct {
	paths map[string]int // path -> line of its key or item
	keys  map[string]string
	lines map[int]string // line -> first key path starting there
	items map[int]string // line -> first list item path starting there
}

func newLocator(root *yaml.Node) *locator {
	l := &locator{paths: map[string]int{}, keys: map[string]string{}, lines: map[int]string{}, items: map[int]string{}}
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	l.walk(doc, "")
	return l
}

// record notes where path starts. A line is named after its first key
// (the shallowest field starting there), else its first list item.
func (l *locator) record(line int, path string, isKey bool) {
	if _, ok := l.paths[path]; !ok {
		l.paths[path] = line
	}
	if _, ok := l.lines[line]; !ok && isKey {
		l.lines[line] = path
	}
	if _, ok := l.items[line]; !ok && !isKey {
		l.items[line] = path
	}
}

func (l *locator) walk(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			l.keys[strconv.Itoa(k.Line)+":"+k.Value] = p
			l.record(k.Line, p, true)
			l.walk(v, p)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			l.record(item.Line, p, false)
			l.walk(item, p)
		}
	}
}

// key returns the path of the mapping key name at line ("" if unknown).
func (l *locator) key(line int, name string) string {
	return l.keys[strconv.Itoa(line)+":"+name]
}

// at returns the path of the field starting at line ("" if unknown).
func (l *locator) at(line int) string {
	if p, ok := l.lines[line]; ok {
		return p
	}
	return l.items[line]
}

// catalog converts a validated file to the domain type.
func (f *file) catalog() *bot.Catalog {
	g := f.General
	c := &bot.Catalog{General: bot.General{
		Municipality:  strings.TrimSpace(g.Municipality),
		About:         text(g.About),
		Origin:        text(g.Origin),
		Participation: text(g.Participation),
		Meeting:       text(g.Meeting),
		MeetingURL:    strings.TrimSpace(g.MeetingURL),
		Corona:        text(g.Corona),
		CoronaURL:     strings.TrimSpace(g.CoronaURL),
		PlansURL:      strings.TrimSpace(g.PlansURL),
	}}
	c.General.AsOf, _ = parseDate(g.AsOf)
	for _, p := range f.Plans {
		start, _ := parseDate(p.Start)
		plan := bot.Plan{
			ID:         p.ID,
			Name:       text(p.Name),
			Short:      text(p.Short),
			Aliases:    textList(p.Aliases),
			Hints:      trimmed(p.Hints),
			Purpose:    text(p.Purpose),
			Themes:     textList(p.Themes),
			Wave:       p.Wave,
			Start:      start,
			Status:     p.Status,
			URL:        strings.TrimSpace(p.URL),
			CaseNumber: strings.TrimSpace(p.CaseNumber),
		}
		for _, m := range p.Milestones {
			d, _ := parseDate(m.Date)
			plan.Milestones = append(plan.Milestones, bot.Milestone{ID: m.ID, Name: text(m.Name), Date: d})
		}
		c.Plans = append(c.Plans, plan)
	}
	return c
}

// text converts a language map, dropping empty entries.
func text(m map[string]string) bot.Text {
	t := bot.Text{}
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			t[bot.Lang(k)] = v
		}
	}
	return t
}

// textList converts a language map of lists, dropping empty entries.
func textList(m map[string][]string) bot.TextList {
	t := bot.TextList{}
	for k, l := range m {
		var out []string
		for _, v := range l {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		if len(out) > 0 {
			t[bot.Lang(k)] = out
		}
	}
	return t
}

// trimmed returns the non-empty entries of l, trimmed.
func trimmed(l []string) []string {
	var out []string
	for _, v := range l {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseDate parses an optional YYYY-MM-DD date ("" is the zero Date).
func parseDate(s string) (bot.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return bot.Date{}, nil
	}
	return bot.ParseDate(s)
}
