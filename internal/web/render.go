package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"

	"github.com/askerkommune/temaplanbot/bot"
)

//go:embed templates
var templates embed.FS

// itemView passes an entry (E) or a form (F) with the page (P) to a
// nested template; Last marks the newest entry.
type itemView struct {
	P    *pageView
	E    entry
	F    *formView
	Last bool
}

// Tr returns a web string in lang (a message's own language).
func (p *pageView) Tr(lang bot.Lang, id string) string { return p.loc.Text(lang, id, nil) }

func parseTemplates() (*template.Template, error) {
	funcs := template.FuncMap{
		"add": func(a, b int) int { return a + b },
		"item": func(p *pageView, x any, last bool) itemView {
			switch v := x.(type) {
			case entry:
				return itemView{P: p, E: v, Last: last}
			case *formView:
				return itemView{P: p, F: v, Last: last}
			}
			return itemView{P: p}
		},
	}
	t, err := template.New("web").Funcs(funcs).ParseFS(templates, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	return t, nil
}

// render executes template name into a buffer first, so a template error
// becomes a 500 rather than half a page.
func (a *Adapter) render(w http.ResponseWriter, code int, name string, data any) {
	if p, ok := data.(*pageView); ok && p.loc == nil {
		p.loc = a.loc
		if p.Lang == "" {
			p.Lang = bot.NB
		}
	}
	if v, ok := data.(*receiptView); ok && v.loc == nil {
		v.loc = a.loc
	}
	var buf bytes.Buffer
	if err := a.tpl.ExecuteTemplate(&buf, name, data); err != nil {
		a.log.Error("web: render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}
