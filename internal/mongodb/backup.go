package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/askerkommune/temaplanbot/bot"
)

// Reading every record of a kind, for `temaplanbot backup`. Backups are
// logical: they go through these methods and the store's ordinary ones
// (EachSubmission, Subscriptions, Announcements, PlanStarts, AuditLog),
// never through the collections' raw documents, so a backup taken before
// the storage layout changes restores after it. The key documents
// (authors, submission_hours, meta) are derived data and are rebuilt by
// the writes a restore makes.

// eachDoc streams every document of coll into T and calls fn with it.
func eachDoc[T any](ctx context.Context, s *Store, op, coll string, fn func(T) error) error {
	cur, err := s.coll(coll).Find(ctx, bson.D{}, options.Find().SetBatchSize(1000).SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return wrapErr(op, err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d T
		if err := cur.Decode(&d); err != nil {
			return wrapErr(op, err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return wrapErr(op, err)
	}
	return nil
}

// EachDialog calls fn for every stored dialog, expired ones included, in
// key order. It stops at fn's first error and returns it; store errors
// wrap bot.ErrUnavailable when the database cannot be reached.
func (s *Store) EachDialog(ctx context.Context, fn func(bot.Dialog) error) error {
	return eachDoc(ctx, s, "each dialog", collDialogs, func(d dialogDoc) error {
		return fn(bot.Dialog{Key: d.Key, Step: d.Step, Plan: d.Plan, Text: d.Text, Lang: bot.Lang(d.Lang),
			Flags: d.Flags, SubmitKey: d.SubmitKey, Menu: d.Menu, MenuKind: d.MenuKind,
			Receipt: d.Receipt, ReceiptEvent: d.RcptEvent, Updated: d.Updated, Expires: d.Expires})
	})
}

// EachPrefs calls fn for every resident's preferences, in author hash
// order. Errors as EachDialog.
func (s *Store) EachPrefs(ctx context.Context, fn func(bot.Prefs) error) error {
	return eachDoc(ctx, s, "each prefs", collPrefs, func(d prefsDoc) error {
		return fn(bot.Prefs{AuthorHash: d.AuthorHash, Lang: bot.Lang(d.Lang), NoticeSeen: d.NoticeSeen})
	})
}

// EachWebLink calls fn for every private receipt link of the web chat.
// Errors as EachDialog.
func (s *Store) EachWebLink(ctx context.Context, fn func(bot.WebLink) error) error {
	return eachDoc(ctx, s, "each web link", collWebLinks, func(d webLinkDoc) error {
		return fn(bot.WebLink{Hash: d.Hash, Ref: d.Ref, Created: d.Created.UTC()})
	})
}

// DigestMarks returns the current watermark of every digest channel (the
// newest state of each; the history of earlier runs is not returned).
// Errors as EachDialog.
func (s *Store) DigestMarks(ctx context.Context) ([]bot.DigestMark, error) {
	latest := map[string]digestMarkDoc{}
	var order []string
	err := eachDoc(ctx, s, "digest marks", collDigestMarks, func(d digestMarkDoc) error {
		old, seen := latest[d.Target]
		if !seen {
			order = append(order, d.Target)
		}
		if !seen || d.Seq > old.Seq {
			latest[d.Target] = d
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]bot.DigestMark, 0, len(order))
	for _, k := range order {
		d := latest[k]
		out = append(out, bot.DigestMark{Target: bot.Target{Platform: d.Platform, Workspace: d.Workspace, Channel: d.Channel},
			From: d.From, Until: d.Until, State: d.State, Owner: d.Owner, Updated: d.Updated})
	}
	return out, nil
}

// AuthorKeyFile is the name of the generated author hash key inside the
// data directory (see AuthorKey). A backup is worth nothing without it.
const AuthorKeyFile = authorKeyFile
