package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/internal/catalog"
	"github.com/askerkommune/temaplanbot/internal/mongodb"
	"github.com/askerkommune/temaplanbot/internal/web"
)

// config is every setting, read from the environment and overridden by flags.
type config struct {
	MongoURI      string
	MongoDatabase string
	DataDir       string
	AuthorHashKey string
	CatalogFile   string
	HTTPAddr      string
	LogLevel      string
	LogFormat     string
	TimeZone      string

	SlackBotToken      string
	SlackAppToken      string
	SlackSigningSecret string
	SlackAPIURL        string
	SlackStaffUserIDs  []string

	DiscordBotToken     string
	DiscordPublicKey    string
	DiscordAppID        string
	DiscordStaffRoleIDs []string
	DiscordStaffUserIDs []string

	ReminderTime     string
	ReminderGrace    time.Duration
	ReminderLeadDays int
	ReminderSweep    time.Duration
	DigestSchedule   string
	DigestEmpty      bool
	SubmitLimit      int
	FloodLimit       int
	InboxWorkers     int
	InboxLease       time.Duration
	InboxAckBudget   time.Duration

	WebEnabled        bool
	WebBaseURL        string
	WebAllowedOrigins []string
	WebTrustedProxies []netip.Prefix

	Retention bot.Retention

	location *time.Location
	catalog  *bot.Catalog // loaded and validated once, by the configuration check
}

// setting describes one configuration value: its env var, flag and default.
type setting struct {
	env, flag, def, help string
	secret               bool
}

// boolFlags are the flags that may stand alone (--web means --web=true).
var boolFlags = map[string]bool{"web": true}

