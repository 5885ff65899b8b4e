package slack

import (
	"bytes"
	"context"

	slackapi "github.com/slack-go/slack"

	"github.com/askerkommune/temaplanbot/bot"
)

// Slack's limit on a file's alt text.
const maxAltText = 1000

// attach shares r's attachments (a digest's chart) in channel after its
// message, each with its alt text, through Slack's upload flow
// (files.getUploadURLExternal, the upload itself, files.completeUploadExternal;
// slack-go's UploadFileContext). When an upload fails the attachment's
// fallback text is posted instead. Attachments come after the message has
// been posted, so a failure is logged and not returned: returning it would
// make the caller post the whole message again.
func (a *Adapter) attach(ctx context.Context, channel string, r bot.Reply) {
	for _, att := range r.Attachments {
		err := a.paced(ctx, channel, func() error {
			_, err := a.api.UploadFileContext(ctx, slackapi.UploadFileParameters{
				Reader: bytes.NewReader(att.Data), FileSize: len(att.Data), Filename: att.Name, Title: att.Name,
				AltTxt: clip(att.Alt, maxAltText), Channel: channel,
			})
			return a.sent(err)
		})
		if err == nil {
			continue
		}
		a.log.Warn("slack: attachment not uploaded; posting its text instead", "channel", channel, "file", att.Name, "err", err)
		if _, err := a.postMessage(ctx, channel, "", escapeClip(att.Fallback, maxFallbackText), nil); err != nil {
			a.log.Warn("slack: attachment fallback not posted", "channel", channel, "err", err)
		}
	}
}
