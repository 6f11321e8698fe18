// Native only: the same engine runs the realistic set under js/wasm too
// (wasm/test.sh), and decoding a 1.3-million-word dictionary there would only
// repeat, slowly, what the native run (make test-native) already asserts.

//go:build !(js && wasm)

package search_test

// TestWordListNeverAPlace puts thousands of ordinary Bokmål words from a
// dictionary (the npm package @cspell/dict-nb-no, a test-only dependency of
// widget/) into sentence positions where the word is finished and followed by
// more words, and asserts that no sentence resolves a place: none is named.

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

const (
	// wordListEnv names the cspell trie file to read instead of the default.
	wordListEnv = "FINDER_WORDLIST"
	// wordListDefault is where `make deps` (cd widget && npm ci) puts it,
	// relative to this package's directory.
	wordListDefault = "../../widget/node_modules/@cspell/dict-nb-no/nb.trie.gz"
	// wordSampleEnv overrides the number of words sampled; 0 means all.
	wordSampleEnv = "FINDER_WORDLIST_SAMPLE"
	// wordSample words are drawn with a fixed seed, so every run checks the
	// same words.
	wordSample = 5000
	wordSeed   = 20241123
)

// wordTemplates put the word where it is finished and followed by more words.
// None names a place. Each ends in a whole topic word that begins no place
// name, so what is judged is the word, not a last word still being typed
// ("min mor er syk" → Sykkylven is a trap of the realistic set instead).
var wordTemplates = []string{
	"jeg %s angst",
	"%s og sorg",
	"min %s har kreft",
}

// wordListRequiredEnv, when set, turns a missing word list into a failure.
const wordListRequiredEnv = "FINDER_REQUIRE_WORDLIST"

func TestWordListNeverAPlace(t *testing.T) {
	path := os.Getenv(wordListEnv)
	if path == "" {
		path = wordListDefault
	}
	words, err := readCSpellTrie(path)
	if errors.Is(err, fs.ErrNotExist) {
		// `make test` (and so CI) sets wordListRequiredEnv after `make deps`:
		// there a missing list fails. A bare `go test ./...` on a fresh clone,
		// before any npm install, skips with the command that enables it.
		if os.Getenv(wordListRequiredEnv) != "" {
			t.Fatalf("word list %s is missing: run `make deps` (or: cd widget && npm ci), or set %s", path, wordListEnv)
		}
		t.Skipf("word list %s is missing: run `make deps` (cd widget && npm ci) to run this test; `make test` requires it", path)
	}
	require.NoError(t, err, "reading %s", path)
	require.Greater(t, len(words), 100000, "the Bokmål dictionary should hold well over 100,000 words")

	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	places := placeNameSet(d)

	var ordinary []string
	for _, w := range words {
		if ordinaryWord(w) && !isPlaceName(places, w) {
			ordinary = append(ordinary, w)
		}
	}
	sort.Strings(ordinary)
	ordinary = dedupe(ordinary)

	n := wordSample
	if s := os.Getenv(wordSampleEnv); s != "" {
		n, err = strconv.Atoi(s)
		require.NoError(t, err, "%s=%q", wordSampleEnv, s)
	}
	sample := ordinary
	if n > 0 && n < len(ordinary) {
		r := rand.New(rand.NewPCG(wordSeed, wordSeed))
		perm := r.Perm(len(ordinary))[:n]
		sort.Ints(perm)
		sample = make([]string, n)
		for i, j := range perm {
			sample[i] = ordinary[j]
		}
	}

	e := newEngine(t)

	// The templates alone must not read a place, or every word would fail;
	// a sentence that reads the same place as its bare template is counted
	// apart, so the list below shows what the words themselves do.
	bare := make([]string, len(wordTemplates))
	for i, tmpl := range wordTemplates {
		q := strings.Join(strings.Fields(fmt.Sprintf(tmpl, "")), " ")
		got := readResponse(t, e.Search(q, search.Options{}))
		bare[i] = got.place
		assert.Empty(t, got.place, "template %q alone reads %s", q, got)
	}

	type failure struct{ query, got string }
	var byWord, byTemplate []failure
	perTemplate := make([]int, len(wordTemplates))
	failedWords := map[string]bool{}
	panics := 0
	for _, w := range sample {
		for i, tmpl := range wordTemplates {
			q := fmt.Sprintf(tmpl, w)
			got, err := searchSafely(t, e, q)
			if err != nil {
				panics++
				if panics <= 10 {
					t.Error(err)
				}
				continue
			}
			if got.place == "" {
				continue
			}
			f := failure{q, got.String()}
			if got.place == bare[i] {
				byTemplate = append(byTemplate, f)
			} else {
				byWord = append(byWord, f)
				failedWords[w] = true
			}
			perTemplate[i]++
		}
	}
	failures := append(byWord, byTemplate...)
	t.Logf("dictionary: %d words, %d ordinary (lower case, 2-12 letters, not a place name nor its genitive); checked %d words in %d sentences",
		len(words), len(ordinary), len(sample), len(sample)*len(wordTemplates))
	t.Logf("%d sentences read a place: %d because of the word (%d words), %d the same place as their bare template",
		len(failures), len(byWord), len(failedWords), len(byTemplate))
	if panics > 0 {
		t.Errorf("the engine panicked on %d sentences", panics)
	}
	for i, tmpl := range wordTemplates {
		t.Logf("  template %q: %d of %d sentences read a place", tmpl, perTemplate[i], len(sample))
	}
	for i, f := range failures {
		if i == 30 {
			t.Logf("  … and %d more", len(failures)-30)
			break
		}
		t.Logf("  %q → %s", f.query, f.got)
	}
	assert.Empty(t, failures, "ordinary words must never resolve a place")
}