// settings is the single list of configuration values; the README's table
// and the flag set are generated from it.
var settings = []setting{
	{"MONGODB_URI", "mongodb-uri", "", "MongoDB connection string (a replica set in production). Empty: embedded FerretDB/SQLite in DATA_DIR.", true},
	{"MONGODB_DATABASE", "mongodb-database", "temaplanbot", "Database name.", false},
	{"DATA_DIR", "data-dir", "./data", "Directory for the embedded database and the generated author hash key.", false},
	{"AUTHOR_HASH_KEY", "", "", "Key (>= 32 characters) for the HMAC that replaces user ids. Required with MONGODB_URI; generated in DATA_DIR otherwise.", true},
	{"AUTHOR_HASH_KEY_FILE", "", "", "File holding the author hash key (a container secret, or the embedded database's author-hash.key when moving to MongoDB); instead of AUTHOR_HASH_KEY.", false},
	{"CATALOG_FILE", "catalog", "", "Plan catalogue YAML file. Empty: the embedded default. Re-read when it changes.", false},
	{"HTTP_ADDR", "http-addr", ":8080", "Address of the HTTP server (webhooks, /healthz, /readyz, /metrics) when serving.", false},
	{"LOG_LEVEL", "log-level", "info", "debug, info, warn or error.", false},
	{"LOG_FORMAT", "log-format", "auto", "text, json, or auto (text on a terminal, JSON otherwise).", false},
	{"TIME_ZONE", "time-zone", "Europe/Oslo", "Time zone for reminders, digests and dates.", false},
	{"SLACK_BOT_TOKEN", "", "", "Slack bot token (xoxb-...).", true},
	{"SLACK_APP_TOKEN", "", "", "Slack app-level token (xapp-...) for Socket Mode.", true},
	{"SLACK_SIGNING_SECRET", "", "", "Slack signing secret for the HTTP Events API.", true},
	{"SLACK_API_URL", "slack-api-url", "", "Slack Web API base URL override (tests, GovSlack).", false},
	{"SLACK_STAFF_USER_IDS", "", "", "Comma-separated Slack user ids of staff (U..., W...).", false},
	{"DISCORD_BOT_TOKEN", "", "", "Discord bot token for the gateway.", true},
	{"DISCORD_PUBLIC_KEY", "", "", "Discord application public key (hex) for HTTP interactions.", false},
	{"DISCORD_APP_ID", "", "", "Discord application id.", false},
	{"DISCORD_STAFF_ROLE_IDS", "", "", "Comma-separated Discord role ids whose members are staff.", false},
	{"DISCORD_STAFF_USER_IDS", "", "", "Comma-separated Discord user ids of staff.", false},
	{"REMINDER_TIME", "reminder-time", "09:00", "Time of day (HH:MM) reminders are posted.", false},
	{"REMINDER_GRACE", "reminder-grace", "72h", "How late a missed reminder may still be posted after a restart.", false},
	{"REMINDER_LEAD_DAYS", "reminder-lead-days", "7", "Days before a milestone (e.g. an input deadline) to remind; 0 = only on the day.", false},
	{"REMINDER_SWEEP_INTERVAL", "reminder-sweep-interval", "10m", "How often reminders are also checked besides the daily run (a fallback: changes are acted on at once).", false},
	{"DIGEST_SCHEDULE", "digest-schedule", "0 8 * * 1-5", "When staff digests are sent (cron syntax).", false},
	{"DIGEST_EMPTY", "digest-empty", "false", "Send a digest even when there is no new input.", false},
	{"SUBMIT_LIMIT_PER_HOUR", "submit-limit", "10", "Most submissions one resident may make per hour.", false},
	{"FLOOD_LIMIT_PER_MINUTE", "flood-limit", "30", "Messages one resident may send per minute before being asked to slow down; 0 = no limit.", false},
	{"WEB_ENABLED", "web", "false", "Serve the web chat under /web/ on HTTP_ADDR (alone, it serves only the web chat).", false},
	{"WEB_BASE_URL", "web-base-url", "", "Public https:// address of the server, for the web chat's private links. Empty: the request's host.", false},
	{"WEB_ALLOWED_ORIGINS", "web-allowed-origins", "", "Comma-separated origins (https://www.asker.kommune.no) that may embed the web chat.", false},
	{"WEB_TRUSTED_PROXIES", "web-trusted-proxies", "", "Comma-separated addresses or CIDRs of reverse proxies in front of the server; from them the web chat takes the client address from X-Forwarded-For (for its per-client limit).", false},
	{"RETENTION_DAYS", "retention-days", "0", "Days input is kept after its plan's adoption (or after it was given, see RETENTION_FROM) before it is removed; 0 = kept until the resident or staff delete it.", false},
	{"RETENTION_FROM", "retention-from", "adoption", "What RETENTION_DAYS counts from: adoption (the plan's \"adopted\" milestone) or input.", false},
	{"RETENTION_ACTION", "retention-action", "delete", "What happens when the period has passed: delete, or anonymise (keep plan and text, remove who gave it).", false},
	{"PRIVACY_CONTACT", "privacy-contact", "", "Whom residents can ask about their data (e-mail or web page), named in the privacy answers.", false},
	{"INBOX_WORKERS", "inbox-workers", "8", "Engine calls running at once, shared by every platform (1-256).", false},
	{"INBOX_LEASE", "inbox-lease", "15s", "How long a running copy may be silent before another takes over its unanswered events.", false},
	{"INBOX_ACK_BUDGET", "inbox-ack-budget", "1s", "How long an acknowledgement waits for its event's durable write before it goes out anyway (10ms-2s).", false},
}

