package bottest

import (
	"context"
	"fmt"
	"slices"

	"github.com/askerkommune/temaplanbot/bot"
)

// SubmissionsPage implements bot.SubmissionStore.
func (m *Mem) SubmissionsPage(ctx context.Context, authorHash string, skip, limit int) ([]bot.Submission, bool, error) {
	if limit <= 0 || skip < 0 {
		return nil, false, fmt.Errorf("bottest: submissions page: skip %d, limit %d: %w", skip, limit, bot.ErrInvalid)
	}
	all, err := m.SubmissionsBy(ctx, authorHash)
	if err != nil {
		return nil, false, err
	}
	if skip >= len(all) {
		return nil, false, nil
	}
	end := min(skip+limit, len(all))
	return all[skip:end], end < len(all), nil
}

// CountSubmissions implements bot.SubmissionStore.
func (m *Mem) CountSubmissions(ctx context.Context, q bot.SubmissionQuery) ([]bot.SubmissionCount, error) {
	if err := m.lock("count submissions"); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	var out []bot.SubmissionCount
	for _, s := range m.subs {
		if q.Match(s) {
			out = bot.Tally(out, s)
		}
	}
	slices.SortFunc(out, bot.CompareCounts)
	return out, nil
}
