//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"syscall/js"
)

// limiterBinding is the rate limiting binding of console.wrangler.toml
// ([[ratelimits]]): the public pages' burst gate. Without it (an older
// configuration) the hourly counts in D1 stand alone.
const limiterBinding = "PUBLIC_LIMITER"

// limiter is console.Burst on a rate limiting binding: limit({key}) answers
// {success}. syumai/workers has no wrapper for this binding, so it is
// called through syscall/js.
type limiter struct{ binding js.Value }

func (l limiter) Allow(_ context.Context, key string) (bool, error) {
	opts := js.Global().Get("Object").New()
	opts.Set("key", key)
	res, err := await(l.binding.Call("limit", opts))
	if err != nil {
		return true, fmt.Errorf("rate limiter: %w", err)
	}
	return res.Get("success").Truthy(), nil
}

// await waits for a promise (the stock runtime runs Go per request, so a
// handler may block on one, as syumai's D1 and KV calls do).
func await(p js.Value) (js.Value, error) {
	done, failed := make(chan js.Value, 1), make(chan js.Value, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0]; return nil })
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any { failed <- args[0]; return nil })
	defer then.Release()
	defer catch.Release()
	p.Call("then", then).Call("catch", catch)
	select {
	case v := <-done:
		return v, nil
	case e := <-failed:
		return js.Undefined(), fmt.Errorf("%s", e.Call("toString").String())
	}
}
