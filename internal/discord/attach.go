package discord

import (
	"bytes"
	"context"
	"net/http"

	"github.com/bwmarrin/discordgo"

	"github.com/askerkommune/temaplanbot/bot"
)

// Discord's limit on an attachment's description (its alt text).
const maxAltText = 1024

// attachmentMeta is a file's entry in a message's attachments: the id
// pairs it with the multipart part files[id]; the description is the
// alt text screen readers read.
type attachmentMeta struct {
	ID          int    `json:"id"`
	Filename    string `json:"filename"`
	Description string `json:"description,omitempty"`
}

// withFiles is a message create body with attachments.
type withFiles struct {
	outgoing
	Attachments []attachmentMeta `json:"attachments"`
}

// attach posts r's attachments (a digest's chart) to channel, one message
// each, as multipart with payload_json and files[0], the alt text as the
// attachment's description and an enforced nonce so a retry cannot post
// twice. When a file cannot be posted its fallback text is posted instead.
// A failure is logged, not returned: the message before it was posted, and
// returning an error would make the caller post it again.
func (a *Adapter) attach(ctx context.Context, channel string, r bot.Reply) {
	endpoint := discordgo.EndpointChannelMessages(channel)
	for _, att := range r.Attachments {
		body := withFiles{outgoing: outgoing{Nonce: randomNonce(), EnforceNonce: true, AllowedMentions: noMentions()},
			Attachments: []attachmentMeta{{ID: 0, Filename: att.Name, Description: truncate(att.Alt, maxAltText)}}}
		ctype, data, err := discordgo.MultipartBodyWithJSON(body, []*discordgo.File{
			{Name: att.Name, ContentType: att.Type, Reader: bytes.NewReader(att.Data)}})
		if err == nil {
			err = a.call(ctx, "post attachment", policy{idempotent: true}, func(opts ...discordgo.RequestOption) error {
				_, err := a.session.RequestRaw(http.MethodPost, endpoint, ctype, data, endpoint, 0, opts...)
				return err
			})
		}
		if err == nil {
			a.met.MessageOut(bot.PlatformDiscord)
			continue
		}
		a.met.SendFailure(bot.PlatformDiscord)
		a.log.Warn("discord: attachment not posted; posting its text instead", "channel", channel, "file", att.Name, "err", err)
		if _, err := a.post(ctx, channel, outgoing{Content: truncate(att.Fallback, maxContent), Nonce: randomNonce()}); err != nil {
			a.log.Warn("discord: attachment fallback not posted", "channel", channel, "err", err)
		}
	}
}
