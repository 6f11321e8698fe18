package console

import (
	"html"
	"io"
	"strconv"
	"strings"
)

// The public pages are written by hand, not with html/template: its
// reflection (reflect.Value.MethodByName) turns off the linker's removal of
// unused methods, which made the console's wasm 5 MB larger and 1 MB larger
// gzipped: over the free plan's 3 MB worker limit. Every text goes through
// esc; attribute values are always quoted.

var esc = html.EscapeString

// writer collects a page; a write to a strings.Builder cannot fail.
type writer struct{ strings.Builder }

func (w *writer) raw(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

// text writes s escaped.
func (w *writer) text(s string) { w.WriteString(esc(s)) }

// elem writes <tag attrs>text</tag> with the text escaped.
func (w *writer) elem(tag, attrs, text string) {
	w.raw("<", tag, attrs, ">", esc(text), "</", tag, ">\n")
}

// attr is ` name="value"`, escaped.
func attr(name, value string) string { return " " + name + `="` + esc(value) + `"` }

// writePage writes a public page: the frame, the notice and errors, then
// the link's or the suggestion's forms.
func writePage(out io.Writer, p publicPage) error {
	var w writer
	w.raw("<!doctype html>\n<html", attr("lang", p.Lang), ">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
	w.elem("title", "", p.Title+" – "+p.T["brand"])
	w.raw("<link rel=\"stylesheet\" href=\"/console.css\">\n</head>\n<body class=\"public\">\n",
		"<a class=\"skip\" href=\"#main\">Hopp til innholdet</a>\n<header>\n")
	w.elem("p", ` class="brand"`, p.T["brand"])
	w.raw(`<nav aria-label="Språk / Mål">`)
	w.elem("a", attr("href", p.OtherURL)+attr("lang", p.OtherLang)+attr("hreflang", p.OtherLang), p.T["other"])
	w.raw("</nav>\n</header>\n<main id=\"main\">\n")
	w.elem("h1", "", p.Title)
	if u := p.T["unreviewed"]; u != "" {
		w.elem("p", ` class="unreviewed"`, u)
	}
	if p.Notice != "" {
		w.elem("p", ` class="notice" role="status"`, p.Notice)
	}
	if p.National != "" {
		w.raw("<p>", esc(p.T["writeUs"]), " ")
		w.elem("a", attr("href", "mailto:"+p.National), p.National)
		w.raw("</p>\n")
	}
	writeErrors(&w, p)
	if p.Open && p.Kind == "link" {
		writeLinkForms(&w, p)
	} else if p.Open {
		writeSuggestForm(&w, p)
	}
	w.raw("</main>\n</body>\n</html>\n")
	_, err := io.WriteString(out, w.String())
	return err
}

func writeErrors(w *writer, p publicPage) {
	if len(p.Errors) == 0 {
		return
	}
	w.raw(`<div class="errors" role="alert">`)
	w.elem("p", ` class="error"`, p.T["fixErrors"])
	w.raw("<ul>")
	for _, e := range p.Errors {
		w.raw("<li>")
		w.elem("a", attr("href", "#f-"+e.Field), e.Label+": "+e.Message)
		w.raw("</li>")
	}
	w.raw("</ul></div>\n")
}

// writeLinkForms writes the record as the card shows it and the three answers.
func writeLinkForms(w *writer, p publicPage) {
	w.elem("p", "", p.T["linkIntro"])
	w.raw(`<dl class="card">`)
	for _, f := range p.Facts {
		w.elem("dt", "", f.Label)
		w.elem("dd", "", f.Value)
	}
	w.raw("</dl>\n")
	section := func(id, heading, help string) {
		w.raw("<section", attr("aria-labelledby", "h-"+id), ">\n")
		w.elem("h2", attr("id", "h-"+id), heading)
		w.raw(`<form method="post"`, attr("action", p.Action), ">\n")
		w.elem("p", "", help)
	}
	button := func(answer, text string) {
		w.elem("button", ` type="submit" name="answer"`+attr("value", answer), text)
		w.raw("</form>\n</section>\n")
	}
	section("confirm", p.T["confirm"], p.T["confirmHelp"])
	button(answerConfirm, p.T["confirm"])
	section("change", p.T["change"], p.T["changeHelp"])
	writeFields(w, p.Fields)
	button(answerChange, p.T["sendChange"])
	section("closed", p.T["closed"], p.T["closedHelp"])
	writeFields(w, []inputField{{Name: "closed-message", Label: p.T["message"], Long: true, Max: messageMax}})
	button(answerClosed, p.T["sendClosed"])
}

// writeSuggestForm writes the suggestion form, with its honeypot and the
// text on what is stored.
func writeSuggestForm(w *writer, p publicPage) {
	w.elem("p", "", p.T["suggestIntro"])
	w.elem("p", "", p.T["noPrivate"])
	w.raw(`<form method="post"`, attr("action", p.Action), ">\n<fieldset>")
	w.elem("legend", "", p.T["suggestAbout"])
	for _, o := range []struct{ value, key string }{{"new", "aboutNew"}, {"fix", "aboutFix"}} {
		checked := ""
		if (o.value == "fix") == (p.About == "fix") {
			checked = " checked"
		}
		w.raw(`<label class="choice"><input type="radio" name="about"`, attr("value", o.value), checked, "> ", esc(p.T[o.key]), "</label>\n")
	}
	w.raw("</fieldset>\n")
	writeFields(w, p.Fields)
	w.raw(`<div class="hp" aria-hidden="true">`)
	w.elem("label", attr("for", "f-"+honeypot), p.T["honeypot"])
	w.raw(`<input id="f-`, honeypot, `" name="`, honeypot, `" tabindex="-1" autocomplete="off"></div>`, "\n")
	w.elem("p", "", p.T["stored"])
	w.elem("button", ` type="submit"`, p.T["send"])
	w.raw("</form>\n")
}

// writeFields writes each field with its label, help and error; the help
// and the error describe the control, and an error marks it invalid.
func writeFields(w *writer, fields []inputField) {
	for _, f := range fields {
		id, name := "f-"+f.Name, f.Name
		if strings.HasSuffix(name, "-message") {
			name = "message"
		}
		w.raw(`<div class="field">`)
		w.elem("label", attr("for", id), f.Label)
		var described []string
		if f.Help != "" {
			w.elem("p", ` class="help"`+attr("id", "h-"+f.Name), f.Help)
			described = append(described, "h-"+f.Name)
		}
		if f.Error != "" {
			w.elem("p", ` class="error"`+attr("id", "e-"+f.Name), f.Error)
			described = append(described, "e-"+f.Name)
		}
		a := attr("id", id) + attr("name", name) + attr("maxlength", strconv.Itoa(f.Max)) + ` autocomplete="off"`
		if f.Required {
			a += " required"
		}
		if f.Error != "" {
			a += ` aria-invalid="true"`
		}
		if len(described) > 0 {
			a += attr("aria-describedby", strings.Join(described, " "))
		}
		if f.Long {
			w.elem("textarea", a+` rows="3"`, f.Value)
		} else {
			w.raw("<input", a, attr("type", f.Type), attr("value", f.Value), ">\n")
		}
		w.raw("</div>\n")
	}
}
