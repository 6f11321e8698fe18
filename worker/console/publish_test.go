package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errStopped = errors.New("stopped here")

// stoppingBlobs is KV that stops taking writes from the stopAt-th Put on
// (a KV error, or the worker killed there); 0 never stops.
type stoppingBlobs struct {
	m            map[string]string
	puts, stopAt int
}

func (b *stoppingBlobs) Get(_ context.Context, key string) (string, bool, error) {
	v, ok := b.m[key]
	return v, ok, nil
}

func (b *stoppingBlobs) Put(_ context.Context, key, value string) error {
	b.puts++
	if b.stopAt > 0 && b.puts >= b.stopAt {
		return errStopped
	}
	b.m[key] = value
	return nil
}

// live is what the public worker would serve (runtime/worker.mjs reads
// CurrentKey and the files it names): the version, after checking that every
// file is there and is that version's.
func live(t *testing.T, kv map[string]string) string {
	t.Helper()
	cur, ok := kv[CurrentKey]
	if !ok {
		return ""
	}
	var m Manifest
	require.NoError(t, json.Unmarshal([]byte(cur), &m))
	bundle, ok := kv[FilePrefix+m.Bundle]
	require.True(t, ok, "the bundle %s that current names is there", m.Bundle)
	assert.Equal(t, m.Version, bundleVersion([]byte(bundle)))
	core, ok := kv[FilePrefix+m.Core]
	require.True(t, ok, "the core %s that current names is there", m.Core)
	assert.Equal(t, m.Core, hashedName("dataset-core", []byte(core)))
	assert.Equal(t, m.CoreSRI, sri([]byte(core)))
	return m.Version
}

func fixtureBundle(version, name string) []byte {
	return []byte(fmt.Sprintf(`{"version":%q,"topics":[{"id":"sorg","name":"Sorg"}],"contact_points":[{"id":"a","name":%q}],"postcodes":[{"code":"0001"}]}`, version, name))
}

// TestPublishStoppedMidway: a publish stopped at any of its writes (and
// the version's row in D1) leaves the previous version live, whole; only
// the last write makes the new one live, whole; and a publish tried again
// after a stop completes.
func TestPublishStoppedMidway(t *testing.T) {
	ctx := context.Background()
	now := func() time.Time { return clock }
	noted := func(Manifest) error { return nil }
	base := &stoppingBlobs{m: map[string]string{}}
	_, err := (&Console{cfg: Config{Blobs: base, Now: now}}).release(ctx, fixtureBundle("v1", "Før"), noted)
	require.NoError(t, err)
	require.Equal(t, "v1", live(t, base.m))

	// How many writes a whole publish of v2 makes.
	whole := &stoppingBlobs{m: maps.Clone(base.m)}
	_, err = (&Console{cfg: Config{Blobs: whole, Now: now}}).release(ctx, fixtureBundle("v2", "Etter"), noted)
	require.NoError(t, err)
	writes := whole.puts
	require.GreaterOrEqual(t, writes, 3, "files, manifest, current")
	assert.Equal(t, "v2", live(t, whole.m))

	for stop := 1; stop <= writes; stop++ {
		t.Run(fmt.Sprintf("stopped at write %d of %d", stop, writes), func(t *testing.T) {
			kv := &stoppingBlobs{m: maps.Clone(base.m), stopAt: stop}
			c := &Console{cfg: Config{Blobs: kv, Now: now}}
			_, err := c.release(ctx, fixtureBundle("v2", "Etter"), noted)
			require.ErrorIs(t, err, errStopped)
			assert.Equal(t, "v1", live(t, kv.m), "the previous version stays live, whole")

			kv.stopAt = 0 // tried again
			_, err = c.release(ctx, fixtureBundle("v2", "Etter"), noted)
			require.NoError(t, err)
			assert.Equal(t, "v2", live(t, kv.m))
		})
	}
	t.Run("its row in D1 not written", func(t *testing.T) {
		kv := &stoppingBlobs{m: maps.Clone(base.m)}
		_, err := (&Console{cfg: Config{Blobs: kv, Now: now}}).release(ctx, fixtureBundle("v2", "Etter"), func(Manifest) error { return errStopped })
		require.ErrorIs(t, err, errStopped)
		assert.Equal(t, "v1", live(t, kv.m))
	})
}
