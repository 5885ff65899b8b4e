package discord

import (
	"sync"
	"time"
)

// drafts keeps the text of a modal submission the engine refused (e.g. it
// held a phone number) for a short while, so "Try again" reopens the modal
// with the resident's text instead of an empty field. It lives in memory
// only: on another running copy, or after a restart, the modal opens empty.
type drafts struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]draft
}

type draft struct {
	text    string
	expires time.Time
}

// draftTTL is how long a refused text is kept.
const draftTTL = 15 * time.Minute

// maxDrafts bounds memory use; when full, expired and then arbitrary drafts go.
const maxDrafts = 10000

func newDrafts(now func() time.Time) *drafts {
	return &drafts{now: now, m: map[string]draft{}}
}

func (d *drafts) put(user, plan, text string) {
	if text == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if len(d.m) >= maxDrafts {
		for k, v := range d.m {
			if !now.Before(v.expires) || len(d.m) >= maxDrafts {
				delete(d.m, k)
			}
		}
	}
	d.m[user+"\x00"+plan] = draft{text: text, expires: now.Add(draftTTL)}
}

// take returns and forgets the user's kept text for plan ("" if none).
func (d *drafts) take(user, plan string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	k := user + "\x00" + plan
	v, ok := d.m[k]
	delete(d.m, k)
	if !ok || !d.now().Before(v.expires) {
		return ""
	}
	return v.text
}
