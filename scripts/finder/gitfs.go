package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/selvhjelp/finder/data/store"
)

// gitPrefix marks a --previous that names a git revision ("git:HEAD",
// "git:origin/main") instead of a folder.
const gitPrefix = "git:"

// previousFS is the dataset --previous names: a folder, or the same folder
// as dir at a git revision.
func previousFS(previous, dir string) (fs.FS, error) {
	rev, ok := strings.CutPrefix(previous, gitPrefix)
	if !ok {
		return os.DirFS(previous), nil
	}
	return gitDatasetFS(dir, rev)
}

// gitDatasetFS reads the dataset files of dir as they are at rev.
func gitDatasetFS(dir, rev string) (fs.FS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	top, err := git(abs, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--previous %s%s: %s ligger ikke i en git-mappe: %w", gitPrefix, rev, dir, err)
	}
	rel, err := filepath.Rel(top, mustEval(abs))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	m := fstest.MapFS{}
	for _, f := range append(append([]string{}, store.Files...), store.ManifestFile) {
		spec := rev + ":" + path.Join(filepath.ToSlash(rel), f)
		b, err := exec.Command("git", "-C", top, "show", spec).Output()
		if err != nil {
			return nil, fmt.Errorf("--previous %s%s: git show %s: %w", gitPrefix, rev, spec, err)
		}
		m[f] = &fstest.MapFile{Data: b}
	}
	return m, nil
}

// mustEval resolves symbolic links (git reports the resolved top), or
// returns p as it is.
func mustEval(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}
