//go:build !browser

package search

import _ "embed" // the browser module, which must not pay for package embed, builds with the tag browser

// signalsFile is the signals file (see signals.go).
//
//go:embed signals.bin
var signalsFile string
