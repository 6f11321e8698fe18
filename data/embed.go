// Package data holds the shipped dataset files (data/*.json), embedded so the
// worker, the CLI and the asset build never need the source folder at run
// time. Read them with data/store: store.LoadFS(data.FS).
package data

import "embed"

// FS holds the dataset files, one JSON array per file (see data/dataset).
//
//go:embed *.json
var FS embed.FS
