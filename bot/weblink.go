package bot

import (
	"context"
	"time"
)

// WebLink is a private receipt link of the web chat: the hash of a secret
// token handed to the resident, and the submission it shows. The token itself
// is never stored, so the database alone cannot open the link.
type WebLink struct {
	Hash    string // hex SHA-256 of the secret token
	Ref     string // the submission's receipt reference
	Created time.Time
}

// WebLinkStore keeps private receipt links, looked up by their hash alone.
type WebLinkStore interface {
	// SaveWebLink stores l. Hash and Ref are required (ErrInvalid); a Hash
	// already taken returns ErrConflict and changes nothing.
	SaveWebLink(ctx context.Context, l WebLink) error
	// WebLink returns the link with hash, or ErrNotFound.
	WebLink(ctx context.Context, hash string) (WebLink, error)
	// DeleteWebLink removes the link with hash; a missing link is not an error.
	DeleteWebLink(ctx context.Context, hash string) error
}
