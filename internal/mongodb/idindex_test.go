package mongodb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

// TestIDLookupsUseAnIndex proves that on the embedded server a lookup by
// _id (what FerretDB runs for a find, update or delete by _id) is an index
// search in every collection the store uses, not a scan of the table.
func TestIDLookupsUseAnIndex(t *testing.T) {
	if mongodbtest.Real() {
		t.Skip("MongoDB looks _id up in its own index")
	}
	dir := mongodbtest.Dir(t)
	s := mongodbtest.OpenConfig(t, mongodb.Config{DataDir: dir, Database: "idx"})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, coll := range mongodb.Collections() {
		plan, err := s.Server().ExplainIDLookup(ctx, "idx", coll)
		if err != nil {
			t.Fatalf("%s: %v", coll, err)
		}
		if !strings.Contains(plan, "SEARCH") || !strings.Contains(plan, "_tpb_id") {
			t.Errorf("%s: lookup by _id is not an index search: %s", coll, plan)
		}
	}
	// Reopening finds the indexes in place and creates none.
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	srv := mongodbtest.StartEmbedded(t, dir)
	n, err := srv.IndexIDs(ctx, "idx")
	if err != nil || n != 0 {
		t.Errorf("IndexIDs on an indexed database = %d, %v; want 0, nil", n, err)
	}
}
