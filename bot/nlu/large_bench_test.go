package nlu_test

import (
	"fmt"
	"syscall"
	"testing"

	"github.com/askerkommune/temaplanbot/bot"
	"github.com/askerkommune/temaplanbot/bot/nlu"
)

// largeCatalog is the default catalogue copied n/14 times (say, a hundred
// municipalities' plans): every copy's names, short names and aliases get
// a word of their own, so many phrases start with the same words
// ("temaplan for", "the plan for") and end differently.
func largeCatalog(t testing.TB, n int) *bot.Catalog {
	base := defaultCatalog(t)
	out := &bot.Catalog{General: base.General}
	for k := 0; len(out.Plans) < n; k++ {
		for _, p := range base.Plans {
			if len(out.Plans) == n {
				break
			}
			w := placeWord(k)
			q := p
			q.ID = fmt.Sprintf("%s-%d", p.ID, k)
			q.Name, q.Short = suffixed(p.Name, w), suffixed(p.Short, w)
			q.Aliases = bot.TextList{}
			for lang, list := range p.Aliases {
				for _, a := range list {
					q.Aliases[lang] = append(q.Aliases[lang], a+" "+w)
				}
			}
			q.Hints = nil
			out.Plans = append(out.Plans, q)
		}
	}
	return out
}

func suffixed(t bot.Text, w string) bot.Text {
	out := bot.Text{}
	for lang, s := range t {
		out[lang] = s + " " + w
	}
	return out
}

// placeWord is a made-up place name for copy k ("bakkebø", "dalbu", ...).
func placeWord(k int) string {
	first := []string{"bakke", "dal", "fjell", "lund", "mo", "nes", "sand", "strand", "vik", "haug"}
	last := []string{"by", "bø", "set", "rud", "heim", "stad", "vang", "torp", "land", "ås"}
	return first[k%10] + last[(k/10)%10] + fmt.Sprint(k/100)
}

// BenchmarkNewLarge measures start-up (building the index) with the
// default 14 plans and with 1,400. cpu-ms/op is the process's CPU time per
// build, which a busy shared machine distorts less than wall time.
func BenchmarkNewLarge(b *testing.B) {
	for _, n := range []int{14, 1400} {
		b.Run(fmt.Sprintf("plans=%d", n), func(b *testing.B) {
			c := largeCatalog(b, n)
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				nlu.New(c)
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// BenchmarkUnderstandLarge measures one question, cycling through the
// labelled set, with the default 14 plans and with 1,400.
func BenchmarkUnderstandLarge(b *testing.B) {
	rows := loadRows(b, "testdata/questions.tsv")
	for _, n := range []int{14, 1400} {
		b.Run(fmt.Sprintf("plans=%d", n), func(b *testing.B) {
			m := nlu.New(largeCatalog(b, n))
			b.ReportAllocs()
			i := 0
			cpu := cpuTime()
			for b.Loop() {
				m.Understand(rows[i%len(rows)].question)
				i++
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time this process has used, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestLargeCatalogueFindsPlans: with 1,400 plans, questions naming a plan
// by its full short name find that plan (all but one sample found before
// the trie too: "kapasitetsplanen for skole og barnehage <place>" spreads
// over too many words).
func TestLargeCatalogueFindsPlans(t *testing.T) {
	c := largeCatalog(t, 1400)
	m := nlu.New(c)
	asked, found := 0, 0
	for i := 0; i < len(c.Plans); i += 97 {
		p := c.Plans[i]
		for _, q := range []string{"når starter " + p.Short[bot.NB] + "?", "what is " + p.Short[bot.EN] + " about?"} {
			asked++
			if got := m.Understand(q); got.Plan == p.ID {
				found++
			} else {
				t.Logf("%q: plan %q, want %q", q, got.Plan, p.ID)
			}
		}
	}
	if found < asked*9/10 {
		t.Errorf("found %d of %d plans named in questions", found, asked)
	}
}
