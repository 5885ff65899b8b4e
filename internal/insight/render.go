package insight

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// excerptLen is how much of a typical text a summary quotes.
const excerptLen = 160

// Layout says how a summary is shown: in which language, for which period,
// and within how many characters of plain text (a Discord message holds
// 2000, a Slack section 3000).
type Layout struct {
	Lang        bot.Lang
	From, Until time.Time
	Location    *time.Location
	Budget      int
}

// Render lays s out as sections: what came in, waves of near-identical
// texts, each theme with its count and one or two typical texts, and the
// largest groups of the same text from several senders. Themes that do
// not fit the budget are counted in a last line.
func Render(loc bot.Localizer, cat *bot.Catalog, s Summary, l Layout) []bot.Section {
	text := func(id string, data map[string]any) string { return loc.Text(l.Lang, id, data) }
	when := func(t time.Time) string { return t.In(l.location()).Format("2006-01-02 15:04") }
	plan := planShort(cat, s.Plan, l.Lang)
	period := map[string]any{"Plan": plan, "From": when(l.From), "Until": when(l.Until),
		"Inputs": s.Inputs, "Points": s.Points}
	title := text("insight.title", map[string]any{"Plan": plan})
	if s.Inputs == 0 {
		return []bot.Section{{Title: title, Body: text("insight.none", period)}}
	}
	body := text("insight.counts.other", period)
	if s.Inputs == 1 {
		body = text("insight.counts.one", period)
	}
	if s.Discovered {
		body += "\n" + text("insight.discovered", nil)
	}
	b := budget{left: l.Budget}
	out := []bot.Section{b.take(title, body)}
	if len(s.Waves) > 0 {
		var lines []string
		for _, w := range s.Waves {
			lines = append(lines, "- "+text("insight.wave", map[string]any{"Count": w.Count,
				"From": when(w.From), "Until": when(w.Until), "Text": Excerpt(w.Text, excerptLen)}))
		}
		out = b.add(out, text("insight.waves.title", nil), lines)
	}
	for i, th := range s.Themes {
		name := upperFirst(th.Name.In(l.Lang))
		if th.Key == "" {
			name = text("insight.rest", nil)
		}
		lines := make([]string, len(th.Examples))
		for j, p := range th.Examples {
			lines[j] = "- " + quote(text, p)
		}
		n := len(out)
		out = b.add(out, text("insight.theme", map[string]any{"Name": name, "Count": th.Points}), lines)
		if len(out) == n { // did not fit: say how many themes are left
			more := text("insight.more", map[string]any{"Count": len(s.Themes) - i})
			if b.fits(more) {
				out[len(out)-1].Body += "\n" + more
			}
			return out
		}
	}
	var lines []string
	for _, p := range s.Dups {
		lines = append(lines, "- "+text("insight.dup", map[string]any{"Senders": p.Senders, "Inputs": p.Inputs,
			"Text": Excerpt(p.Text, excerptLen)}))
	}
	return b.add(out, text("insight.dups.title", nil), lines)
}

func (l Layout) location() *time.Location {
	if l.Location != nil {
		return l.Location
	}
	return time.UTC
}

// quote is a typical text, with its number of senders when several sent it.
func quote(text func(string, map[string]any) string, p Point) string {
	data := map[string]any{"Text": Excerpt(p.Text, excerptLen), "Senders": p.Senders}
	if p.Senders > 1 {
		return text("insight.example.senders", data)
	}
	return text("insight.example", data)
}

// budget counts the characters of plain text left (see sectionText).
type budget struct{ left int }

func (b *budget) fits(s string) bool { return utf8.RuneCountInString(s)+1 <= b.left }

// take adds a section that is always shown.
func (b *budget) take(title, body string) bot.Section {
	b.left -= sectionLen(title, body)
	return bot.Section{Title: title, Body: body}
}

// add appends a section of as many lines as fit (at least one, or none at
// all when not even one fits) and returns out.
func (b *budget) add(out []bot.Section, title string, lines []string) []bot.Section {
	if len(lines) == 0 {
		return out
	}
	var kept []string
	for _, l := range lines {
		if sectionLen(title, strings.Join(append(kept, l), "\n")) > b.left {
			break
		}
		kept = append(kept, l)
	}
	if len(kept) == 0 {
		return out
	}
	return append(out, b.take(title, strings.Join(kept, "\n")))
}

// sectionLen is what a section adds to a reply's plain text: a blank line,
// its title, a line break and its body.
func sectionLen(title, body string) int {
	return 2 + utf8.RuneCountInString(title) + 1 + utf8.RuneCountInString(body)
}

// planShort is the plan's short name in lang, or its id when unknown.
func planShort(cat *bot.Catalog, id string, lang bot.Lang) string {
	if p, ok := cat.Plan(id); ok {
		if s := p.Short.In(lang); s != "" {
			return s
		}
		return p.Name.In(lang)
	}
	return id
}

// Excerpt is text on one line, cut to about n characters at a word, with
// mentions defused: a resident's "@everyone" or Slack "<!channel>" must not
// notify a staff channel (defence in depth: adapters disable mentions).
func Excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	text = strings.NewReplacer("@", "@\u200b", "<", "<\u200b").Replace(text)
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := len(r)
	if i := lastSpace(r); i > n*3/4 {
		cut = i
	}
	return strings.TrimRight(string(r[:cut]), " .,;:") + "…"
}

func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}

// upperFirst capitalises a theme's name for a heading ("transport" ->
// "Transport").
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
