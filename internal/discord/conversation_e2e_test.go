package discord

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
)

// TestGatewayDMConversation holds a whole conversation in a Discord DM over
// the gateway with the real engine and store: English input kept from the
// first message, a change of plan, "yes", then "what did I submit?".
func TestGatewayDMConversation(t *testing.T) {
	g := startGateway(t, rigOptions{})
	c := g.gw.accept(t)
	g.handshake(t, c)
	n := 0
	say := func(text, want string) {
		t.Helper()
		n++
		c.dispatch(t, "MESSAGE_CREATE", messageCreate(t, "13000000000000000"+strconv.Itoa(10+n), text, false, true))
		var got []string
		for {
			p := g.api.wait(t)
			s, _ := p.Body["content"].(string)
			got = append(got, s)
			if strings.Contains(s, want) {
				return
			}
			if len(got) > 5 {
				t.Fatalf("%q: no reply with %q in %q", text, want, got)
			}
		}
	}
	say("I have a suggestion for the climate plan: more bike parking at Asker station", "This will be sent to the climate plan")
	say("what is the water plan about?", "water")
	say("no, it's for the business plan", "This will be sent to the business and industry plan")
	say("yes please", "INN-")
	say("what did I submit?", "more bike parking at Asker station")
	subs, err := g.app.Store.Submissions(context.Background(), bot.SubmissionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Plan != "naering" || subs[0].Text != "more bike parking at Asker station" || subs[0].Lang != "en" {
		t.Errorf("stored %+v", subs)
	}
}
