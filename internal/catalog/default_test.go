package catalog

import (
	"slices"
	"testing"
)

func TestDefaultLoads(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	var ids []string
	for _, p := range c.Plans {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, RequiredIDs()) {
		t.Errorf("ids = %v, want %v", ids, RequiredIDs())
	}
}
