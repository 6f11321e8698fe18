package search

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxQueryRunes bounds a query: anything longer is cut, so no input can make
// a search slow.
const MaxQueryRunes = 1000

// span is a [start, end) range of UTF-16 offsets in an original string.
type span struct{ start, end uint16 }

// CleanQuery bounds and cleans raw input: it keeps at most MaxQueryRunes
// runes, turns invalid UTF-8 and control characters into spaces and trims
// the ends. The result is valid UTF-8.
func CleanQuery(q string) string {
	clean := true
	n := 0
	for i := 0; i < len(q); {
		c := q[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				clean = false
				break
			}
			i++
		} else {
			r, size := utf8.DecodeRuneInString(q[i:])
			if (r == utf8.RuneError && size == 1) || unicode.IsControl(r) {
				clean = false
				break
			}
			i += size
		}
		n++
		if n > MaxQueryRunes {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(q)
	}
	var b strings.Builder
	b.Grow(min(len(q), 4*MaxQueryRunes))
	n = 0
	for i := 0; i < len(q) && n < MaxQueryRunes; n++ {
		r, size := utf8.DecodeRuneInString(q[i:])
		i += size
		if (r == utf8.RuneError && size == 1) || unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// Syllabic reports whether r writes a syllable or a word by itself: a
// Chinese character, kana or a Hangul syllable.
func Syllabic(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || // CJK ideographs
		r >= 0x3040 && r <= 0x30FF || // Hiragana, Katakana
		r >= 0xAC00 && r <= 0xD7A3 // Hangul syllables
}

// unspaced reports whether r is a letter of a script written without spaces
// between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese) or in
// syllables that take their endings without a space (Korean).
func unspaced(r rune) bool {
	return Syllabic(r) ||
		r >= 0x0E00 && r <= 0x0EFF || // Thai, Lao
		r >= 0x1000 && r <= 0x109F || // Myanmar
		r >= 0x1780 && r <= 0x17FF // Khmer
}

// marksOf is the set of letters marked in s (an accent, a caron, a
// cedilla, a Norwegian letter: what foldLetter reduces, or a combining
// mark after a letter), one bit per letter they fold to. A word typed with
// a mark its name lacks is another word ("täna" is Estonian for today, not
// Tana; "à" is French, no name). ö is ø's mark and ä æ's (both fold to the
// letter ø and æ do), as Swedes and Germans write Norwegian names
// ("Tromsö", "Träna").
func marksOf(s string) uint32 {
	var m uint32
	var prev rune
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			m |= markOn(prev)
			continue
		}
		if b := foldLetter(unicode.ToLower(r)); b != 0 {
			m |= markOn(rune(b))
		}
		prev = r
	}
	return m
}

// typedMark is the mark the letter r adds to a word typed with it: none
// for the letters of Norwegian and Sami (æ, ø, å, á, č, đ, ŋ, š, ŧ, ž),
// which people type for one another and where a name has none
// ("steinkjær", "Porsáŋgu"); ä is æ's mark (e), ö ø's (o).
func typedMark(r rune) uint32 {
	r = unicode.ToLower(r)
	switch r {
	case 'æ', 'ø', 'å', 'á', 'č', 'đ', 'ŋ', 'š', 'ŧ', 'ž':
		return 0
	case 'ä':
		return markOn('e')
	}
	if b := foldLetter(r); b != 0 {
		return markOn(rune(b))
	}
	return 0
}

// markOn is the bit of the ASCII letter r in a marks set (0 for any other).
func markOn(r rune) uint32 {
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	if r < 'a' || r > 'z' {
		return 0
	}
	return 1 << (r - 'a')
}

// foldLetter reduces a lower-case letter to plain ASCII where Norwegian,
// Sami and Kven spelling allows it: what people type when they have no
// such key. 0 means the rune has no ASCII form.
func foldLetter(r rune) byte {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return 'a'
	case 'æ', 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e'
	case 'ç', 'ć', 'č':
		return 'c'
	case 'đ', 'ð', 'ď':
		return 'd'
	case 'ǥ', 'ǧ', 'ğ':
		return 'g'
	case 'ì', 'í', 'î', 'ï', 'ī', 'ı':
		return 'i'
	case 'ǩ':
		return 'k'
	case 'ł', 'ľ':
		return 'l'
	case 'ŋ', 'ñ', 'ń', 'ň':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return 'o'
	case 'ŕ', 'ř':
		return 'r'
	case 'š', 'ś', 'ş':
		return 's'
	case 'ŧ', 'ť', 'ţ':
		return 't'
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ž', 'ź', 'ż', 'ʒ', 'ǯ':
		return 'z'
	}
	return 0
}

// digraph returns what the pair a, b folds to: the ASCII spellings of å, æ
// and ø ("aa", "ae", "oe") become the single letter their fold gives.
func digraph(a, b byte) byte {
	switch {
	case a == 'a' && b == 'a':
		return 'a'
	case a == 'a' && b == 'e':
		return 'e'
	case a == 'o' && b == 'e':
		return 'o'
	}
	return 0
}

