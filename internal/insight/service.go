package insight

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
)

// Service is the engine's bot.Insights: it keeps a Tagger for the current
// catalogue (rebuilt when the catalogue's themes change, so tags stored
// under the old themes are recomputed when read) and sums up a plan's
// input read from the store. It is safe for concurrent use.
type Service struct {
	src   bot.CatalogSource
	store bot.SubmissionStore
	loc   bot.Localizer
	zone  *time.Location

	mu     sync.Mutex
	cat    *bot.Catalog // the catalogue tagger was last checked against
	tagger *Tagger
}

// NewService returns a Service reading the catalogue from src and input
// from store, writing in loc's words, showing times in zone. It builds the
// tagger at once, so the first input stored does not wait for it.
func NewService(src bot.CatalogSource, store bot.SubmissionStore, loc bot.Localizer, zone *time.Location) *Service {
	s := &Service{src: src, store: store, loc: loc, zone: zone}
	s.Tagger()
	return s
}

// Tagger returns the tagger for the current catalogue.
func (s *Service) Tagger() *Tagger {
	cat := s.src.Catalog()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tagger == nil || cat != s.cat {
		if s.tagger == nil || themesVersion(cat) != s.tagger.catVersion {
			s.tagger = NewTagger(cat)
		}
		s.cat = cat
	}
	return s.tagger
}

// Tag returns the themes of plan that text is about and the version of
// the catalogue themes they come from.
func (s *Service) Tag(plan, text string) ([]string, string) {
	t := s.Tagger()
	return t.Tag(plan, text), t.Version()
}

// Summary reads plan's input in (from, until] (hidden input left out) and
// lays its summary out within budget characters in lang. It returns the
// store's error, wrapped.
func (s *Service) Summary(ctx context.Context, plan string, from, until time.Time, lang bot.Lang, budget int) ([]bot.Section, error) {
	subs, err := s.store.Submissions(ctx, bot.SubmissionQuery{Plan: plan, After: from, Until: until,
		Statuses: []bot.SubmissionStatus{bot.SubmissionNew, bot.SubmissionArchived}})
	if err != nil {
		return nil, fmt.Errorf("insight: read input to %s: %w", plan, err)
	}
	sum := s.Tagger().Summarize(plan, subs)
	return Render(s.loc, s.src.Catalog(), sum, Layout{Lang: lang, From: from, Until: until, Location: s.zone, Budget: budget}), nil
}

// Annotator adds themes and near-duplicate groups to submissions read one
// at a time, oldest first (an export): each submission's themes (the stored
// ones, recomputed when the catalogue's themes have changed) and the
// reference of the first earlier input it nearly duplicates. It holds a
// MinHash signature and band keys per input (about 1 KB each); it is not
// safe for concurrent use.
type Annotator struct {
	tagger *Tagger
	groups *Grouper
	refs   []string
}

// Annotator starts annotating an export.
func (s *Service) Annotator() *Annotator {
	return &Annotator{tagger: s.Tagger(), groups: NewGrouper()}
}

// Notes returns sub's themes and the reference of the earlier input it
// nearly duplicates ("" when it is the first of its kind).
func (a *Annotator) Notes(sub bot.Submission) (themes []string, duplicateOf string) {
	i := a.groups.Add(sub.Text)
	a.refs = append(a.refs, sub.Ref)
	if root := a.groups.Group(i); root != i {
		duplicateOf = a.refs[root]
	}
	return a.tagger.TagsOf(sub), duplicateOf
}
