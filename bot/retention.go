package bot

import (
	"context"
	"time"
)

// Where a retention period counts from.
const (
	RetentionFromAdoption = "adoption" // the plan's adoption (its milestone MilestoneAdopted)
	RetentionFromInput    = "input"    // the day the input was given
)

// MilestoneAdopted is the id of the catalogue milestone that dates a plan's
// adoption, from which retention counts (RetentionFromAdoption).
const MilestoneAdopted = "adopted"

// Retention is the municipality's rule for how long input is kept, and
// whom residents can ask about it. Days 0 keeps input until the resident
// or staff delete it.
type Retention struct {
	Days      int    // days after From that input is kept; 0: no automatic removal
	From      string // RetentionFromAdoption or RetentionFromInput
	Anonymise bool   // keep the text but remove who wrote it, instead of deleting
	Contact   string // the municipality's privacy contact (e-mail or page); may be empty
}

// RetentionStore is what the retention job needs besides the ScheduleStore.
type RetentionStore interface {
	// ClaimRun records the run id (e.g. "retention/2026-12-07") and reports
	// claimed=false when it was recorded before, by this or another running
	// copy: exactly one caller gets true for an id.
	ClaimRun(ctx context.Context, id, owner string, at time.Time) (claimed bool, err error)
	// ExpireSubmission deletes ref whatever its status, or with anonymise
	// keeps its plan and text but removes who gave it (author hash,
	// workspace, channel), so nobody can find or delete it as theirs any
	// more. It returns ErrNotFound for an unknown ref.
	ExpireSubmission(ctx context.Context, ref string, anonymise bool) error
}
