package schedule

import (
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// pack lays blocks out in posts whose plain text (see sectionsText) is at
// most budget characters. Each block becomes a section; a block that does
// not fit goes on in the next post under its continued title. Entries are
// never split; one longer than a post on its own is cut.
func pack(blocks []block, budget int) [][]bot.Section {
	var (
		posts [][]bot.Section
		cur   []bot.Section
		size  int
	)
	flush := func() {
		if len(cur) > 0 {
			posts = append(posts, cur)
			cur, size = nil, 0
		}
	}
	for _, b := range blocks {
		open := false // cur's last section belongs to b
		for i, e := range b.entries {
			title := b.title
			if i > 0 && b.cont != "" {
				title = b.cont
			}
			e = clip(e, budget-runes(title)-1)
			if open {
				if add := runes(b.sep) + runes(e); size+add <= budget {
					cur[len(cur)-1].Body += b.sep + e
					size += add
					continue
				}
				flush()
			}
			add := runes(title) + 1 + runes(e)
			if len(cur) > 0 {
				add += 2 // blank line between sections
			}
			if size+add > budget && len(cur) > 0 {
				flush()
				add -= 2
			}
			cur = append(cur, bot.Section{Title: title, Body: e})
			size += add
			open = true
		}
	}
	flush()
	return posts
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// clip cuts s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if n < 1 || runes(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