// loadConfig reads settings from getenv, then flags in args (which may set
// the non-secret ones), and validates everything, returning every problem
// at once. Secrets never appear in the error.
func loadConfig(args []string, getenv func(string) string) (*config, []string, error) {
	vals := map[string]string{}
	fs := flag.NewFlagSet("temaplanbot", flag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	flagVals := map[string]*string{}
	for _, s := range settings {
		v := getenv(s.env)
		if v == "" {
			v = s.def
		}
		vals[s.env] = v
		if s.flag != "" {
			bv := &boolText{s: v, boolean: boolFlags[s.flag]}
			fs.Var(bv, s.flag, s.help+" (env "+s.env+")")
			flagVals[s.env] = &bv.s
		}
	}
	global, rest := splitGlobalFlags(args)
	if err := fs.Parse(global); err != nil {
		return nil, nil, fmt.Errorf("config: %w", err)
	}
	for env, p := range flagVals {
		vals[env] = *p
	}
	rest = append(fs.Args(), rest...)
	c, problems := buildConfig(vals)
	if len(problems) > 0 {
		return c, rest, fmt.Errorf("config: %d problem(s):\n  - %s", len(problems), strings.Join(problems, "\n  - "))
	}
	return c, rest, nil
}

// splitGlobalFlags takes the configuration flags (--catalog, --data-dir, ...)
// out of args wherever they stand, so `temaplanbot ask --catalog f.yaml q`
// works like `temaplanbot --catalog f.yaml ask q`. Scanning stops at "--".
func splitGlobalFlags(args []string) (global, rest []string) {
	known, boolean := map[string]bool{}, map[string]bool{}
	for _, s := range settings {
		if s.flag != "" {
			known[s.flag], boolean[s.flag] = true, boolFlags[s.flag]
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return global, append(rest, args[i:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || !known[name] {
			rest = append(rest, a)
			continue
		}
		global = append(global, a)
		if !hasValue && !boolean[name] && i+1 < len(args) {
			i++
			global = append(global, args[i])
		}
	}
	return global, rest
}

var (
	slackUserID   = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	snowflake     = regexp.MustCompile(`^[0-9]{1,21}$`)
	hexKey        = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
	clockTime     = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	errNoPlatform = errors.New("no Slack or Discord credentials are configured")
)

func buildConfig(v map[string]string) (*config, []string) {
	var p []string
	bad := func(env, format string, a ...any) { p = append(p, env+": "+fmt.Sprintf(format, a...)) }
	c := &config{
		MongoURI: v["MONGODB_URI"], MongoDatabase: v["MONGODB_DATABASE"], DataDir: v["DATA_DIR"],
		AuthorHashKey: v["AUTHOR_HASH_KEY"], CatalogFile: v["CATALOG_FILE"], HTTPAddr: v["HTTP_ADDR"],
		LogLevel: strings.ToLower(v["LOG_LEVEL"]), LogFormat: strings.ToLower(v["LOG_FORMAT"]), TimeZone: v["TIME_ZONE"],
		SlackBotToken: v["SLACK_BOT_TOKEN"], SlackAppToken: v["SLACK_APP_TOKEN"],
		SlackSigningSecret: v["SLACK_SIGNING_SECRET"], SlackAPIURL: v["SLACK_API_URL"],
		SlackStaffUserIDs: list(v["SLACK_STAFF_USER_IDS"]), DiscordBotToken: v["DISCORD_BOT_TOKEN"],
		DiscordPublicKey: v["DISCORD_PUBLIC_KEY"], DiscordAppID: v["DISCORD_APP_ID"],
		DiscordStaffRoleIDs: list(v["DISCORD_STAFF_ROLE_IDS"]), DiscordStaffUserIDs: list(v["DISCORD_STAFF_USER_IDS"]),
		ReminderTime: v["REMINDER_TIME"], DigestSchedule: v["DIGEST_SCHEDULE"],
	}
	p = append(p, c.readKeyFile(v)...)
	if c.MongoURI != "" {
		if !validMongoURI(c.MongoURI) {
			bad("MONGODB_URI", "must look like mongodb://host:27017/?replicaSet=rs0 (or mongodb+srv://)")
		}
		if len(c.AuthorHashKey) < 32 {
			bad("AUTHOR_HASH_KEY", "required with MONGODB_URI and must be at least 32 characters, so every running copy hashes user ids alike")
		}
	} else if c.AuthorHashKey != "" && len(c.AuthorHashKey) < 32 {
		bad("AUTHOR_HASH_KEY", "must be at least 32 characters")
	}
	if c.MongoDatabase == "" || strings.ContainsAny(c.MongoDatabase, `/\. "$`) {
		bad("MONGODB_DATABASE", "must be a plain database name")
	}
	if c.DataDir == "" && c.MongoURI == "" {
		bad("DATA_DIR", "must be set when MONGODB_URI is empty")
	}
	if c.MongoURI == "" && !mongodb.Embedded {
		bad("MONGODB_URI", "required: this binary was built without the embedded database (tag temaplanbot_no_embedded)")
	}
	cat, err := catalog.Load(c.CatalogFile)
	c.catalog = cat
	if err != nil {
		bad("CATALOG_FILE", "%s", strings.ReplaceAll(err.Error(), "\n", "\n      "))
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		bad("HTTP_ADDR", "must be host:port or :port, got %q", c.HTTPAddr)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("LOG_LEVEL", "must be debug, info, warn or error, got %q", c.LogLevel)
	}
	switch c.LogFormat {
	case "auto", "text", "json":
	default:
		bad("LOG_FORMAT", "must be auto, text or json, got %q", c.LogFormat)
	}
	if loc, err := time.LoadLocation(c.TimeZone); err != nil {
		bad("TIME_ZONE", "unknown time zone %q", c.TimeZone)
	} else {
		c.location = loc
	}
	p = append(p, c.checkSlack()...)
	p = append(p, c.checkDiscord()...)
	p = append(p, c.checkSchedule(v)...)
	p = append(p, c.checkWeb(v)...)
	p = append(p, c.checkRetention(v)...)
	return c, p
}

// boolText is a flag holding text; a boolean one may stand alone (--web).
type boolText struct {
	s       string
	boolean bool
}

func (b *boolText) String() string { return b.s }

// Set stores the flag's value.
func (b *boolText) Set(v string) error { b.s = v; return nil }

// IsBoolFlag lets the flag package accept --web without a value.
func (b *boolText) IsBoolFlag() bool { return b.boolean }

func (c *config) checkSlack() []string {
	var p []string
	if c.SlackBotToken != "" && !strings.HasPrefix(c.SlackBotToken, "xoxb-") {
		p = append(p, "SLACK_BOT_TOKEN: must be a bot token starting with xoxb-")
	}
	if c.SlackAppToken != "" && !strings.HasPrefix(c.SlackAppToken, "xapp-") {
		p = append(p, "SLACK_APP_TOKEN: must be an app-level token starting with xapp-")
	}
	if (c.SlackAppToken != "" || c.SlackSigningSecret != "") && c.SlackBotToken == "" {
		p = append(p, "SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set")
	}
	if c.SlackBotToken != "" && c.SlackAppToken == "" && c.SlackSigningSecret == "" {
		p = append(p, "SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is needed with SLACK_BOT_TOKEN (Socket Mode or HTTP)")
	}
	if c.SlackSigningSecret != "" && len(c.SlackSigningSecret) < 16 {
		p = append(p, "SLACK_SIGNING_SECRET: too short to be a Slack signing secret")
	}
	if c.SlackAPIURL != "" {
		if u, err := url.Parse(c.SlackAPIURL); err != nil || u.Scheme == "" || u.Host == "" {
			p = append(p, "SLACK_API_URL: must be an absolute URL ending in /api/")
		}
	}
	for _, id := range c.SlackStaffUserIDs {
		if !slackUserID.MatchString(id) {
			p = append(p, fmt.Sprintf("SLACK_STAFF_USER_IDS: %q is not a Slack user id (U... or W...)", id))
		}
	}
	return p
}

func (c *config) checkDiscord() []string {
	var p []string
	if c.DiscordPublicKey != "" && !hexKey.MatchString(c.DiscordPublicKey) {
		p = append(p, "DISCORD_PUBLIC_KEY: must be 64 hex characters (the application's public key)")
	}
	if (c.DiscordPublicKey != "" || c.DiscordBotToken != "") && !snowflake.MatchString(c.DiscordAppID) {
		p = append(p, "DISCORD_APP_ID: required with Discord credentials and must be the numeric application id")
	}
	switch t := c.DiscordBotToken; {
	case strings.HasPrefix(t, "Bot "):
		p = append(p, `DISCORD_BOT_TOKEN: give the token without the "Bot " prefix`)
	case strings.ContainsAny(t, " \t\r\n"):
		p = append(p, "DISCORD_BOT_TOKEN: must not contain spaces or line breaks")
	}
	for _, ids := range []struct {
		env  string
		list []string
	}{{"DISCORD_STAFF_ROLE_IDS", c.DiscordStaffRoleIDs}, {"DISCORD_STAFF_USER_IDS", c.DiscordStaffUserIDs}} {
		for _, id := range ids.list {
			if !snowflake.MatchString(id) {
				p = append(p, fmt.Sprintf("%s: %q is not a Discord id", ids.env, id))
			}
		}
	}
	return p
}

func (c *config) checkSchedule(v map[string]string) []string {
	var p []string
	if !clockTime.MatchString(c.ReminderTime) {
		p = append(p, fmt.Sprintf("REMINDER_TIME: must be HH:MM, got %q", c.ReminderTime))
	}
	d, err := time.ParseDuration(v["REMINDER_GRACE"])
	if err != nil || d < 0 {
		p = append(p, fmt.Sprintf("REMINDER_GRACE: must be a duration like 72h, got %q", v["REMINDER_GRACE"]))
	}
	c.ReminderGrace = d
	sweep, err := time.ParseDuration(v["REMINDER_SWEEP_INTERVAL"])
	if err != nil || sweep < time.Second {
		p = append(p, fmt.Sprintf("REMINDER_SWEEP_INTERVAL: must be a duration of at least 1s like 10m, got %q", v["REMINDER_SWEEP_INTERVAL"]))
	}
	c.ReminderSweep = sweep
	n, err := strconv.Atoi(v["REMINDER_LEAD_DAYS"])
	if err != nil || n < 0 || n > 365 {
		p = append(p, fmt.Sprintf("REMINDER_LEAD_DAYS: must be a number of days 0-365, got %q", v["REMINDER_LEAD_DAYS"]))
	}
	c.ReminderLeadDays = n
	if _, err := cron.ParseStandard(c.DigestSchedule); err != nil {
		p = append(p, fmt.Sprintf("DIGEST_SCHEDULE: %q is not valid cron syntax (%v)", c.DigestSchedule, err))
	}
	b, err := strconv.ParseBool(v["DIGEST_EMPTY"])
	if err != nil {
		p = append(p, fmt.Sprintf("DIGEST_EMPTY: must be true or false, got %q", v["DIGEST_EMPTY"]))
	}
	c.DigestEmpty = b
	lim, err := strconv.Atoi(v["SUBMIT_LIMIT_PER_HOUR"])
	if err != nil || lim < 1 {
		p = append(p, fmt.Sprintf("SUBMIT_LIMIT_PER_HOUR: must be a positive number, got %q", v["SUBMIT_LIMIT_PER_HOUR"]))
	}
	c.SubmitLimit = lim
	flood, err := strconv.Atoi(v["FLOOD_LIMIT_PER_MINUTE"])
	if err != nil || flood < 0 {
		p = append(p, fmt.Sprintf("FLOOD_LIMIT_PER_MINUTE: must be 0 or a positive number, got %q", v["FLOOD_LIMIT_PER_MINUTE"]))
	}
	c.FloodLimit = flood
	return append(p, c.checkInbox(v)...)
}

func (c *config) checkInbox(v map[string]string) []string {
	var p []string
	w, err := strconv.Atoi(v["INBOX_WORKERS"])
	if err != nil || w < 1 || w > 256 {
		p = append(p, fmt.Sprintf("INBOX_WORKERS: must be a number 1-256, got %q", v["INBOX_WORKERS"]))
	}
	c.InboxWorkers = w
	lease, err := time.ParseDuration(v["INBOX_LEASE"])
	if err != nil || lease < time.Second || lease > time.Hour {
		p = append(p, fmt.Sprintf("INBOX_LEASE: must be a duration from 1s to 1h like 15s, got %q", v["INBOX_LEASE"]))
	}
	c.InboxLease = lease
	budget, err := time.ParseDuration(v["INBOX_ACK_BUDGET"])
	if err != nil || budget < 10*time.Millisecond || budget > 2*time.Second {
		p = append(p, fmt.Sprintf("INBOX_ACK_BUDGET: must be a duration from 10ms to 2s like 1s, got %q", v["INBOX_ACK_BUDGET"]))
	}
	c.InboxAckBudget = budget
	return p
}

// validMongoURI checks the shape only (the driver parses it fully at start):
// a mongodb:// or mongodb+srv:// scheme and a host or percent-encoded socket path.
func validMongoURI(s string) bool {
	for _, scheme := range []string{"mongodb://", "mongodb+srv://"} {
		if rest, ok := strings.CutPrefix(s, scheme); ok {
			if i := strings.LastIndexByte(rest, '@'); i >= 0 {
				rest = rest[i+1:]
			}
			host, _, _ := strings.Cut(rest, "/")
			host, _, _ = strings.Cut(host, "?")
			return host != "" && !strings.ContainsAny(host, " \t")
		}
	}
	return false
}

func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (c *config) checkWeb(v map[string]string) []string {
	var p []string
	on, err := strconv.ParseBool(v["WEB_ENABLED"])
	if err != nil {
		p = append(p, fmt.Sprintf("WEB_ENABLED: must be true or false, got %q", v["WEB_ENABLED"]))
	}
	c.WebEnabled, c.WebBaseURL = on, strings.TrimSuffix(v["WEB_BASE_URL"], "/")
	if c.WebBaseURL != "" {
		if u, err := url.Parse(c.WebBaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") ||
			u.Host == "" || u.Path != "" || u.RawQuery != "" {
			p = append(p, "WEB_BASE_URL: must be the server's address like https://chat.asker.kommune.no (no path)")
		}
	}
	for _, o := range list(v["WEB_ALLOWED_ORIGINS"]) {
		norm, err := web.NormalizeOrigin(o)
		if err != nil {
			p = append(p, fmt.Sprintf("WEB_ALLOWED_ORIGINS: %q is not an origin like https://www.asker.kommune.no", o))
			continue
		}
		c.WebAllowedOrigins = append(c.WebAllowedOrigins, norm)
	}
	for _, v := range list(v["WEB_TRUSTED_PROXIES"]) {
		pr, err := netip.ParsePrefix(v)
		if err != nil {
			a, aerr := netip.ParseAddr(v)
			if aerr != nil {
				p = append(p, fmt.Sprintf("WEB_TRUSTED_PROXIES: %q is not an address or CIDR like 10.0.0.0/8", v))
				continue
			}
			pr = netip.PrefixFrom(a, a.BitLen())
		}
		c.WebTrustedProxies = append(c.WebTrustedProxies, pr.Masked())
	}
	return p
}

// slackSocket, slackHTTP, discordGateway and discordHTTP say which ways in are configured.
// secrets lists the configured values no log line may show (the MongoDB
// URI is a secret as a whole: it may carry a password).
func (c *config) secrets() []string {
	return []string{c.MongoURI, c.AuthorHashKey, c.SlackBotToken, c.SlackAppToken,
		c.SlackSigningSecret, c.DiscordBotToken}
}

func (c *config) slackSocket() bool    { return c.SlackBotToken != "" && c.SlackAppToken != "" }
func (c *config) slackHTTP() bool      { return c.SlackBotToken != "" && c.SlackSigningSecret != "" }
func (c *config) discordGateway() bool { return c.DiscordBotToken != "" }
func (c *config) discordHTTP() bool    { return c.DiscordPublicKey != "" }

// anyPlatform reports whether Slack or Discord is configured.
func (c *config) anyPlatform() bool {
	return c.slackSocket() || c.slackHTTP() || c.discordGateway() || c.discordHTTP()
}
