package catalog

import (
	"strconv"
	"strings"

	"github.com/askerkommune/temaplanbot/bot"
)

// ValidationError lists every problem found in a catalogue file. It wraps
// bot.ErrInvalid. Its message has one line per problem, each starting with
// the file name (and line, when known), e.g.
//
//	plans.yaml:120: plan "klima": field name.en is empty
type ValidationError struct {
	File     string
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.format(e.File)
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns bot.ErrInvalid, so errors.Is(err, bot.ErrInvalid) holds.
func (e *ValidationError) Unwrap() error { return bot.ErrInvalid }

// Problem is one thing wrong in a catalogue file.
type Problem struct {
	// Plan is the plan's id, or "#n" (its 1-based position in the list)
	// when the id itself is unusable; "" for problems outside the plans.
	Plan string
	// Field is the dotted path of the field within the plan ("name.en",
	// "milestones[0].date") or, outside the plans, from the top of the
	// file ("general.about.nb"); "" when the problem is not about a field.
	Field string
	// Line is the line in the file (1-based), 0 when unknown.
	Line int
	// Message says what is wrong, e.g. "is empty".
	Message string

	plan int // 1 + index of the plan in the list; 0 when none
}

// format renders p as `file:line: plan "id": field f message`.
func (p Problem) format(file string) string {
	var b strings.Builder
	b.WriteString(file)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Plan != "" {
		b.WriteString("plan " + quoteRef(p.Plan))
		if p.Field != "" {
			b.WriteString(": ")
		} else {
			b.WriteString(" ")
		}
	}
	if p.Field != "" {
		b.WriteString("field " + p.Field + " ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// setPath fills Plan and Field from a full field path such as
// "plans[2].name.en" or "general.about".
func (p *Problem) setPath(path string) {
	if path == "" {
		return
	}
	p.plan = 0
	p.Field = path
	rest, ok := strings.CutPrefix(path, "plans[")
	if !ok {
		return
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil {
		return
	}
	p.plan = i + 1
	p.Plan = "#" + strconv.Itoa(i+1)
	p.Field = strings.TrimPrefix(rest[end+1:], ".")
}
