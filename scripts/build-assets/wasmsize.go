package main

import (
	"errors"
	"sort"
	"strings"
)

// moduleBudget is the most the browser module may weigh, brotli -q 11: the
// build fails above it. The project's budget is 600,000 B; issue 17's reading
// stages (token filters ~5 KB, the lexicon's decoding and building ~3 KB)
// put the module at 608,190 B on 2026-12-05, so the gate stands at 610,000
// until the bytes are won back (open work, noted on issue 17): a budget
// that only rises is no budget. Issue 20's practical facts and kinds (twelve
// fields, each in the generated bundle decoder and contract encoder) put it
// at 611,733 B on 2026-12-05: the gate stands at 612,000 and the 3.5 KB are
// open work on issue 20 (a generic decoder for flat string fields would win
// them back). Issue 19's bounded work per query (a lookup memo, per-entry
// suggestion order, length-sorted typo buckets: +14 KB) and the crisis rules
// (+2.5 KB) put it at 625,873 B on 2026-12-05: the gate stands at 628,000
// and the 26 KB over the project's budget are open work (noted on issues 17
// and 19): the memo's map with a struct key and the new generic instances
// are the first places to look. Sorting with sort.Slice(Stable) instead of
// seven generic slices.Sort(Stable)Func instances (code the module already
// carries, same orders: each comparison is total or the sort stable) put
// it at 617,403 B on 2026-12-06. The third session's reading rules (crisis
// rule categories, counts as excess, verb-second phrases, clauses, dates
// and references, the clause's subject: +1.7 KB) put it at 619,133 B: the
// gate stands at 620,000, 8 KB below where the session found it. Tried and
// not kept: a table-driven bundle decoder (interface places: -1.2 KB of
// code, +39 KB of type data, 43 B less brotli) and a hand-written distance
// formatter (the runtime links float formatting anyway).
// The fifth session's bounded work (+0.8 KB) and reading classes (+0.7 KB)
// took it to 620,085 B; the module then dropped strings.Replace,
// strings.ToLower/Map (foldKey drops spaces itself, preset compares with
// EqualFold), strings.Split and strings.Fields (splitOn), and two of its
// three sorts (every sort is sort.SliceStable): 610,713 B on 2026-12-06,
// and the gate stands at 612,000. A free list instead of sync.Pool under
// GOOS=js (data/search/pool_js.go: −5.5 KB) and no inlining in syscall/js
// (−0.8 KB) put it at 603,936 B; the session's last reading classes (a
// prefix role, cues marked one by one) at 604,286 B. The generated decoders
// and encoders then wrote their lists out instead of calling a generic
// list[T]/appendList[T] (an instance per record type brought that type's
// shape and its equality function): 601,601 B. Postcodes said as numbers
// («fem tusen og tre», dictation: +1.2 KB) and one cue reader instead of
// two (−0.3 KB) put it at 602,511 B; a crisis cue's word known as a word,
// no misspelling of a topic's name (a token flag: +0.9 KB), at 603,443 B.
// gen-schema then wrote one list decoder and encoder per record type
// instead of the same loop at every list field: 600,145 B. The gate stands
// at 601,000, and the last 145 B to the project's budget are open work
// (the generated type..eq functions of the dataset's record types are
// about 6 KB raw).
// The module's data segments were then packed (wasmdata.go: Go's linker
// writes one segment per run of non-zero bytes, about 32,700 of them, whose
// headers compress worst and moved the size by up to 4 KB for 50 bytes of
// code): with issue 18's card line and issue 17's violence rule, 604,586 →
// 566,604 B on 2026-12-07, and the gate stood at 570,000. The crisis signal
// (data/search/signal: 65,588 bytes of weights in 7 steps, about 15 KB
// compressed, and its reader) took it to 584,569 B on the same day, and the
// reading classes and the signal trained on sets k and l after it to
// 594,183 B; the gate stands at 598,000, 2 KB below the 600,000 of issue 17.
// Each retraining on more sets makes more of the signal's weights non-zero
// and its table compress worse (+2.5 KB for set l): before the next set, the
// weights should leave the module (a file fetched beside the dataset core)
// or the table shrink. Zeroing the smallest step saved 7 KB but lost 33 and
// 32 of j's and k's people in crisis; a table of 2^15 buckets saves 6 KB and
// lost 12 and 20 of h's and i's. Signed hashing, only learning features of
// two or more messages, and FTRL's L1 sparsity were tried on the sets held
// out by date (2026-12-07): each saved 1-8 KB and lost people in crisis or
// raised false alarms on set m. So the weights left the module: the browser
// module is built with the tag browser, without them, and the engine fetches
// crisis-signal.<hash>.bin (16.7 KB brotli) right after ready, pinned like
// the postcodes: 593,304 → 576,384 B, and the signal may grow with its
// training without weighing on the module. The session's reading classes
// (a slip of a name in a sentence, whose home, someone close's problem in
// any topic, crisis words long past, split topic names, suspended compound
// parts, the language of a sentence told once) put it at 580,607 B, and a
// word after an article (a new lexicon role) at 581,873 B: the gate stood
// at 584,000. The next session's signals file (a bundle of named models:
// the crisis signal and one per topic, their reader sharing one pass of
// hashes; weights still outside the module), the scripts a message may be
// written in, and the namesake nearest a place after «ved» put it at
// 586,257 B: the gate stood at 588,000. The session after (2026-12-07,
// issues 17 and 18) read a place's name under another language's case
// ending, a name inside a run of a script written without spaces, the marks
// a name lacks, whose home after a word that names none, a crisis turned on
// another by a reflexive, numbers in phrases of long ago and undoing words
// after a stop word: 591,618 B (strings.ToLower and slices.Insert, 1.7 KB,
// written out instead); negation, help sought for someone close, the
// genitive, reflexives and everyday uses of a means: 592,793 B (a map of
// negated words, 1 KB, made a slice). The eleventh session (2026-12-07)
// read whose place by rank (someone else's home below a place told with no
// cue), whither and whence, the dialect "e" and the English "I", hyphened
// compounds, the vowel signs of the scripts of India, topic words inside
// unspaced scripts and a death word with no subject: 594,304 B. The
// twelfth read someone close before a place preposition, arrows, commutes
// and work nouns, places of several words, codes glued to digits, kin in
// search words and crisis words inside unspaced scripts: 596,706 B; with
// its later classes (living with someone, cues through cues, arrows, a
// means in small letters, crisis undo words on cues, the last word as a
// place): 598,402 B. The gate stood at 599,000. The thirteenth session
// (laughter with a threat, help wanted where someone else lives, a place
// among search words, undo words past articles and cues, an ending after an
// apostrophe, a writer who capitalises, an age's clause) took it to
// 599,347 B after its code was made smaller (−1.2 KB: one searchWords for
// three rules, the jest rule read per message). Tried and not kept: making
// token, qspan, postcode and muni not comparable (no equality functions:
// −4 KB raw, +142 B brotli). The module's brotli size moves by up to 700 B
// when a comment gains or loses a line in data/search, the same code
// otherwise: the line tables shift (599,249 and 599,862 B for one body of
// code). A class that seems to cost 600 B may cost 100. The session ended
// at 598,671 B after one block came to serve two rules. The fourteenth
// session measured the swing at up to 2 KB for one body of code (an unused
// struct field removed: 598,982 → 599,799 B; one loop written two ways:
// 599,852 and 601,851 B), so a margin of 0.5 KB below the budget gated
// nothing but chance: the gate is the project's budget, 600,000 B. Its
// classes (another language's cases, a loss named in one language) left
// the module at 599,799 B; the index they shrank by 623 entries. The
// fifteenth session's generated decoders decode into a field's address
// (d.strTo(&v.Name), one call, no assignment of two results at each field:
// −14 KB raw) and its encoders write a string field's key and value in one
// call: 599,745 → 598,196 B on 2026-12-08.
const moduleBudget = 600_000

