package catalog

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/askerkommune/temaplanbot/bot"
)

// TableText holds the localized strings of the plan table: the column
// headers and the words shown for a plan's wave when it has no exact start
// date. The caller takes them from the locale files.
type TableText struct {
	ID, Name, Start      string
	WaveFirst, WaveLater string
}

// WriteTable writes the plans of c as an aligned plain-text table with the
// columns id, name (in lang) and start: the exact start date (YYYY-MM-DD)
// when set, else the plan's wave in words. It returns the first write error.
func WriteTable(w io.Writer, c *bot.Catalog, lang bot.Lang, h TableText) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\n", h.ID, h.Name, h.Start)
	for _, p := range c.Plans {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.ID, p.Name.In(lang), startText(p, h))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("catalog: write table: %w", err)
	}
	return nil
}

// startText is the start column of p.
func startText(p bot.Plan, h TableText) string {
	switch {
	case !p.Start.IsZero():
		return p.Start.String()
	case p.Wave == bot.WaveFirst:
		return h.WaveFirst
	case p.Wave == bot.WaveLater:
		return h.WaveLater
	}
	return p.Wave
}
