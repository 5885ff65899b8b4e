package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/internal/backup"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
)

// backupCmd writes a backup of the configured store to FILE (mode 0600,
// through a temporary file renamed at the end, so FILE is either the old
// file or a complete backup).
func (e *env) backupCmd(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return usageError{"backup: name the file to write, e.g. temaplanbot backup temaplanbot-backup.jsonl.gz"}
	}
	name := args[0]
	if name == "-" {
		return usageError{"backup: give a file name: a backup is written to a file (mode 0600), not to standard output"}
	}
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*") // mode 0600
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename: nothing
	bw := bufio.NewWriterSize(tmp, 256*1024)
	h := backup.Header{Created: time.Now().UTC(), KeyFingerprint: backup.Fingerprint(c.hashKey), Embedded: c.store.Embedded()}
	counts, err := backup.Write(ctx, c.store, h, bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup: %w (nothing was written to %s)", err, name)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.backup.done", map[string]any{"File": name, "Counts": countsText(counts),
		"Fingerprint": h.KeyFingerprint}))
	return nil
}

// restoreFlags are restore's flags.
type restoreFlags struct{ check bool }

// restoreSetup declares restore's flags.
func restoreSetup(fs *flag.FlagSet) runFunc {
	var f restoreFlags
	fs.BoolVar(&f.check, "check", false, "only read the whole backup and print what it holds; store nothing")
	return func(ctx context.Context, e *env, args []string) error { return e.restoreCmd(ctx, f, args) }
}

// restoreCmd reads FILE twice: once to check it completely (a cut-off file
// restores nothing), then into the configured store, which must be empty
// and must hash with the same author key as the backup.
func (e *env) restoreCmd(ctx context.Context, f restoreFlags, args []string) error {
	if len(args) != 1 {
		return usageError{"restore: name the backup file"}
	}
	h, counts, err := readBackup(args[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.restore.holds", map[string]any{"File": args[0],
		"Created": h.Created.In(e.cfg.location).Format("2006-01-02 15:04"), "Counts": countsText(counts), "Fingerprint": h.KeyFingerprint}))
	if f.check {
		return nil
	}
	if err := e.checkRestoreKey(); err != nil {
		return err
	}
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	if fp := backup.Fingerprint(c.hashKey); fp != h.KeyFingerprint {
		return fmt.Errorf("restore: the backup was made with another author hash key (fingerprint %s, this store's key %s): "+
			"residents could no longer see or delete their input; give the old key (AUTHOR_HASH_KEY_FILE, or copy author-hash.key into DATA_DIR)",
			h.KeyFingerprint, fp)
	}
	fh, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer fh.Close()
	_, done, err := backup.Restore(ctx, bufio.NewReaderSize(fh, 256*1024), c.store)
	if err != nil {
		return fmt.Errorf("restore: %w (restored so far: %s)", err, countsText(done))
	}
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.restore.done", map[string]any{"Counts": countsText(done)}))
	return nil
}

// readBackup checks a whole backup file and returns what it holds.
func readBackup(name string) (backup.Header, backup.Counts, error) {
	fh, err := os.Open(name)
	if err != nil {
		return backup.Header{}, nil, fmt.Errorf("restore: %w", err)
	}
	defer fh.Close()
	h, counts, err := backup.Read(bufio.NewReaderSize(fh, 256*1024))
	if err != nil {
		return h, counts, fmt.Errorf("restore: %s: %w; nothing was restored", name, err)
	}
	return h, counts, nil
}

// checkRestoreKey refuses to restore into the embedded database when no
// author hash key is configured and DATA_DIR has none yet: opening the
// store would generate a new key, which matches no backup.
func (e *env) checkRestoreKey() error {
	if e.cfg.AuthorHashKey != "" || e.cfg.MongoURI != "" {
		return nil
	}
	_, err := os.Stat(filepath.Join(e.cfg.DataDir, mongodb.AuthorKeyFile))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("restore: DATA_DIR %s has no author-hash.key: copy the old one there (or set AUTHOR_HASH_KEY_FILE) first, "+
			"so residents can still see and delete their input", e.cfg.DataDir)
	}
	return nil
}

// countsText lists counts as "submission 12, dialog 3, ...", in a fixed order.
func countsText(c backup.Counts) string {
	kinds := make([]string, 0, len(c))
	for k := range c {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", k, c[k]))
	}
	if len(parts) == 0 {
		return "0"
	}
	return strings.Join(parts, ", ")
}
