package schedule

import (
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// post lays out the sections of one post so that its plain text (see
// sectionsText) stays within budget characters.
type post struct {
	budget, used int
}

func newPost(budget int) *post { return &post{budget: budget} }

// cost is what a section adds to the post's text: the blank line before
// it, its title, a line break and its body.
func sectionCost(title, body string) int { return 2 + runes(title) + 1 + runes(body) }

// fixed adds a section that is always shown, its body cut to what is left.
func (p *post) fixed(title, body string) *bot.Section {
	room := p.budget - p.used - sectionCost(title, "")
	body = clip(body, max(room, 1))
	p.used += sectionCost(title, body)
	return &bot.Section{Title: title, Body: body}
}

// fill adds a section of as many lines as fit, in order, joined by sep;
// when some do not fit, more(n) (if not nil) says how many were left out.
// It returns nil, adding nothing, when lines is empty or nothing fits.
func (p *post) fill(title string, lines []string, sep string, more func(int) string) *bot.Section {
	if len(lines) == 0 {
		return nil
	}
	size := sectionCost(title, "")
	var kept []string
	for i, l := range lines {
		add := runes(l)
		if len(kept) > 0 {
			add += runes(sep)
		}
		reserve := 0
		if more != nil && i < len(lines)-1 {
			reserve = runes(sep) + runes(more(len(lines)-i-1))
		}
		if p.used+size+add+reserve > p.budget {
			break
		}
		kept, size = append(kept, l), size+add
	}
	if left := len(lines) - len(kept); left > 0 && more != nil {
		m := more(left)
		add := runes(m)
		if len(kept) > 0 {
			add += runes(sep)
		}
		if p.used+size+add <= p.budget {
			kept, size = append(kept, m), size+add
		}
	}
	if len(kept) == 0 {
		return nil
	}
	p.used += size
	body := kept[0]
	for _, l := range kept[1:] {
		body += sep + l
	}
	return &bot.Section{Title: title, Body: body}
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// clip cuts s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if n < 1 || runes(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
