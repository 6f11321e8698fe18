// Command packprobe prints what its data holds: a test builds it for
// GOOS=js GOARCH=wasm, packs its data segments and runs both in Node.
package main

import (
	"fmt"
	"sort"
	"strings"
)

var table = map[string][]int{"alpha": {1, 2, 3}, "beta": {0, 0, 0, 0, 7}, "gamma": make([]int, 300)}

var words = strings.Fields("the quick brown fox jumps over the lazy dog")

func main() {
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, len(table[k]), table[k][len(table[k])-1])
	}
	fmt.Println(strings.Join(words, "|"), fmt.Sprintf("%.3f", 3.14159))
}
