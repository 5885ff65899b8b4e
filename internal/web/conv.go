package web

import (
	"slices"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Bounds of the in-memory conversations. The conversation shown on the page
// is kept only in this process's memory, for the page's sake: dialog state
// lives in the store, so a restart loses the scrollback, not the dialog.
const (
	maxEntries = 40
	maxConvs   = 20000
	convIdle   = 2 * time.Hour
)

// entry is one message on the page: the resident's (You) or the bot's.
type entry struct {
	ID    int
	Turn  int
	You   bool
	Lang  bot.Lang
	Text  string // what the resident wrote or pressed
	Reply *replyView
}

// conv is one session's conversation.
type conv struct {
	entries []entry
	next    int
	turn    int
	form    *bot.Form         // the last form shown, to show it again with errors
	noticed bool              // the privacy notice has been shown
	labels  map[string]string // choice value -> label of the last turn's buttons
	used    time.Time
}

// conversations holds every session's conversation, keyed by a hash of the
// session id, dropping idle ones and the oldest when full.
type conversations struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]*conv
}

func newConversations(now func() time.Time) *conversations {
	return &conversations{now: now, m: map[string]*conv{}}
}

// snapshot returns a copy of key's entries and the number of its last turn.
func (cs *conversations) snapshot(key string) (entries []entry, turn int) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c, ok := cs.m[key]
	if !ok || cs.now().Sub(c.used) > convIdle {
		return nil, 0
	}
	return slices.Clone(c.entries), c.turn
}

// lastForm returns the last form shown to key, or nil.
func (cs *conversations) lastForm(key string) *bot.Form {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if c, ok := cs.m[key]; ok {
		return c.form
	}
	return nil
}

// noticed reports whether key's conversation has shown the privacy notice.
func (cs *conversations) noticed(key string) bool {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c, ok := cs.m[key]
	return ok && c.noticed && cs.now().Sub(c.used) <= convIdle
}

// label returns the label of the last turn's button with value, or "".
func (cs *conversations) label(key, value string) string {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if c, ok := cs.m[key]; ok {
		return c.labels[value]
	}
	return ""
}

// add appends a turn (the resident's entry, then the replies) and returns
// the entries added, numbered. noticed marks a turn that showed the privacy
// notice.
func (cs *conversations) add(key string, add []entry, form *bot.Form, labels map[string]string, noticed bool) []entry {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	now := cs.now()
	c, ok := cs.m[key]
	if !ok || now.Sub(c.used) > convIdle {
		cs.makeRoom(now)
		c = &conv{}
		cs.m[key] = c
	}
	c.turn++
	c.used = now
	for i := range add {
		c.next++
		add[i].ID, add[i].Turn = c.next, c.turn
	}
	c.entries = append(c.entries, add...)
	if n := len(c.entries) - maxEntries; n > 0 {
		c.entries = slices.Delete(c.entries, 0, n)
	}
	if form != nil {
		c.form = form
	}
	c.labels = labels
	c.noticed = c.noticed || noticed
	return add
}

// makeRoom drops idle conversations, and one more when still full.
func (cs *conversations) makeRoom(now time.Time) {
	if len(cs.m) < maxConvs {
		return
	}
	for k, c := range cs.m {
		if now.Sub(c.used) > convIdle {
			delete(cs.m, k)
		}
	}
	for k := range cs.m {
		if len(cs.m) < maxConvs {
			break
		}
		delete(cs.m, k)
	}
}