// loaderBudget is the most widget.js (the element: loader, UI and styles,
// what every partner page downloads even if nobody searches) may weigh,
// brotli -q 11: the build fails above it. It was 17.1 KB on 2026-11-24.
const loaderBudget = 20_000

// moduleGCFlags turns off inlining in this project's own packages when the
// browser module is built: 10.7 KB less brotli (604.7 → 594.0 KB on
// 2026-11-23), and no measurable change in native search or index-build
// times (BenchmarkSearch, BenchmarkNew, -count 4). Inlining in the standard
// library and the runtime stays on: turning it off everywhere saves 41 KB
// but costs 20–40 % search time. syscall/js is the exception (0.8 KB less,
// 2026-12-06): its calls cross into JavaScript, which costs far more than
// a call. Elsewhere it was tried package by package and grows the module
// (sort, strings, strconv, unicode, math, fuzzy) or saves too little on a
// hot path (unicode/utf8: 0.3 KB).
var moduleGCFlags = []string{"github.com/selvhjelp/finder/...=-l", "syscall/js=-l"}

// pkgSize is the code of one Go package in the module.
type pkgSize struct {
	Pkg   string
	Bytes int
}

// wasmSizes reads a WebAssembly module with its name section (built without
// -s) and returns the size of the function bodies per Go package, largest
// first, plus the data segments (strings, tables, type data) as "(data)".
// `go tool nm` does not read wasm, so this reads the sections itself.
func wasmSizes(b []byte) ([]pkgSize, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a wasm module")
	}
	r := &wreader{b: b, i: 8}
	var imported int
	var bodies []int
	names := map[int]string{}
	data := 0
	for r.i < len(b) {
		id := b[r.i]
		r.i++
		n := int(r.uleb())
		end := r.i + n
		if end > len(b) || n < 0 {
			return nil, errors.New("truncated section")
		}
		s := &wreader{b: b[:end], i: r.i}
		switch id {
		case 2: // imports: functions among them take the first indexes
			for c := s.uleb(); c > 0; c-- {
				s.name()
				s.name()
				kind := s.byte()
				switch kind {
				case 0:
					s.uleb()
					imported++
				case 1:
					s.byte()
					s.limits()
				case 2:
					s.limits()
				case 3:
					s.byte()
					s.byte()
				}
			}
		case 10: // code
			for c := s.uleb(); c > 0; c-- {
				sz := int(s.uleb())
				bodies = append(bodies, sz)
				s.i += sz
			}
		case 11:
			data += n
		case 0:
			if s.name() == "name" {
				for s.i < end {
					sub := s.byte()
					sn := int(s.uleb())
					subEnd := s.i + sn
					if sub == 1 {
						for c := s.uleb(); c > 0; c-- {
							idx := int(s.uleb())
							names[idx] = s.name()
						}
					}
					s.i = subEnd
				}
			}
		}
		if s.err != nil {
			return nil, s.err
		}
		r.i = end
	}
	if len(names) == 0 {
		return nil, errors.New("no name section (built with -s?)")
	}
	per := map[string]int{}
	for i, sz := range bodies {
		per[goPackage(names[imported+i])] += sz
	}
	per["(data)"] += data
	out := make([]pkgSize, 0, len(per))
	for p, n := range per {
		out = append(out, pkgSize{p, n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Bytes > out[j].Bytes || out[i].Bytes == out[j].Bytes && out[i].Pkg < out[j].Pkg
	})
	return out, nil
}

// goPackage is the package of a function in the name section, where Go
// writes "/" as "_": "github.com_a_b.__T_.M" -> "github.com/a/b",
// "internal_abi.Kind.String" -> "internal/abi".
func goPackage(sym string) string {
	if sym == "" {
		return "(unnamed)"
	}
	from := 0
	for _, tld := range []string{".com_", ".org_", ".in_", ".io_", ".net_", ".dev_"} {
		if i := strings.Index(sym, tld); i > 0 && !strings.Contains(sym[:i], ".") {
			from = i + len(tld) // a host name: its dot is not the package's end
			break
		}
	}
	if dot := strings.IndexByte(sym[from:], '.'); dot >= 0 {
		sym = sym[:from+dot]
	}
	return strings.ReplaceAll(sym, "_", "/")
}

type wreader struct {
	b   []byte
	i   int
	err error
}

func (r *wreader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("truncated module")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *wreader) uleb() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c < 0x80 || r.err != nil {
			return v
		}
	}
	return v
}

func (r *wreader) name() string {
	n := int(r.uleb())
	if n < 0 || r.i+n > len(r.b) {
		r.err = errors.New("truncated name")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *wreader) limits() {
	if r.byte()&1 == 1 {
		r.uleb()
	}
	r.uleb()
}
