package mongodb_test

import (
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestReadsSearchIndexes: every read of submissions the store makes from
// the embedded server's SQLite file is an index search (a table scan
// would make "my input", the rate limit or a digest cost grow with
// everything stored).
func TestReadsSearchIndexes(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("embedded server only")
	}
	s := mongodbtest.Open(t)
	plans, err := s.ExplainReads(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"by event", "by author", "count", "window", "newest", "counts"} {
		plan, ok := plans[name]
		if !ok || !strings.Contains(plan, "USING INDEX") || strings.Contains(plan, "SCAN ") {
			t.Errorf("%s: plan %q, want an index search", name, plan)
		}
		t.Logf("%s: %s", name, plan)
	}
}
