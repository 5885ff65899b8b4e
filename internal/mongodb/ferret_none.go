//go:build temaplanbot_no_embedded

package mongodb

import (
	"context"
	"errors"
	"log/slog"
)

// Embedded reports whether this binary has the embedded server; this one
// was built with the tag temaplanbot_no_embedded and needs MONGODB_URI.
const Embedded = false

// errNoEmbedded is what starting the embedded server returns in this build.
var errNoEmbedded = errors.New("this binary was built without the embedded database (tag temaplanbot_no_embedded); set MONGODB_URI")

// newFerret returns errNoEmbedded.
func newFerret(string, string, *slog.Logger) (func(context.Context), error) {
	return nil, errNoEmbedded
}
