package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// .ci/no-executables (run by .ci/run) refuses committed executables: an
// unstripped build of this very program once sat at the repository root.
func TestCIRefusesCommittedExecutables(t *testing.T) {
	script, err := filepath.Abs("../../.ci/no-executables")
	require.NoError(t, err)
	tests := []struct {
		name  string
		files map[string][]byte
		want  string // part of stderr; "" = passes
	}{
		{"text only", map[string][]byte{"a.go": []byte("package a\n"), "b.json": []byte("{}")}, ""},
		{"ELF", map[string][]byte{"build-assets": {0x7f, 'E', 'L', 'F', 2, 1, 1}}, "build-assets (ELF)"},
		{"Mach-O", map[string][]byte{"tool": {0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}}, "tool (Mach-O)"},
		{"PE", map[string][]byte{"tool.exe": {'M', 'Z', 0x90, 0}}, "tool.exe (PE/Windows)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, b := range tt.files {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
			}
			for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}} {
				out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
				require.NoError(t, err, "%s", out)
			}
			cmd := exec.Command("bash", script)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if tt.want == "" {
				assert.NoError(t, err, "%s", out)
				return
			}
			assert.Error(t, err)
			assert.Contains(t, string(out), "executable binaries are committed")
			assert.Contains(t, string(out), tt.want)
		})
	}
	// The repository itself holds none.
	cmd := exec.Command("bash", script)
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "%s", out)
}
