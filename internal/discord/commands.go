package discord

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
)

// CommandName is the application command residents type.
const CommandName = "temaplan"

// norwegian is the Discord locale whose clients see the nb texts.
const norwegian = discordgo.Norwegian

// nameRE is Discord's rule for command and option names (lowercase only).
var nameRE = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

// optSpec describes one option of a subcommand.
type optSpec struct {
	name         string
	required     bool
	autocomplete bool
	maxLen       int
	choices      []string // choice values; names come from discord.choice.<name>.<value>
}

// subSpec describes one subcommand of /temaplan.
type subSpec struct {
	name  string
	staff bool
	opts  []optSpec
}

// subcommands lists /temaplan's subcommands in the order Discord shows them.
// Names are the English base names; Discord always sends these in
// interactions, whatever the client's language.
func subcommands() []subSpec {
	return []subSpec{
		{name: "plan", opts: []optSpec{{name: "plan", required: true, autocomplete: true, maxLen: 100}}},
		{name: "plans"},
		{name: "ask", opts: []optSpec{{name: "question", required: true, maxLen: 500}}},
		{name: "input", opts: []optSpec{
			{name: "plan", required: true, autocomplete: true, maxLen: 100},
			{name: "text", maxLen: 4000},
		}},
		{name: "my"},
		{name: "delete", opts: []optSpec{{name: "ref", required: true, maxLen: 20}}},
		{name: "language", opts: []optSpec{{name: "language", required: true, choices: []string{"nb", "en"}}}},
		{name: "help"},
		{name: "reminders", staff: true, opts: []optSpec{
			{name: "state", required: true, choices: []string{"on", "off"}},
			{name: "language", choices: []string{"nb", "en"}},
		}},
		{name: "digest", staff: true, opts: []optSpec{{name: "action", required: true, choices: []string{"here", "off", "now"}}}},
		{name: "start", staff: true, opts: []optSpec{
			{name: "plan", required: true, autocomplete: true, maxLen: 100},
			{name: "date", required: true, maxLen: 10},
		}},
		{name: "hide", staff: true, opts: []optSpec{{name: "ref", required: true, maxLen: 20}}},
		{name: "unhide", staff: true, opts: []optSpec{{name: "ref", required: true, maxLen: 20}}},
		{name: "archive", staff: true, opts: []optSpec{
			{name: "ref", required: true, maxLen: 20},
			{name: "case", required: true, maxLen: 30},
		}},
	}
}

// Commands builds the /temaplan command definition with English defaults
// and Norwegian ("no") localizations from the discord locale files. It
// returns an error wrapping bot.ErrInvalid when a localized name breaks
// Discord's naming rule or a text is empty or too long.
func Commands(loc bot.Localizer) ([]*discordgo.ApplicationCommand, error) {
	b := cmdBuilder{loc: loc}
	cmd := &discordgo.ApplicationCommand{
		Type:                     discordgo.ChatApplicationCommand,
		Name:                     CommandName,
		NameLocalizations:        &map[discordgo.Locale]string{norwegian: CommandName},
		Description:              b.text(bot.EN, "discord.cmd.temaplan.description", 100),
		DescriptionLocalizations: &map[discordgo.Locale]string{norwegian: b.text(bot.NB, "discord.cmd.temaplan.description", 100)},
		Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM},
	}
	for _, s := range subcommands() {
		cmd.Options = append(cmd.Options, b.sub(s))
	}
	if b.err != nil {
		return nil, b.err
	}
	return []*discordgo.ApplicationCommand{cmd}, nil
}

// cmdBuilder collects the first problem while building command definitions.
type cmdBuilder struct {
	loc bot.Localizer
	err error
}

func (b *cmdBuilder) fail(format string, args ...any) {
	if b.err == nil {
		b.err = fmt.Errorf("discord: commands: "+format+": %w", append(args, bot.ErrInvalid)...)
	}
}

// text looks up a description (1..max characters).
func (b *cmdBuilder) text(lang bot.Lang, id string, max int) string {
	s := strings.TrimSpace(b.loc.Text(lang, id, nil))
	if s == "" || s == id || len([]rune(s)) > max {
		b.fail("%s text %q for %s is missing or longer than %d", lang, id, s, max)
	}
	return s
}

// name looks up a localized name and checks Discord's rule.
func (b *cmdBuilder) name(lang bot.Lang, id string) string {
	s := b.loc.Text(lang, id, nil)
	if !nameRE.MatchString(s) || strings.ToLower(s) != s {
		b.fail("%s name %q for %s breaks Discord's naming rule", lang, s, id)
	}
	return s
}

