package console

import (
	"embed"
	"net/http"
	"path"
	"strings"
)

// static holds the console's pages, script and style: plain files, no
// build step, no inline script (the CSP forbids it).
//
//go:embed static
var static embed.FS

// pages maps each page's path to its file.
var pages = map[string]string{
	"/":            "index.html",
	"/logg-inn":    "login.html",
	"/rediger":     "edit.html",
	"/publiser":    "publish.html",
	"/historikk":   "history.html",
	"/behandling":  "moderation.html",
	"/console.js":  "console.js",
	"/console.css": "console.css",
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

func (c *Console) page(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeError(w, http.StatusNotFound, "ukjent adresse i API-et")
		return
	}
	name, ok := pages[r.URL.Path]
	if !ok {
		http.Error(w, "Fant ikke siden.", http.StatusNotFound)
		return
	}
	b, err := static.ReadFile("static/" + name)
	if err != nil {
		http.Error(w, "Fant ikke siden.", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", contentTypes[path.Ext(name)])
	_, _ = w.Write(b)
}
