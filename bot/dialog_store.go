package bot

import (
	"context"
	"errors"
	"fmt"
)

// Keeping the dialog state in the store, per resident and channel.

// loadDialog loads the resident's state in this channel: the zero Dialog
// when there is none; an error when the store cannot be reached.
func (e *Engine) loadDialog(ctx context.Context, t *turn) (Dialog, error) {
	if t.down {
		return Dialog{}, errStoreDown
	}
	d, err := e.cfg.Store.Dialog(e.storeCtx(ctx), dialogKey(t), e.cfg.Now())
	switch {
	case errors.Is(err, ErrNotFound):
		return Dialog{}, nil
	case err != nil:
		e.storeErr("dialog", err)
		t.down = errors.Is(err, ErrUnavailable)
		return Dialog{}, err
	}
	return d, nil
}

// dialogKey identifies a resident's dialog in one channel.
func dialogKey(t *turn) string {
	m := t.m
	return m.Platform + ":" + m.Workspace + ":" + m.Channel + ":" + t.author
}

// errStoreDown reports a store known to be unreachable in this turn.
var errStoreDown = fmt.Errorf("store down: %w", ErrUnavailable)

func (e *Engine) saveDialog(ctx context.Context, t *turn, d Dialog) error {
	now := e.cfg.Now()
	d.Key, d.Lang, d.Updated, d.Expires = dialogKey(t), t.lang, now, now.Add(e.cfg.DialogTTL)
	if err := e.cfg.Store.SaveDialog(e.storeCtx(ctx), d); err != nil {
		e.storeErr("save_dialog", err)
		return err
	}
	return nil
}

func (e *Engine) dropDialog(ctx context.Context, t *turn) {
	if err := e.cfg.Store.DeleteDialog(e.storeCtx(ctx), dialogKey(t)); err != nil {
		e.storeErr("delete_dialog", err)
	}
}
