package bottest_test

import (
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
)

func TestMemInboxContract(t *testing.T) {
	bottest.TestInboxStore(t, func(*testing.T) bot.InboxStore { return bottest.NewMemInbox() })
}
