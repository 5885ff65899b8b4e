package main

import (
	"hash/maphash"
	"unicode/utf8"

	"github.com/askerkommune/temaplanbot/bot"
)

// checkMemo carries the first pass's text checks (checkImport) to the
// second (importRows), so that an import checks each text once:
// bot.CheckInput is most of a row's cost outside the database. It keeps
// little per row (the cleaned text only where cleaning changed it), and
// the second pass takes a result only for the same line with the same
// text (compared by a hash: the file may change between the passes);
// any other row is checked again. A nil memo checks every row.
type checkMemo struct {
	seed   maphash.Seed
	rows   []checkedText // in line order
	replay bool          // the second pass: answer from rows
	next   int           // replay position in rows
}

// checkedText is one text that passed bot.CheckInput.
type checkedText struct {
	line  int
	sum   uint64
	same  bool   // the cleaned text is the raw text
	text  string // the cleaned text, when not same
	flags []string
}

func newCheckMemo() *checkMemo { return &checkMemo{seed: maphash.MakeSeed()} }

// check returns bot.CheckInput(raw) for the row at line: in the first
// pass it checks and remembers a text that passed; in the second it
// answers from what it remembered when line and text match.
func (m *checkMemo) check(line int, raw string) bot.InputCheck {
	switch {
	case m == nil:
		return bot.CheckInput(raw)
	case m.replay:
		return m.recall(line, raw)
	}
	c := bot.CheckInput(raw)
	if c.OK() {
		r := checkedText{line: line, sum: maphash.String(m.seed, raw), flags: c.Flags}
		if r.same = c.Text == raw; !r.same {
			r.text = c.Text
		}
		m.rows = append(m.rows, r)
	}
	return c
}

// recall answers check in the second pass.
func (m *checkMemo) recall(line int, raw string) bot.InputCheck {
	for m.next < len(m.rows) && m.rows[m.next].line < line {
		m.next++
	}
	if m.next == len(m.rows) || m.rows[m.next].line != line || m.rows[m.next].sum != maphash.String(m.seed, raw) {
		return bot.CheckInput(raw)
	}
	r := m.rows[m.next]
	text := r.text
	if r.same {
		text = raw
	}
	return bot.InputCheck{Text: text, Flags: r.flags, Runes: utf8.RuneCountInString(text)}
}

// rewind turns the memo to the second pass.
func (m *checkMemo) rewind() {
	if m != nil {
		m.replay, m.next = true, 0
	}
}
