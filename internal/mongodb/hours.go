package mongodb

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Hour documents are paged: a save rewrites the whole document it adds to
// (on the embedded server), so in a busy hour live saves move on to
// "<hour>#1", "<hour>#2", ... once a page holds hourPageSize entries, and a
// save's cost stays bounded however many inputs the hour has. Pages are
// made in sequence (no gaps), so readers read an hour's pages until the
// first that does not exist. All writes to any page of an hour hold the
// hour's lock. Bulk writers (imports, backfill, repair) add to the first
// page; a page may then hold more than hourPageSize, which costs only
// reading time.

// hourPageSize is how many entries live saves put on one page of an hour.
const hourPageSize = 200

// hourPage is the _id of page n of hour.
func hourPage(hour string, n int) string {
	if n == 0 {
		return hour
	}
	return fmt.Sprintf("%s#%d", hour, n)
}

// hourCursor is where live saves add an hour's entries: the page and how
// many entries it holds.
type hourCursor struct{ page, n int }

// hourCursors remembers the cursors of recent hours in this process.
type hourCursors struct {
	mu sync.Mutex
	m  map[string]hourCursor
}

func (c *hourCursors) get(hour string) (hourCursor, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cur, ok := c.m[hour]
	return cur, ok
}

// put stores hour's cursor and forgets hours more than three hours older.
func (c *hourCursors) put(hour string, cur hourCursor) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]hourCursor{}
	}
	c.m[hour] = cur
	if len(c.m) > 8 {
		t, err := time.Parse("2006-01-02T15", hour)
		for h := range c.m {
			if err == nil && h < hourKey(t.Add(-3*time.Hour)) {
				delete(c.m, h)
			}
		}
	}
}

// addHourEntry adds a live save's entry to the current page of its hour.
func (s *Store) addHourEntry(ctx context.Context, e keyEntry) error {
	hour := hourKey(e.Created)
	defer s.keys.lock(collHours, hour)()
	cur, ok := s.hours.get(hour)
	if !ok {
		var err error
		if cur, err = s.findHourCursor(ctx, hour); err != nil {
			return err
		}
	}
	if err := s.addEntriesLocked(ctx, collHours, hourPage(hour, cur.page), e); err != nil {
		return err
	}
	cur.n++
	if cur.n >= hourPageSize {
		cur = hourCursor{page: cur.page + 1}
	}
	s.hours.put(hour, cur)
	return nil
}

// findHourCursor reads hour's pages up to the first with room.
func (s *Store) findHourCursor(ctx context.Context, hour string) (hourCursor, error) {
	for page := 0; ; page++ {
		es, err := s.keyEntries(ctx, collHours, hourPage(hour, page))
		if err != nil || len(es) < hourPageSize {
			return hourCursor{page: page, n: len(es)}, err
		}
	}
}

// hourEntries returns the entries of every page of hour.
func (s *Store) hourEntries(ctx context.Context, hour string) ([]keyEntry, error) {
	var all []keyEntry
	for page := 0; ; page++ {
		var d keyDoc
		err := s.coll(collHours).FindOne(ctx, bson.D{{Key: "_id", Value: hourPage(hour, page)}}).Decode(&d)
		if errNoDoc(err) {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		for _, raw := range d.Entries {
			if e, ok := parseEntry(raw); ok {
				all = append(all, e)
			}
		}
	}
}

// removeHourEntry removes e from whichever page of its hour holds it.
func (s *Store) removeHourEntry(ctx context.Context, e keyEntry) error {
	hour := hourKey(e.Created)
	defer s.keys.lock(collHours, hour)()
	for page := 0; ; page++ {
		res, err := s.w(collHours).UpdateOne(ctx, bson.D{{Key: "_id", Value: hourPage(hour, page)}},
			bson.D{{Key: "$pullAll", Value: bson.D{{Key: "entries", Value: []string{e.String()}}}}},
			options.UpdateOne())
		if err != nil || res.MatchedCount == 0 {
			return err
		}
	}
}
