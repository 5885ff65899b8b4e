package bot

import (
	"context"
	"time"
)

// Insights is what the engine needs to tell staff what residents are
// saying (internal/insight implements it): the themes of an input when it
// is stored, and a summary of a plan's input over a period.
type Insights interface {
	// Tag returns the themes of plan that text is about (best first) and
	// the version of the catalogue themes they come from.
	Tag(plan, text string) (themes []string, version string)
	// Summary sums up what residents said to plan in (from, until] as
	// sections whose plain text stays within budget characters, in lang.
	// It returns an error wrapping ErrUnavailable when the store cannot be
	// read.
	Summary(ctx context.Context, plan string, from, until time.Time, lang Lang, budget int) ([]Section, error)
}

// tagThemes sets s's themes when the engine has Insights.
func (e *Engine) tagThemes(s *Submission) {
	if e.cfg.Insights != nil {
		s.Themes, s.ThemesVersion = e.cfg.Insights.Tag(s.Plan, s.Text)
	}
}
