//go:build e2e

package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freePlanGzipLimit is Cloudflare's Worker size limit on the free plan (after gzip).
const freePlanGzipLimit = 3 << 20

// TestDeployDryRun bundles the worker as `wrangler deploy` would, without
// uploading, and prints the bundle size (raw and gzip).
func TestDeployDryRun(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(repo, "worker", "node_modules", ".bin", "wrangler"),
		"deploy", "--dry-run", "--outdir", out)
	cmd.Dir = filepath.Join(repo, "worker")
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "WRANGLER_SEND_ERROR_REPORTS=false",
		"CLOUDFLARE_CF_FETCH_ENABLED=false", "CI=1", "XDG_CONFIG_HOME="+t.TempDir())
	output, err := cmd.CombinedOutput()
	require.NoError(t, err, string(output))
	t.Logf("wrangler deploy --dry-run:\n%s", output)

	var raw, gz int
	require.NoError(t, filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) == ".map" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		_, _ = zw.Write(b)
		_ = zw.Close()
		raw += len(b)
		gz += z.Len()
		return nil
	}))
	fmt.Printf("worker/e2e: worker bundle (wrangler deploy --dry-run): %.1f KiB raw, %.1f KiB gzip (free plan limit %d KiB)\n",
		float64(raw)/1024, float64(gz)/1024, freePlanGzipLimit/1024)
	assert.Less(t, gz, freePlanGzipLimit, "the worker must fit Cloudflare's free plan")
}
