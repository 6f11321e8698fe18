//go:build !browser

package search

import _ "embed" // the browser module, which must not pay for package embed, builds with the tag browser

// crisisSignalFile is the crisis signal's model file (see crisissignal.go).
//
//go:embed crisis-signal.bin
var crisisSignalFile string
