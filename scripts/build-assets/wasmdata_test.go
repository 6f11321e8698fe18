package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// moduleWithData is a module holding only a data section of segs.
func moduleWithData(segs ...dataSegment) []byte {
	body := encodeSegments(segs)
	b := append([]byte(nil), wasmHeader...)
	b = append(b, sectionData)
	b = appendULEB(b, uint64(len(body)))
	return append(b, body...)
}

func segmentsOf(t *testing.T, module []byte) []dataSegment {
	t.Helper()
	ss, err := wasmSections(module)
	require.NoError(t, err)
	for _, s := range ss {
		if s.id == sectionData {
			segs, err := dataSegments(s.body)
			require.NoError(t, err)
			return segs
		}
	}
	return nil
}

func TestPackJoinsSegmentsAcrossShortRunsOfZeros(t *testing.T) {
	in := moduleWithData(
		dataSegment{0x10, []byte("ab")},
		dataSegment{0x14, []byte("cd")},   // 2 zeros after "ab": joined
		dataSegment{0x16, []byte("ef")},   // right after: joined
		dataSegment{0x2000, []byte("gh")}, // far: its own
		dataSegment{0x1000, []byte("ij")}, // before the one before: left as it is
		dataSegment{0x1001, []byte("kl")}, // overlaps it: left as it is
	)
	out, err := packDataSegments(in, 4)
	require.NoError(t, err)
	assert.Equal(t, []dataSegment{
		{0x10, []byte("ab\x00\x00cdef")},
		{0x2000, []byte("gh")},
		{0x1000, []byte("ij")},
		{0x1001, []byte("kl")},
	}, segmentsOf(t, out))
	require.NoError(t, sameMemory(in, out))
	assert.Error(t, sameMemory(in, moduleWithData(dataSegment{0x10, []byte("ab")})), "another memory is told apart")
}

// TestPackKeepsASegmentWrittenOutOfOrder: a segment the linker wrote
// before others at lower addresses is not overwritten by the zeros of a
// later join across it: disjoint segments are packed in address order.
func TestPackKeepsASegmentWrittenOutOfOrder(t *testing.T) {
	in := moduleWithData(
		dataSegment{0x18, []byte("xy")}, // inside the gap that the next two leave
		dataSegment{0x10, []byte("ab")},
		dataSegment{0x20, []byte("cd")},
	)
	out, err := packDataSegments(in, 16)
	require.NoError(t, err)
	require.NoError(t, sameMemory(in, out))
	assert.Equal(t, []dataSegment{{0x10, []byte("ab\x00\x00\x00\x00\x00\x00xy\x00\x00\x00\x00\x00\x00cd")}}, segmentsOf(t, out))
}

func TestPackRefusesWhatItCannotRewrite(t *testing.T) {
	passive := append([]byte(nil), wasmHeader...)
	passive = append(passive, sectionData, 4, 1, 1, 1, 'x') // one passive segment
	_, err := packDataSegments(passive, maxZeroRun)
	assert.ErrorContains(t, err, "data segment 0 at byte 1: not an active segment of memory 0")

	truncated := moduleWithData(dataSegment{0x10, []byte("abcdef")})
	truncated = truncated[:len(truncated)-2]
	_, err = packDataSegments(truncated, maxZeroRun)
	assert.ErrorContains(t, err, "length past the end")

	counted := append(moduleWithData(dataSegment{0, []byte("a")}), sectionDataCount, 1, 1)
	_, err = packDataSegments(counted, maxZeroRun)
	assert.ErrorContains(t, err, "data count section")

	_, err = packDataSegments([]byte("not wasm"), maxZeroRun)
	assert.ErrorContains(t, err, "not a WebAssembly 1 module")
}

func TestLEB128RoundTrip(t *testing.T) {
	for _, n := range []int64{0, 1, 63, 64, 127, 128, 0x32e00, 1 << 31, -1, -64, -65} {
		b := appendSLEB(nil, n)
		got, i, err := readSLEB(b, 0)
		require.NoError(t, err)
		assert.Equal(t, n, got)
		assert.Equal(t, len(b), i)
	}
	for _, n := range []uint64{0, 127, 128, 1 << 40} {
		got, _, err := readULEB(appendULEB(nil, n), 0)
		require.NoError(t, err)
		assert.Equal(t, n, got)
	}
}

// TestPackedGoModuleRunsTheSame builds a small Go program for the browser's
// target, packs its data segments and runs both in Node with Go's own
// wasm_exec: the same output, from far fewer segments.
func TestPackedGoModuleRunsTheSame(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed (wasm/test.sh needs it too)")
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err)
	runner := filepath.Join(string(bytes.TrimSpace(root)), "lib", "wasm", "wasm_exec_node.js")
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", plain, "./testdata/packprobe")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	module, err := os.ReadFile(plain)
	require.NoError(t, err)
	packed, err := packedModule(module)
	require.NoError(t, err)
	before, after := len(segmentsOf(t, module)), len(segmentsOf(t, packed))
	assert.Less(t, after*10, before, "far fewer segments: %d -> %d", before, after)
	packedPath := filepath.Join(dir, "packed.wasm")
	require.NoError(t, os.WriteFile(packedPath, packed, 0o644))
	run := func(p string) string {
		out, err := exec.Command(node, runner, p).CombinedOutput()
		require.NoError(t, err, string(out))
		return string(out)
	}
	want := run(plain)
	assert.Contains(t, want, "gamma 300 0")
	assert.Equal(t, want, run(packedPath))
}