// appendFold appends the folded form of s to dst: lower case, accents and
// Norwegian and Sami letters reduced to ASCII (ø→o, æ→e, å→a, á→a, č→c,
// đ→d, ŋ→n, š→s, ŧ→t, ž→z), the typed digraphs aa, ae, oe reduced the same
// way, combining marks dropped, and every run of other characters (spaces,
// hyphens, punctuation) made one space, never at the ends. Digits stay; a
// change between digits and letters is a word break ("5003bergen").
// When src is not nil it gets, for each byte appended, the UTF-16 span of s
// the byte came from; the two slices stay the same length.
func appendFold(dst []byte, src []span, s string, withSrc bool) ([]byte, []span) {
	start := len(dst)
	var u16 int // UTF-16 offset of the current rune in s
	pendingSpace := false
	var spaceAt span
	lastClass := 0 // 1 letter, 2 digit
	for _, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		} else if r == utf8.RuneError {
			w = utf16.RuneLen(r)
		}
		sp := span{uint16(min(u16, 0xffff)), uint16(min(u16+w, 0xffff))}
		u16 += w
		var c byte
		var multi string
		class := 0
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'a' && r <= 'z':
				c, class = byte(r), 1
			case r >= 'A' && r <= 'Z':
				c, class = byte(r)+'a'-'A', 1
			case r >= '0' && r <= '9':
				c, class = byte(r), 2
			}
		case unicode.Is(unicode.Mn, r):
			// A combining accent typed apart from its letter: extend the letter.
			if withSrc && len(dst) > start && !pendingSpace {
				src[len(src)-1].end = sp.end
			}
			continue
		default:
			lr := unicode.ToLower(r)
			if f := foldLetter(lr); f != 0 {
				c, class = f, 1
			} else if lr == 'ß' {
				multi, class = "ss", 1
			} else if unicode.IsLetter(lr) {
				multi, class = string(lr), 1
			} else if unicode.IsDigit(lr) {
				multi, class = string(lr), 2
			} else if indicSign(lr) {
				multi, class = string(lr), 1
			}
		}
		if class == 0 {
			if len(dst) > start && !pendingSpace {
				pendingSpace = true
				spaceAt = sp
			}
			continue
		}
		if len(dst) > start && !pendingSpace && class != lastClass {
			pendingSpace = true
			spaceAt = span{sp.start, sp.start}
		}
		if pendingSpace {
			dst = append(dst, ' ')
			if withSrc {
				src = append(src, spaceAt)
			}
			pendingSpace = false
		}
		lastClass = class
		if multi != "" {
			for i := 0; i < len(multi); i++ {
				dst = append(dst, multi[i])
				if withSrc {
					src = append(src, sp)
				}
			}
			continue
		}
		if n := len(dst); n > start && dst[n-1] != ' ' {
			if d := digraph(dst[n-1], c); d != 0 {
				dst[n-1] = d
				if withSrc {
					src[len(src)-1].end = sp.end
				}
				// The merged letter may pair with the one before ("oae"):
				// merge until no pair is left, so folding twice changes
				// nothing.
				for n = len(dst); n-2 >= start && dst[n-2] != ' '; n = len(dst) {
					d2 := digraph(dst[n-2], dst[n-1])
					if d2 == 0 {
						break
					}
					dst[n-2] = d2
					dst = dst[:n-1]
					if withSrc {
						src[len(src)-2].end = src[len(src)-1].end
						src = src[:len(src)-1]
					}
				}
				continue
			}
		}
		dst = append(dst, c)
		if withSrc {
			src = append(src, sp)
		}
	}
	return dst, src
}

// Normalize returns the folded form of s that the engine compares: see
// appendFold. "Sør-Varanger", "sor varanger" and "soer  varanger" all give
// "sor varanger".
func Normalize(s string) string {
	b, _ := appendFold(nil, nil, CleanQuery(s), false)
	return string(b)
}

// letterMask has one bit per ASCII letter and one for digits: a cheap test
// that a word could be within k edits of another.
func letterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << 26
		case c >= 0x80:
			m |= 1 << 27
		}
	}
	return m
}

// indicSign reports whether r is a sign of the scripts of India (Devanagari
// to Sinhala) that takes a place of its own, a vowel sign mostly (Unicode
// Mc): it belongs to its word, so «जीना» (to live) is not «जाना» (to go)
// and «चाहता» is one word. A range, not unicode.Mc: the module carries no
// table for it. The dandas (। ॥) and the abbreviation signs end a word.
func indicSign(r rune) bool {
	switch r {
	case 0x0964, 0x0965, 0x0970, 0x0AF0, 0x0DF4:
		return false
	}
	return r >= 0x0900 && r <= 0x0DFF
}
