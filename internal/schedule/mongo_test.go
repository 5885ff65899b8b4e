package schedule

import (
	"os"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// openMongo opens the real store (embedded server, or TEST_MONGODB_URI) for
// a test. SCHEDULE_MEM_ONLY=1 skips it for a quick run. The store fills in
// no times these tests care about (the scheduler sets them from its clock),
// so it needs no injected clock.
func openMongo(t *testing.T, now func() time.Time) bot.Store {
	t.Helper()
	if os.Getenv("SCHEDULE_MEM_ONLY") != "" {
		t.Skip("SCHEDULE_MEM_ONLY set: skipping the real store")
	}
	return mongodbtest.Open(t)
}
