# The finder's build, run and test entry points. See README.md.
SHELL := /bin/bash
PORT ?= 8787
CONSOLE_PORT ?= 8788
GO ?= go
SOURCES ?= ../shared/data-sources
PUBLIC := worker/public

.PHONY: console fuzz publish deploy-guard all test test-native test-wasm test-e2e run data validate bench assets worker deps deploy clean

all: assets worker

## deps: npm packages for workerd/wrangler and the browser tests (Go modules come with go build)
deps:
	cd worker && npm ci --no-audit --no-fund
	cd widget && npm ci --no-audit --no-fund

## data: rebuild data/*.json from the real sources (byte-identical on the same input)
data:
	$(GO) run ./scripts/build-data -sources $(SOURCES) -out data

## validate: check the dataset; exit 1 listing every problem; in a git tree, warn about every uncommitted
## change of a domain, phone or crisis number (a second review)
validate:
	$(GO) run ./scripts/finder validate --data data $(if $(shell git rev-parse --git-dir 2>/dev/null),--previous git:HEAD)

## assets: browser module, loader, demo page and dataset bundle into $(PUBLIC), with hashed names
assets:
	$(GO) run ./scripts/build-assets -data data -out $(PUBLIC)

## worker: the Go worker for Cloudflare Workers (syumai/workers)
worker:
	./worker/build.sh

## console: the maintainers' console worker (worker/consoleworker) into worker/console-build
console: worker
	./worker/build-console.sh

## run: serve worker + demo page at http://127.0.0.1:$(PORT)/ and the maintainers' console at
## http://127.0.0.1:$(CONSOLE_PORT)/ in workerd, offline (prints the console's one-time login code)
# The demo page links to the local console's suggestion form (a target-specific variable reaches assets too).
run: export SUGGEST_URL ?= http://127.0.0.1:$(CONSOLE_PORT)/foresla
run: deps assets worker console
	PORT=$(PORT) CONSOLE_PORT=$(CONSOLE_PORT) ./worker/serve.sh

## test: every test: vet, native Go, Go under js/wasm (Node), then workerd and headless Chromium end to end
test: test-native test-wasm test-e2e

# deps first: TestWordListNeverAPlace reads the Bokmål word list that widget/'s npm ci installs
# (FINDER_REQUIRE_WORDLIST makes a missing list a failure here; a bare `go test ./...` skips it).
test-native: deps
	$(GO) mod tidy -diff
	$(GO) vet ./...
	FINDER_REQUIRE_WORDLIST=1 $(GO) test ./...

test-wasm:
	./wasm/test.sh

# -p 1: one package at a time. workerd and Chromium each want both cores of a small CI machine; run side
# by side, the console session took 264 s instead of 16 s and timed out.
# FINDER_REQUIRE_BROWSERS=1: a missing firefox-esr, WebKitWebDriver or Xvfb fails the Firefox and WebKit
# journeys here (a bare go test skips them, saying what to install).
test-e2e: deps assets worker console
	FINDER_REQUIRE_BROWSERS=1 $(GO) test -tags e2e -count=1 -p 1 -timeout 30m ./worker/... ./widget/...

## bench: search-engine benchmarks, asset sizes, browser and worker timings
bench: deps assets worker
	$(GO) test -run '^$$' -bench . -benchmem ./data/search/
	$(GO) run ./scripts/bench-widget
	$(GO) run ./scripts/bench-worker

## fuzz: every fuzz target for FUZZTIME each (default 60s). Minimisation is off: Go's minimiser re-runs
## each new input with coverage for minutes on these targets (FuzzLoad did 8 executions in 30 s with it,
## ~48,000 without); a failing input is still written to testdata/fuzz as found.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 0s ./data/store
	$(GO) test -run '^$$' -fuzz '^FuzzImportCSV$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 0s ./scripts/finder
	$(GO) test -run '^$$' -fuzz '^FuzzNormalize$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 0s ./data/search
	$(GO) test -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 0s ./data/search

## publish: from a clean tree, validate data/, show what changes against the running worker (FINDER_URL),
## ask, then make deploy that commit; DRY_RUN=1 stops before deploying, YES=1 does not ask (scripts),
## ALLOW_REMOVALS=1 passes the floor (more than 10 % of contact points removed)
publish:
	$(GO) run ./scripts/finder publish --url "$(FINDER_URL)" $(if $(DRY_RUN),--dry-run) $(if $(YES),--yes) $(if $(ALLOW_REMOVALS),--allow-removals)

## deploy: wrangler deploy (needs CLOUDFLARE_API_TOKEN), only as make publish's last step: it builds data/
## at the commit finder publish validated and diffed (FINDER_PUBLISH_COMMIT), from a clean tree; see README
deploy: deploy-guard deps assets worker
	cd worker && npx wrangler deploy

deploy-guard:
	@test -n "$$FINDER_PUBLISH_COMMIT" || { echo "make deploy: run make publish FINDER_URL=… (it validates, shows the changes and asks first)" >&2; exit 1; }
	@test "$$FINDER_PUBLISH_COMMIT" = "$$(git rev-parse HEAD)" || { echo "make deploy: HEAD is not the commit finder publish checked ($$FINDER_PUBLISH_COMMIT)" >&2; exit 1; }
	@test -z "$$(git status --porcelain)" || { echo "make deploy: the tree has uncommitted changes" >&2; exit 1; }

clean:
	rm -rf $(PUBLIC) worker/build worker/console-build
