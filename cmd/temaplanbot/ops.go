package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/discord"
	"github.com/askerkommune/temaplanbot/internal/schedule"
)

// dryRun runs fn with a scheduler over the configured store (no sender),
// for the --dry-run commands; without --dry-run it explains where sending happens.
func (e *env) dryRun(ctx context.Context, name string, dry bool, fn func(*schedule.Scheduler) error) error {
	if !dry {
		return usageError{name + ": only --dry-run is supported here; `temaplanbot serve` sends them (staff: /temaplan digest now)"}
	}
	c, err := e.openCore(ctx, nil, nil, false)
	if err != nil {
		return err
	}
	defer c.close()
	s, err := e.scheduler(c, nil, nil)
	if err != nil {
		return err
	}
	return fn(s)
}

// remind lists (with --dry-run) the reminders due, and those missed, now.
func (e *env) remind(ctx context.Context, dry bool) error {
	return e.dryRun(ctx, "remind", dry, func(s *schedule.Scheduler) error {
		due, err := s.DueReminders(ctx)
		if err != nil {
			return err
		}
		if len(due) == 0 {
			fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.remind.none", nil))
		}
		for _, d := range due {
			state := e.loc.Text(e.lang, "cli.remind.due", nil)
			if d.Missed {
				state = e.loc.Text(e.lang, "cli.remind.missed", nil)
			}
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s/%s/%s\t%s\t%s\n", state, d.Plan, d.Milestone, d.Target.Platform,
				d.Target.Workspace, d.Target.Channel, d.Date, d.At.In(e.cfg.location).Format(time.DateTime))
			if !d.Missed {
				fmt.Fprintf(e.stdout, "%s\n\n", d.Reply.Text)
			}
		}
		return nil
	})
}

// digestSetup declares digest's flags: --dry-run (required) and --since.
func digestSetup(fs *flag.FlagSet) runFunc {
	dry := dryRunFlag(fs)
	since := fs.String("since", "", "instead, show a summary of the input created since this day (YYYY-MM-DD, in TIME_ZONE)")
	return func(ctx context.Context, e *env, _ []string) error {
		if *since == "" {
			return e.digest(ctx, *dry)
		}
		return e.digestSince(ctx, *dry, *since)
	}
}

// digestSince prints (with --dry-run) a summary of the input created since
// the start of day (in TIME_ZONE), laid out as a digest for the terminal.
// Counts come from the store's aggregate and only the newest inputs are
// read, so a period of any length takes about the same time and memory.
func (e *env) digestSince(ctx context.Context, dry bool, day string) error {
	d, err := bot.ParseDate(day)
	if err != nil {
		return usageError{"digest: --since must be YYYY-MM-DD"}
	}
	return e.dryRun(ctx, "digest", dry, func(s *schedule.Scheduler) error {
		p, err := s.SummarySince(ctx, bot.Target{Platform: bot.PlatformConsole}, e.lang, d.At(0, 0, e.cfg.location))
		if err != nil {
			return err
		}
		for _, r := range p.Replies {
			fmt.Fprintf(e.stdout, "%s\n", r.Text)
		}
		return nil
	})
}

// digest prints (with --dry-run) the digest each channel would get now.
func (e *env) digest(ctx context.Context, dry bool) error {
	return e.dryRun(ctx, "digest", dry, func(s *schedule.Scheduler) error {
		previews, err := s.PreviewDigests(ctx)
		if err != nil {
			return err
		}
		if len(previews) == 0 {
			fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.digest.none", nil))
		}
		for _, p := range previews {
			fmt.Fprintf(e.stdout, "== %s/%s/%s (%s): %d\n", p.Target.Platform, p.Target.Workspace, p.Target.Channel,
				p.Lang, p.Submissions)
			for _, r := range p.Replies {
				fmt.Fprintf(e.stdout, "%s\n\n", r.Text)
			}
		}
		return nil
	})
}

// discordRegisterSetup declares the flags of `discord register`.
func discordRegisterSetup(fs *flag.FlagSet) runFunc {
	guild := fs.String("guild", "", "register for one guild `ID` (instant) instead of globally")
	return func(ctx context.Context, e *env, _ []string) error { return e.discordRegister(ctx, *guild) }
}

// discordRegister runs `discord register [--guild ID]`.
func (e *env) discordRegister(ctx context.Context, guild string) error {
	if e.cfg.DiscordBotToken == "" || e.cfg.DiscordAppID == "" {
		return usageError{"discord register: DISCORD_BOT_TOKEN and DISCORD_APP_ID must be set"}
	}
	a, err := discord.New(discord.Config{BotToken: e.cfg.DiscordBotToken, AppID: e.cfg.DiscordAppID,
		PublicKey: e.cfg.DiscordPublicKey, Localizer: e.loc, Logger: e.log})
	if err != nil {
		return err
	}
	if err := a.RegisterCommands(ctx, guild); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.loc.Text(e.lang, "cli.discord.registered", nil))
	return nil
}
