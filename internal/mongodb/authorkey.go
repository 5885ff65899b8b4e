package mongodb

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// authorKeyFile is the key file's name inside the data directory.
const authorKeyFile = "author-hash.key"

// authorKeySize is the length of a generated key in bytes.
const authorKeySize = 32

// AuthorKey returns the key for hashing platform user ids when running on
// the embedded server without AUTHOR_HASH_KEY: 32 random bytes generated on
// the first call and kept in <dataDir>/author-hash.key (mode 0600, the
// directory 0700); later calls return the same key. Two processes racing on
// the first call agree on one key (the file is created exclusively). It
// returns an error when the directory or file cannot be made or read, or
// when the file holds fewer than 32 bytes (not repaired: hashes made with a
// lost key can no longer be matched, so a person must look).
func AuthorKey(dataDir string) ([]byte, error) {
	if dataDir == "" {
		dataDir = DefaultDataDir
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("mongodb: author key: %w", err)
	}
	path := filepath.Join(dataDir, authorKeyFile)
	if key, err := readKey(path); !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	key := make([]byte, authorKeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("mongodb: author key: %w", err)
	}
	f, err := os.CreateTemp(dataDir, authorKeyFile+".*") // mode 0600
	if err != nil {
		return nil, fmt.Errorf("mongodb: author key: %w", err)
	}
	_, werr := f.Write(key)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("mongodb: author key: write: %w", err)
	}
	// Link fails if another process created the key first; then use theirs.
	err = os.Link(f.Name(), path)
	os.Remove(f.Name())
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("mongodb: author key: %w", err)
	}
	return readKey(path)
}

func readKey(path string) ([]byte, error) {
	key, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("mongodb: author key: %w", err)
	}
	if len(key) < authorKeySize {
		return nil, fmt.Errorf("mongodb: author key: %s holds %d bytes, want %d", path, len(key), authorKeySize)
	}
	return key, nil
}
