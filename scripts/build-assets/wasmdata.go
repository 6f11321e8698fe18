package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Go's linker writes the module's data as one active data segment per run
// of non-zero bytes: the zeros between them are left out, since memory
// starts zeroed. For this module that is about 32,700 segments, each with
// its own header (an absolute address and a length, as LEB128 numbers), and
// those headers are the part of the data section that compresses worst:
// brotli can do nothing with a rising series of addresses, and a change of a
// few bytes anywhere before them moves every address after, which moved the
// module's brotli size by up to 4 KB for 50 bytes of code. packDataSegments
// joins segments that only a short run of zeros separates, writing those
// zeros out: the memory the module starts with is byte for byte the same
// (checked by sameMemory at every build), the file is larger (about 340 KB
// more zeros), and brotli is about 38 KB smaller (2026-12-07: 604,586 →
// 566,604 B). No maintained Go package rewrites a module's data section,
// and Binaryen's wasm-opt (npm) made the module larger under brotli
// (605,638 B with -Oz): hence this, about a hundred lines.

// maxZeroRun is the longest run of zeros written out to join two segments
// (the gain stops growing above it: 64 gives 15 segments, 4,096 gives 4).
const maxZeroRun = 4096

// Section and segment encodings (WebAssembly core spec, binary format).
const (
	sectionData      = 11
	sectionDataCount = 12
	segmentActive0   = 0    // an active segment of memory 0 with an offset expression
	opI32Const       = 0x41 // the offset expression: i32.const n end
	opEnd            = 0x0b
)

var wasmHeader = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

// dataSegment is one active segment: where in memory, and its bytes.
type dataSegment struct {
	offset int64
	data   []byte
}

// packDataSegments returns the module with its data segments joined across
// runs of at most maxRun zeros.
func packDataSegments(module []byte, maxRun int) ([]byte, error) {
	sections, err := wasmSections(module)
	if err != nil {
		return nil, err
	}
	out := append([]byte(nil), wasmHeader...)
	for _, s := range sections {
		body := s.body
		if s.id == sectionData {
			segs, err := dataSegments(body)
			if err != nil {
				return nil, err
			}
			body = encodeSegments(joinSegments(segs, maxRun))
		}
		if s.id == sectionDataCount {
			return nil, errors.New("wasm: a data count section: packing would have to rewrite it (Go's linker writes none)")
		}
		out = append(out, s.id)
		out = appendULEB(out, uint64(len(body)))
		out = append(out, body...)
	}
	return out, nil
}

// packedModule is the module with its data segments packed, checked to
// start with the same memory.
func packedModule(module []byte) ([]byte, error) {
	packed, err := packDataSegments(module, maxZeroRun)
	if err != nil {
		return nil, fmt.Errorf("pack the module's data: %w", err)
	}
	if err := sameMemory(module, packed); err != nil {
		return nil, err
	}
	return packed, nil
}

type wasmSection struct {
	id   byte
	body []byte
}

func wasmSections(b []byte) ([]wasmSection, error) {
	if !bytes.HasPrefix(b, wasmHeader) {
		return nil, errors.New("wasm: not a WebAssembly 1 module")
	}
	var out []wasmSection
	for i := len(wasmHeader); i < len(b); {
		id := b[i]
		n, next, err := readULEB(b, i+1)
		if err != nil || next+int(n) > len(b) {
			return nil, fmt.Errorf("wasm: section %d at byte %d: length past the end", id, i)
		}
		out = append(out, wasmSection{id, b[next : next+int(n)]})
		i = next + int(n)
	}
	return out, nil
}

func dataSegments(b []byte) ([]dataSegment, error) {
	n, i, err := readULEB(b, 0)
	if err != nil {
		return nil, fmt.Errorf("wasm: data section: count: %w", err)
	}
	segs := make([]dataSegment, 0, n)
	for k := 0; k < int(n); k++ {
		bad := func(what string) error { return fmt.Errorf("wasm: data segment %d at byte %d: %s", k, i, what) }
		if i+2 > len(b) || b[i] != segmentActive0 || b[i+1] != opI32Const {
			return nil, bad("not an active segment of memory 0 at an i32.const offset")
		}
		off, j, err := readSLEB(b, i+2)
		if err != nil || j >= len(b) || b[j] != opEnd {
			return nil, bad("offset expression")
		}
		size, j, err := readULEB(b, j+1)
		if err != nil || j+int(size) > len(b) {
			return nil, bad("length past the end")
		}
		segs = append(segs, dataSegment{off, b[j : j+int(size)]})
		i = j + int(size)
	}
	if i != len(b) {
		return nil, fmt.Errorf("wasm: data section: %d bytes after the last segment", len(b)-i)
	}
	return segs, nil
}

