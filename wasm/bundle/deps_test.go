package bundle

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heavyPackages cost the browser module hundreds of KB (brotli) through
// reflect; the generated decoder and encoders exist to keep them out.
var heavyPackages = []string{"reflect", "fmt", "encoding/json"}

// moduleImport is the browser module, built for GOOS=js GOARCH=wasm.
const moduleImport = "github.com/selvhjelp/finder/wasm"

// TestModuleLinksNoReflect: the browser module's dependencies (what
// `GOOS=js GOARCH=wasm go list -deps` lists) hold none of heavyPackages.
func TestModuleLinksNoReflect(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("needs the go command; runs natively")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	cmd := exec.Command(goTool, "list", "-deps", moduleImport)
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go list -deps %s: %s", moduleImport, out)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/selvhjelp/finder/wasm/bundle")
	for _, p := range heavyPackages {
		assert.NotContains(t, deps, p, "the browser module must not link %s", p)
	}
}
