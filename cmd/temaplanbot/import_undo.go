package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os/user"
	"strings"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
)

// Audit actions of imports. Every batch an import stores is recorded with
// the references it added (auditImportAdd, object = the import id), so
// `import --undo ID` removes exactly those, even after an interrupted or
// crashed import; auditImport sums the import up at its end.
const (
	auditImport     = "import"
	auditImportAdd  = "import.add"
	auditImportUndo = "import.undo"
)

// importLog records one import in the audit log.
type importLog struct {
	store *mongodb.Store
	id    string
	by    string
	err   error // the first failed record
}

// newImportLog starts the record of an import with a new id such as
// IMP-20261207-1940-K3QF.
func newImportLog(store *mongodb.Store, by string) *importLog {
	id := "IMP-" + time.Now().UTC().Format("20060102-1504") + "-" + rand.Text()[:4]
	return &importLog{store: store, id: id, by: by}
}

// added records the references one batch added.
func (l *importLog) added(ctx context.Context, refs []string) {
	if len(refs) == 0 {
		return
	}
	err := l.store.Audit(ctx, bot.AuditEntry{Action: auditImportAdd, Object: l.id, By: l.by, New: strings.Join(refs, " ")})
	if err != nil && l.err == nil {
		l.err = fmt.Errorf("import: record the references import %s added: %w", l.id, err)
	}
}

// finish records the import's summary.
func (l *importLog) finish(ctx context.Context, file string, t importTally) error {
	err := l.store.Audit(ctx, bot.AuditEntry{Action: auditImport, Object: l.id, By: l.by,
		New: fmt.Sprintf("file=%s added=%d existing=%d refused=%d", file, t.added, t.existing, t.refused)})
	if err != nil {
		err = fmt.Errorf("import: record import %s in the audit log: %w", l.id, err)
	}
	return errors.Join(l.err, err)
}

// operator names the person running a command in the audit log.
func (e *env) operator() string {
	if u, err := user.Current(); err == nil {
		return "cli:" + u.Username
	}
	return "cli"
}

// undoImport removes what the import id added, as recorded in the audit
// log: input staff have archived since is kept (it is in the case file),
// input deleted since is counted as gone. The undo is audited.
func (e *env) undoImport(ctx context.Context, id string) error {
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	entries, err := c.store.AuditLog(ctx, id)
	if err != nil {
		return fmt.Errorf("import --undo: %w", err)
	}
	var refs []string
	known := false
	for _, en := range entries {
		switch en.Action {
		case auditImportAdd:
			refs = append(refs, strings.Fields(en.New)...)
			known = true
		case auditImport:
			known = true
		}
	}
	if !known {
		return fmt.Errorf("import --undo: no import %q in the audit log (the id is printed at the end of an import)", id)
	}
	var removed, kept, gone int
	for _, ref := range refs {
		if ctx.Err() != nil {
			break
		}
		sub, err := c.store.Submission(ctx, ref)
		if err == nil {
			err = c.store.DeleteSubmission(ctx, ref, sub.AuthorHash)
		}
		switch {
		case err == nil:
			removed++
		case errors.Is(err, bot.ErrNotFound):
			gone++
		case errors.Is(err, bot.ErrArchived):
			kept++
		default:
			return fmt.Errorf("import --undo %s: %w (removed so far: %d)", id, err, removed)
		}
	}
	aerr := c.store.Audit(context.WithoutCancel(ctx), bot.AuditEntry{Action: auditImportUndo, Object: id, By: e.operator(),
		New: fmt.Sprintf("removed=%d kept=%d gone=%d", removed, kept, gone)})
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.import.undo_done", map[string]any{"ID": id, "Removed": removed, "Kept": kept, "Gone": gone}))
	if ctx.Err() != nil {
		return fmt.Errorf("import --undo %s: interrupted after removing %d; run it again to remove the rest", id, removed)
	}
	if aerr != nil {
		return fmt.Errorf("import --undo %s: record in the audit log: %w", id, aerr)
	}
	return nil
}
