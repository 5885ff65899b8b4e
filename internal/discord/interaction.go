package discord

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// errMalformed marks an interaction body that is not a usable interaction.
var errMalformed = errors.New("malformed interaction")

// interaction is the part of a Discord interaction the adapter uses. It is
// decoded with its own small types rather than discordgo.Interaction so that
// component types discordgo v0.29.0 does not know (modal Labels, type 18)
// and large embedded messages neither break nor slow down decoding. The same
// parser serves the HTTP endpoint and the gateway's INTERACTION_CREATE.
type interaction struct {
	ID      string                    `json:"id"`
	AppID   string                    `json:"application_id"`
	Type    discordgo.InteractionType `json:"type"`
	Token   string                    `json:"token"`
	GuildID string                    `json:"guild_id"`
	Channel string                    `json:"channel_id"`
	Locale  string                    `json:"locale"`
	Member  *struct {
		User  *ixUser  `json:"user"`
		Roles []string `json:"roles"`
	} `json:"member"`
	User *ixUser `json:"user"`
	// Message is the message whose button was pressed (components, and
	// modals opened from a button).
	Message *struct {
		Flags int `json:"flags"`
	} `json:"message"`
	Data json.RawMessage `json:"data"`

	// Decoded from Data according to Type.
	command   commandData
	component componentData
	modal     modalData
}

type ixUser struct {
	ID  string `json:"id"`
	Bot bool   `json:"bot"`
}

// commandData is an application command or autocomplete interaction's data.
type commandData struct {
	Name    string     `json:"name"`
	Options []ixOption `json:"options"`
}

// ixOption is a command option; subcommands nest their options.
type ixOption struct {
	Name    string          `json:"name"`
	Type    int             `json:"type"`
	Value   json.RawMessage `json:"value"`
	Focused bool            `json:"focused"`
	Options []ixOption      `json:"options"`
}

type componentData struct {
	CustomID      string   `json:"custom_id"`
	ComponentType int      `json:"component_type"`
	Values        []string `json:"values"`
}

type modalData struct {
	CustomID   string        `json:"custom_id"`
	Components []ixComponent `json:"components"`
}

// ixComponent covers the submitted shapes: Action Row (1) -> Text Input (4)
// and Label (18) -> component.
type ixComponent struct {
	Type       int           `json:"type"`
	CustomID   string        `json:"custom_id"`
	Value      string        `json:"value"`
	Components []ixComponent `json:"components"`
	Component  *ixComponent  `json:"component"`
}

// parseInteraction decodes an interaction body. It returns an error wrapping
// errMalformed when the JSON is invalid or fields the type needs are missing.
func parseInteraction(body []byte) (*interaction, error) {
	var in interaction
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, fmt.Errorf("discord: decode interaction: %w: %v", errMalformed, err)
	}
	if in.Type == discordgo.InteractionPing {
		return &in, nil
	}
	if in.ID == "" || in.Token == "" {
		return nil, fmt.Errorf("discord: interaction without id or token: %w", errMalformed)
	}
	var target any
	switch in.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		target = &in.command
	case discordgo.InteractionMessageComponent:
		target = &in.component
	case discordgo.InteractionModalSubmit:
		target = &in.modal
	default:
		return nil, fmt.Errorf("discord: interaction type %d: %w", in.Type, errMalformed)
	}
	if len(in.Data) == 0 {
		return nil, fmt.Errorf("discord: interaction without data: %w", errMalformed)
	}
	if err := json.Unmarshal(in.Data, target); err != nil {
		return nil, fmt.Errorf("discord: decode interaction data: %w: %v", errMalformed, err)
	}
	if in.userID() == "" {
		return nil, fmt.Errorf("discord: interaction without user: %w", errMalformed)
	}
	return &in, nil
}

// userID is the invoking user's id (member.user in guilds, user in DMs).
func (in *interaction) userID() string {
	if in.Member != nil && in.Member.User != nil {
		return in.Member.User.ID
	}
	if in.User != nil {
		return in.User.ID
	}
	return ""
}

// ephemeralMessage reports whether the interaction came from a button on an
// ephemeral message (which the answer then replaces).
func (in *interaction) ephemeralMessage() bool {
	return in.Message != nil && in.Message.Flags&int(discordgo.MessageFlagsEphemeral) != 0
}

// roles are the invoking member's role ids (none in DMs).
func (in *interaction) roles() []string {
	if in.Member == nil {
		return nil
	}
	return in.Member.Roles
}

// subcommand returns the subcommand name and its options.
func (c commandData) subcommand() (string, []ixOption) {
	for _, o := range c.Options {
		if o.Type == int(discordgo.ApplicationCommandOptionSubCommand) {
			return o.Name, o.Options
		}
	}
	return "", nil
}

// stringOpt returns the string value of option name, trimmed ("" if absent).
func stringOpt(opts []ixOption, name string) string {
	for _, o := range opts {
		if o.Name != name {
			continue
		}
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// focused returns the focused option of an autocomplete interaction.
func focused(opts []ixOption) (ixOption, bool) {
	for _, o := range opts {
		if o.Focused {
			return o, true
		}
	}
	return ixOption{}, false
}

// fields collects the submitted text inputs of a modal by custom id.
func (m modalData) fields() map[string]string {
	out := map[string]string{}
	var walk func(cs []ixComponent, depth int)
	walk = func(cs []ixComponent, depth int) {
		if depth > 4 {
			return
		}
		for _, c := range cs {
			if c.Type == int(discordgo.TextInputComponent) && c.CustomID != "" {
				out[c.CustomID] = c.Value
			}
			walk(c.Components, depth+1)
			if c.Component != nil {
				walk([]ixComponent{*c.Component}, depth+1)
			}
		}
	}
	walk(m.Components, 0)
	return out
}

// splitCustomID splits "action:value" (value may contain colons).
func splitCustomID(id string) (action, value string) {
	action, value, _ = strings.Cut(id, ":")
	return action, value
}
