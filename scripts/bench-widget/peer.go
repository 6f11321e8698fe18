package main

// The plain-JavaScript peer (issue 23): <peer-finder>, a custom element a
// JavaScript developer would write with Fuse.js 7 over the same names the
// widget suggests, on the same kind of host page (another origin, one
// element), served the same way (local HTTPS, brotli). bench-widget measures
// it with the same scripts as the widget and prints both side by side.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// fuseBuild is Fuse.js's minified ESM build as npm installs it (make deps:
// widget/package.json's devDependencies; the widget itself does not use it).
const fuseBuild = "widget/node_modules/fuse.js/dist/fuse.min.mjs"

// peerName is one record of the peer's names.json.
type peerName struct {
	Name   string `json:"name"`
	Detail string `json:"detail,omitempty"`
}

// peerNames lists what the widget's suggestions draw from (data/search's
// index: addMunicipalities, addPostalPlaces, addRegions, addDistricts,
// addTopics, and the postcodes it suggests as "5003 Bergen"), read from the
// dataset: each municipality's name and its other official forms, each
// postal place once per municipality, each postcode, each county and region
// with its other names, each district with its other names, each topic's
// name in every language. Not the engine's synonyms, lexicon words,
// exonyms, former municipalities or contact points: a developer building a
// place-and-topic finder from the dataset would not have those.
func peerNames(d *dataset.Dataset) []peerName {
	var out []peerName
	seen := map[peerName]bool{}
	add := func(name, detail string) {
		n := peerName{strings.TrimSpace(name), detail}
		if n.Name == "" || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, n)
	}
	muni := map[string]string{}
	for _, t := range d.Territories {
		muni[t.Number] = t.Name
	}
	county := map[string]string{}
	for _, c := range d.Counties {
		county[c.Number] = c.Name
	}
	for _, m := range d.Municipalities {
		muni[m.Number] = m.Name
		add(m.Name, "kommune i "+county[m.County])
		for _, n := range m.Names {
			add(n.Name, m.Name+" kommune")
		}
	}
	for _, p := range d.Postcodes {
		if p.Place != muni[p.Municipality] {
			add(p.Place, muni[p.Municipality])
		}
	}
	for _, p := range d.Postcodes {
		add(p.Code+" "+p.Place, muni[p.Municipality])
	}
	for _, c := range d.Counties {
		add(c.Name, "fylke")
		for _, n := range c.Names {
			add(n.Name, c.Name+" fylke")
		}
	}
	for _, r := range d.Regions {
		for _, n := range append([]string{r.Name}, r.AltNames...) {
			add(n, "region")
		}
	}
	for _, ds := range d.Districts {
		for _, n := range append([]string{ds.Name}, ds.AltNames...) {
			add(n, muni[ds.Municipality])
		}
	}
	for _, t := range d.Topics {
		add(t.Name, "tema")
		for _, n := range t.Names {
			add(n.Name, "tema")
		}
	}
	return out
}

// peerElement is the peer as a JavaScript developer would write it: Fuse.js
// imported as an ES module, the names fetched on first focus (lazy, as the
// widget loads its engine on first focus: the host page pays nothing until
// someone uses the box), the index built when they arrive, and on each input
// fuse.search(value, {limit: 8}) rendered as a list. A value typed before the
// names are in is searched when they arrive. data-listed/data-answered on
// .f, role=option on each suggestion and the peer-finder:* measures let
// bench-widget use the same scripts as for the widget.
const peerElement = `performance.mark('peer-finder:loader');
import Fuse from './fuse.min.mjs';

const base = new URL('.', import.meta.url);

class PeerFinder extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:block;font:16px system-ui,sans-serif;max-width:32rem}input{width:100%;font:inherit;padding:.5rem}ul{list-style:none;margin:0;padding:0;border:1px solid #ccc}ul:empty{display:none}li{padding:.4rem .5rem}li small{color:#555;margin-left:.5rem}</style>' +
      '<div class="f"><label for="q">Finn selvhjelpsgruppe (sted eller tema)</label><input id="q" type="search" role="combobox" aria-controls="l" aria-expanded="false" autocomplete="off"><ul id="l" role="listbox"></ul></div>';
    this.box = root.querySelector('.f');
    this.input = root.querySelector('input');
    this.list = root.querySelector('ul');
    this.input.addEventListener('focus', () => this.load(), {once: true});
    this.input.addEventListener('input', () => this.search());
  }

  async load() {
    performance.mark('peer-finder:fetch-start');
    const res = await fetch(new URL('names.json', base));
    const names = await res.json();
    performance.measure('peer-finder:fetch', 'peer-finder:fetch-start');
    const t = performance.now();
    this.fuse = new Fuse(names, {keys: ['name']});
    performance.measure('peer-finder:index', {start: t, end: performance.now()});
    if (this.input.value) this.search();
  }

  search() {
    const q = this.input.value;
    if (!this.fuse) return;
    const t = performance.now();
    const hits = q.trim() ? this.fuse.search(q, {limit: 8}) : [];
    if (!this.searched) {
      this.searched = true;
      performance.measure('peer-finder:first-search', {start: t, end: performance.now()});
    }
    this.list.replaceChildren(...hits.map(({item}, i) => {
      const li = document.createElement('li');
      li.id = 'o' + i;
      li.setAttribute('role', 'option');
      li.textContent = item.name;
      if (item.detail) {
        const s = document.createElement('small');
        s.textContent = item.detail;
        li.append(s);
      }
      return li;
    }));
    this.input.setAttribute('aria-expanded', String(hits.length > 0));
    this.box.dataset.listed = q;
    this.box.dataset.answered = q;
  }
}

customElements.define('peer-finder', PeerFinder);
`

// peerServer writes the peer's files (element, Fuse.js, names.json) to a
// temporary folder and returns a handler serving them with brotli and CORS
// (the host page is another origin), as the widget's assets are served.
func peerServer(d *dataset.Dataset) (http.Handler, string, int, func(), error) {
	dir, err := os.MkdirTemp("", "bench-peer-")
	if err != nil {
		return nil, "", 0, nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	fuse, err := os.ReadFile(fuseBuild)
	if err != nil {
		cleanup()
		return nil, "", 0, nil, fmt.Errorf("Fuse.js (run make deps): %w", err)
	}
	names := peerNames(d)
	nb, err := json.Marshal(names)
	if err != nil {
		cleanup()
		return nil, "", 0, nil, err
	}
	for name, b := range map[string][]byte{"fuse.min.mjs": fuse, "names.json": nb, "peer-finder.js": []byte(peerElement)} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			cleanup()
			return nil, "", 0, nil, err
		}
	}
	fs := http.FileServer(http.Dir(dir))
	cors := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fs.ServeHTTP(w, r)
	})
	return brotli(cors, dir), dir, len(names), cleanup, nil
}

// peerFileSizes prints the peer's files as the widget's sizes are printed.
func peerFileSizes(dir string) {
	fmt.Println("peer sizes (Fuse.js 7 <peer-finder>; brotli -q 11)")
	for _, n := range []string{"peer-finder.js", "fuse.min.mjs", "names.json"} {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			continue
		}
		fmt.Printf("  %-16s raw %9s  brotli %9s\n", n, kb(len(b)), kb(brotliSize(b)))
	}
}

// brotliSize is b's size compressed with brotli -q 11 (0 when brotli fails).
func brotliSize(b []byte) int {
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		return 0
	}
	return len(out)
}