// ordinaryWord: lower case letters only, 2 to 12 of them.
func ordinaryWord(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 12 {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) || !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, w := range s {
		if i == 0 || w != s[i-1] {
			out = append(out, w)
		}
	}
	return out
}

// isPlaceName: the word is a place name, or one in the genitive
// ("innlandets", "bergens").
func isPlaceName(places map[string]bool, w string) bool {
	f := foldName(w)
	if places[f] {
		return true
	}
	g, ok := strings.CutSuffix(f, "s")
	return ok && places[g]
}

// foldName lower-cases and folds æ→e, ø→o, å→a (and a few accents), so a
// word and a place name compare as people type them.
func foldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("æ", "e", "ø", "o", "å", "a", "é", "e", "è", "e", "ü", "u", "ä", "a", "ö", "o", "á", "a", "š", "s", "č", "c", "ŋ", "n", "đ", "d", "ŧ", "t", "ž", "z").Replace(s)
}

// placeNameSet holds, folded, every name of a place in the dataset: the
// municipalities (every official form), counties, former municipalities
// (with and without their county in brackets), postal places, regions and
// districts.
func placeNameSet(d *dataset.Dataset) map[string]bool {
	set := map[string]bool{}
	add := func(names ...string) {
		for _, n := range names {
			set[foldName(n)] = true
			if i := strings.Index(n, " ("); i > 0 {
				set[foldName(n[:i])] = true
			}
		}
	}
	for _, m := range d.Municipalities {
		add(m.Name, m.OfficialName)
		for _, n := range m.Names {
			add(n.Name)
		}
	}
	for _, c := range d.Counties {
		add(c.Name)
		for _, n := range c.Names {
			add(n.Name)
		}
	}
	for _, f := range d.FormerMunicipalities {
		add(f.Name)
	}
	for _, p := range d.Postcodes {
		add(p.Place)
	}
	for _, r := range d.Regions {
		add(r.Name)
		add(r.AltNames...)
	}
	for _, di := range d.Districts {
		add(di.Name)
		add(di.AltNames...)
	}
	for _, t := range d.Territories {
		add(t.Name)
	}
	return set
}

// readCSpellTrie reads a cspell dictionary in its TrieXv3 format (optionally
// gzipped) and returns every word in it.
//
// The format (cspell-trie-lib, importExportV3): a header up to a line
// "__DATA__", then a stream that walks the trie depth first. A character
// descends into a new child; "$" marks the node as the end of a word and
// steps back one; "<" steps back one; a digit n after "$" or "<" steps back
// n-1 more; "#ref;" (in the header's base) replaces the node just entered by
// an earlier node, numbered in the order nodes first got a child; "\" escapes
// the next character; line breaks are ignored.
func readCSpellTrie(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		r = gz
	}
	root, err := parseTrieV3(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var words []string
	var walk func(n *trieNode, prefix []rune)
	walk = func(n *trieNode, prefix []rune) {
		if n.end {
			words = append(words, string(prefix))
		}
		for _, c := range n.kids {
			walk(c.node, append(prefix, c.r))
		}
	}
	walk(root, nil)
	return words, nil
}