func (b *cmdBuilder) sub(s subSpec) *discordgo.ApplicationCommandOption {
	base := "discord.cmd." + s.name
	if en := b.name(bot.EN, base+".name"); en != s.name {
		b.fail("en name %q for %s must be %q", en, base, s.name)
	}
	o := &discordgo.ApplicationCommandOption{
		Type:                     discordgo.ApplicationCommandOptionSubCommand,
		Name:                     s.name,
		NameLocalizations:        map[discordgo.Locale]string{norwegian: b.name(bot.NB, base+".name")},
		Description:              b.text(bot.EN, base+".description", 100),
		DescriptionLocalizations: map[discordgo.Locale]string{norwegian: b.text(bot.NB, base+".description", 100)},
	}
	for _, p := range s.opts {
		o.Options = append(o.Options, b.opt(s.name, p))
	}
	return o
}

func (b *cmdBuilder) opt(sub string, p optSpec) *discordgo.ApplicationCommandOption {
	desc := "discord.cmd." + sub + ".opt." + p.name
	o := &discordgo.ApplicationCommandOption{
		Type:                     discordgo.ApplicationCommandOptionString,
		Name:                     p.name,
		NameLocalizations:        map[discordgo.Locale]string{norwegian: b.name(bot.NB, "discord.opt."+p.name+".name")},
		Description:              b.text(bot.EN, desc, 100),
		DescriptionLocalizations: map[discordgo.Locale]string{norwegian: b.text(bot.NB, desc, 100)},
		Required:                 p.required,
		Autocomplete:             p.autocomplete,
		MaxLength:                p.maxLen,
	}
	if en := b.name(bot.EN, "discord.opt."+p.name+".name"); en != p.name {
		b.fail("en option name %q must be %q", en, p.name)
	}
	for _, v := range p.choices {
		id := "discord.choice." + p.name + "." + v
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{
			Name:              b.text(bot.EN, id, 100),
			NameLocalizations: map[discordgo.Locale]string{norwegian: b.text(bot.NB, id, 100)},
			Value:             v,
		})
	}
	return o
}

// RegisterCommands bulk-overwrites the application's commands with
// /temaplan: in one guild when guildID is set (visible at once; for testing),
// else globally. Running it again with the same definitions changes nothing.
// It returns an error wrapping bot.ErrInvalid for broken locale texts or a
// refused definition, bot.ErrForbidden for a bad token and bot.ErrUnavailable
// when Discord cannot be reached.
func (a *Adapter) RegisterCommands(ctx context.Context, guildID string) error {
	if a.cfg.AppID == "" || a.cfg.BotToken == "" {
		return fmt.Errorf("discord: register commands: app id and bot token are required: %w", bot.ErrInvalid)
	}
	cmds, err := Commands(a.loc)
	if err != nil {
		return err
	}
	err = a.call(ctx, "register commands", policy{idempotent: true}, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.ApplicationCommandBulkOverwrite(a.cfg.AppID, guildID, cmds, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("discord: register commands (guild %q): %w", guildID, err)
	}
	a.log.Info("discord commands registered", "guild", guildID, "subcommands", len(cmds[0].Options))
	return nil
}

// commandText turns a subcommand and its options into the engine's command
// text (the words after /temaplan). ok is false for an unknown subcommand.
func commandText(sub string, opts []ixOption) (text string, command bool, ok bool) {
	arg := func(name string) string { return stringOpt(opts, name) }
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " ")
	}
	switch sub {
	case "ask":
		return arg("question"), false, true
	case "plan", "hide", "unhide":
		return join(sub, arg(optFor(sub))), true, true
	case "plans", "my", "help":
		return sub, true, true
	case "input":
		return join(sub, arg("plan"), arg("text")), true, true
	case "delete":
		return join(sub, arg("ref")), true, true
	case "language":
		return join(sub, arg("language")), true, true
	case "reminders":
		return join(sub, arg("state"), arg("language")), true, true
	case "digest":
		return join(sub, arg("action")), true, true
	case "start":
		return join(sub, arg("plan"), arg("date")), true, true
	case "archive":
		return join(sub, arg("ref"), arg("case")), true, true
	}
	return "", false, false
}

// optFor names the single argument option of plan, hide and unhide.
func optFor(sub string) string {
	if sub == "plan" {
		return "plan"
	}
	return "ref"
}
