package mongodb_test

import (
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/bottest"
	"github.com/askerkommune/temaplanbot/internal/mongodb/mongodbtest"
)

func TestInboxContract(t *testing.T) {
	bottest.TestInboxStore(t, func(t *testing.T) bot.InboxStore { return mongodbtest.Open(t) })
}
