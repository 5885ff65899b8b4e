package slack

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"
	"go.yaml.in/yaml/v3"
)

// TestAppManifest decodes the repository's Slack app manifest strictly (an
// unknown or misspelt field fails) and checks it asks for what the adapter
// uses.
func TestAppManifest(t *testing.T) {
	raw, err := os.ReadFile("../../slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var m slackapi.Manifest
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	for _, s := range []string{"app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write", "users:read", "files:write"} {
		if !slices.Contains(m.OAuthConfig.Scopes.Bot, s) {
			t.Errorf("bot scope %s missing", s)
		}
	}
	for _, e := range []string{"app_mention", "message.im", "app_home_opened"} {
		if m.Settings.EventSubscriptions == nil || !slices.Contains(m.Settings.EventSubscriptions.BotEvents, e) {
			t.Errorf("bot event %s missing", e)
		}
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/temaplan" || m.Features.SlashCommands[0].UsageHint == "" {
		t.Errorf("slash command %+v", m.Features.SlashCommands)
	}
	if m.Settings.Interactivity == nil || !m.Settings.Interactivity.IsEnabled || !m.Settings.SocketModeEnabled {
		t.Error("interactivity and Socket Mode must be on")
	}
	if !m.Features.AppHome.HomeTabEnabled || !m.Features.AppHome.MessagesTabEnabled || m.Features.AppHome.MessagesTabReadOnlyEnabled {
		t.Errorf("app home %+v", m.Features.AppHome)
	}
	if n := utf8.RuneCountInString(m.Display.Description); n > 140 {
		t.Errorf("description has %d characters; Slack allows 140", n)
	}
	if n := utf8.RuneCountInString(m.Display.LongDescription); n < 175 || n > 4000 {
		t.Errorf("long description has %d characters; Slack wants 175-4000", n)
	}
}
