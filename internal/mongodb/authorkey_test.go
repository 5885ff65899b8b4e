package mongodb_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/askerkommune/temaplanbot/internal/mongodb"
)

func TestAuthorKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	k1, err := mongodb.AuthorKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(k1) != 32 || bytes.Equal(k1, make([]byte, 32)) {
		t.Fatalf("key = %x, want 32 random bytes", k1)
	}
	fi, err := os.Stat(filepath.Join(dir, "author-hash.key"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	k2, err := mongodb.AuthorKey(dir)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Errorf("second call = %x, %v; want the same key", k2, err)
	}
	other, err := mongodb.AuthorKey(t.TempDir())
	if err != nil || bytes.Equal(other, k1) {
		t.Errorf("another directory gave %x, %v; want another key", other, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("data dir holds %d files, want only the key (no temp files left)", len(entries))
	}
}

func TestAuthorKeyConcurrentFirstUse(t *testing.T) {
	dir := t.TempDir()
	keys := make([][]byte, 10)
	errs := make([]error, 10)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() { keys[i], errs[i] = mongodb.AuthorKey(dir) })
	}
	wg.Wait()
	for i := range keys {
		if errs[i] != nil || !bytes.Equal(keys[i], keys[0]) {
			t.Errorf("call %d: %x, %v; want the same key as call 0 (%x)", i, keys[i], errs[i], keys[0])
		}
	}
}

func TestAuthorKeyDamaged(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "author-hash.key"), []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := mongodb.AuthorKey(dir); err == nil {
		t.Error("a 5-byte key file was accepted")
	}
	got, _ := os.ReadFile(filepath.Join(dir, "author-hash.key"))
	if string(got) != "short" {
		t.Error("the damaged key file was overwritten")
	}
}
