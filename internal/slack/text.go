package slack

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// slackRef matches Slack's angle-bracket references: <@U123>, <#C1|name>,
// <!here>, <https://x|label>, <mailto:a@b|a@b>.
var slackRef = regexp.MustCompile(`<([^<>]*)>`)

// plainText turns Slack message markup into the plain text residents typed:
// user mentions and broadcast tags are dropped, channel references become
// #name, links become their URL (or label for mailto), and &amp; &lt; &gt;
// are unescaped.
func plainText(s string) string {
	s = slackRef.ReplaceAllStringFunc(s, func(m string) string {
		inner := m[1 : len(m)-1]
		target, label, _ := strings.Cut(inner, "|")
		switch {
		case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "!"):
			return ""
		case strings.HasPrefix(target, "#"):
			if label != "" {
				return "#" + label
			}
			return ""
		case strings.HasPrefix(target, "mailto:"):
			return strings.TrimPrefix(target, "mailto:")
		default:
			return target
		}
	})
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
	return strings.TrimSpace(s)
}

// escape makes s safe as mrkdwn or message text: Slack reserves & < >.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// clip shortens s to at most n runes, ending with "…" when it was cut.
func clip(s string, n int) string {
	if n < 1 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// escapeClip escapes s and keeps the result within limit runes, cutting
// the plain text (never an entity) when needed.
func escapeClip(s string, limit int) string {
	n := utf8.RuneCountInString(s)
	for {
		e := escape(clip(s, n))
		m := utf8.RuneCountInString(e)
		if m <= limit || n <= 1 {
			return e
		}
		n = min(n*limit/m, n-1) // escaping grows text by at most 5x
	}
}