type trieNode struct {
	end  bool
	kids []trieEdge
}

type trieEdge struct {
	r    rune
	node *trieNode
}

func parseTrieV3(r *bufio.Reader) (*trieNode, error) {
	base := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("no __DATA__ line: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "__DATA__" {
			break
		}
		if b, ok := strings.CutPrefix(line, "base="); ok {
			if base, err = strconv.Atoi(b); err != nil {
				return nil, fmt.Errorf("header %q: %w", line, err)
			}
		}
	}
	if base < 2 || base > 36 {
		return nil, fmt.Errorf("no usable base= line in the header")
	}

	root := &trieNode{}
	numbered := []*trieNode{} // nodes in the order they first got a child
	hasNumber := map[*trieNode]bool{}
	stack := []*trieNode{root}
	back := func(n int) error {
		if n >= len(stack) {
			return fmt.Errorf("stepping back %d from depth %d", n, len(stack)-1)
		}
		stack = stack[:len(stack)-n]
		return nil
	}
	afterBack := false // a digit now is a count of steps back
	for {
		c, _, err := r.ReadRune()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch {
		case c == '\n' || c == '\r':
			continue
		case afterBack && c >= '2' && c <= '9':
			if err := back(int(c-'0') - 1); err != nil {
				return nil, err
			}
			continue
		case c == '$':
			stack[len(stack)-1].end = true
			if err := back(1); err != nil {
				return nil, err
			}
			afterBack = true
			continue
		case c == '<':
			if err := back(1); err != nil {
				return nil, err
			}
			afterBack = true
			continue
		}
		afterBack = false
		switch c {
		case '#':
			ref, err := r.ReadString(';')
			if err != nil {
				return nil, fmt.Errorf("unterminated reference: %w", err)
			}
			i, err := strconv.ParseInt(strings.TrimSuffix(ref, ";"), base, 64)
			if err != nil || i < 0 || int(i) >= len(numbered) {
				return nil, fmt.Errorf("bad reference #%s", ref)
			}
			if len(stack) < 2 {
				return nil, errors.New("reference at the root")
			}
			parent := stack[len(stack)-2]
			parent.kids[len(parent.kids)-1].node = numbered[i]
			stack[len(stack)-1] = numbered[i]
		default:
			if c == '\\' {
				if c, _, err = r.ReadRune(); err != nil {
					return nil, err
				}
			}
			cur := stack[len(stack)-1]
			if !hasNumber[cur] {
				hasNumber[cur] = true
				numbered = append(numbered, cur)
			}
			n := &trieNode{}
			cur.kids = append(cur.kids, trieEdge{c, n})
			stack = append(stack, n)
		}
	}
	return root, nil
}

// The decoder on streams as cspell-trie-lib's serializer writes them: "$"
// comes after a node's children, and "#n;" reuses node n.
func TestParseTrieV3(t *testing.T) {
	words := func(t *testing.T, data string) []string {
		t.Helper()
		src := "#!/usr/bin/env cspell-trie reader\nTrieXv3\nbase=10\n# comment\n__DATA__\n" + data + "\n"
		root, err := parseTrieV3(bufio.NewReader(strings.NewReader(src)))
		require.NoError(t, err)
		var out []string
		var walk func(n *trieNode, prefix string)
		walk = func(n *trieNode, prefix string) {
			if n.end {
				out = append(out, prefix)
			}
			for _, c := range n.kids {
				walk(c.node, prefix+string(c.r))
			}
		}
		walk(root, "")
		sort.Strings(out)
		return out
	}
	assert.Equal(t, []string{"joust", "jouster", "jousting", "joy", "joyful", "joyfuller", "joyfullest"},
		words(t, "jouster$2ing$3$3yfuller$st$4$3$3"))
	assert.Equal(t, []string{"ab", "cb"}, words(t, "ab$2c#1;<"))
	assert.Equal(t, []string{"a+", "a1"}, words(t, "a\\+$\\1$2"))
}