// joinSegments joins each segment to the one before it when it starts at
// most maxRun bytes after that one's end (never when they overlap or are
// out of order: those stay as they are). Segments that overlap none other
// are first put in the order of their addresses: the linker may write one
// out of order, and the zeros of a join written after it would then
// overwrite it.
func joinSegments(segs []dataSegment, maxRun int) []dataSegment {
	sorted := slices.Clone(segs)
	slices.SortStableFunc(sorted, func(a, b dataSegment) int { return cmp.Compare(a.offset, b.offset) })
	if disjoint(sorted) {
		segs = sorted
	}
	var out []dataSegment
	for _, s := range segs {
		if k := len(out) - 1; k >= 0 {
			end := out[k].offset + int64(len(out[k].data))
			if gap := s.offset - end; gap >= 0 && gap <= int64(maxRun) {
				d := append(out[k].data, make([]byte, gap)...)
				out[k].data = append(d, s.data...)
				continue
			}
		}
		out = append(out, dataSegment{s.offset, append([]byte(nil), s.data...)})
	}
	return out
}

// disjoint reports whether no two segments, in the order of their
// addresses, share an address.
func disjoint(sorted []dataSegment) bool {
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1].offset+int64(len(sorted[i-1].data)) > sorted[i].offset {
			return false
		}
	}
	return true
}

func encodeSegments(segs []dataSegment) []byte {
	b := appendULEB(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, segmentActive0, opI32Const)
		b = appendSLEB(b, s.offset)
		b = append(b, opEnd)
		b = appendULEB(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

// sameMemory reports whether two modules start with the same memory: the
// same bytes at every address their data segments write (zeros elsewhere).
func sameMemory(a, b []byte) error {
	image := func(m []byte) ([]byte, error) {
		ss, err := wasmSections(m)
		if err != nil {
			return nil, err
		}
		var mem []byte
		for _, s := range ss {
			if s.id != sectionData {
				continue
			}
			segs, err := dataSegments(s.body)
			if err != nil {
				return nil, err
			}
			for _, g := range segs {
				if end := int(g.offset) + len(g.data); end > len(mem) {
					mem = append(mem, make([]byte, end-len(mem))...)
				}
				copy(mem[g.offset:], g.data)
			}
		}
		return bytes.TrimRight(mem, "\x00"), nil
	}
	ma, err := image(a)
	if err != nil {
		return err
	}
	mb, err := image(b)
	if err != nil {
		return err
	}
	if !bytes.Equal(ma, mb) {
		return errors.New("wasm: packing the data segments changed the memory the module starts with")
	}
	return nil
}

func readULEB(b []byte, i int) (uint64, int, error) {
	var n uint64
	for shift := 0; i < len(b) && shift < 64; shift += 7 {
		c := b[i]
		i++
		n |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return n, i, nil
		}
	}
	return 0, i, errors.New("LEB128 number past the end")
}

func readSLEB(b []byte, i int) (int64, int, error) {
	var n int64
	for shift := 0; i < len(b) && shift < 64; shift += 7 {
		c := b[i]
		i++
		n |= int64(c&0x7f) << shift
		if c < 0x80 {
			if shift+7 < 64 && c&0x40 != 0 {
				n |= -1 << (shift + 7)
			}
			return n, i, nil
		}
	}
	return 0, i, errors.New("LEB128 number past the end")
}

func appendULEB(b []byte, n uint64) []byte {
	for {
		c := byte(n & 0x7f)
		n >>= 7
		if n == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendSLEB(b []byte, n int64) []byte {
	for {
		c := byte(n & 0x7f)
		n >>= 7
		if (n == 0 && c&0x40 == 0) || (n == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
