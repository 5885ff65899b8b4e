// Package locales holds temaplanbot's user-facing text: go-i18n message files
// named <area>.<lang>.yaml (e.g. bot.nb.yaml, slack.en.yaml). Adding a language
// means adding one file per area for it; no Go code changes.
package locales

import "embed"

// FS holds every message file.
//
//go:embed *.yaml
var FS embed.FS
