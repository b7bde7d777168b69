# Peiyang: build, run and test. `make run` and `make test` install what they
# need first (scripts/setup.sh).
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(shell go env GOPATH 2>/dev/null || echo $(HOME)/go)/bin
GO ?= go

.PHONY: setup build run test lint unit test-crash fuzz bench bench-search bench-demo bench-sheets bench-certificates bench-roster bench-hostile screenshots clean

setup:
	@bash scripts/setup.sh

build:
	$(GO) build -o peiyang .

# Opens the app on the default database (in the user's config folder),
# filling it with demo data at the report's scale on first use.
run: setup build
	./peiyang demo --if-empty
	./peiyang

# Everything CI checks: formatting, vet, staticcheck and the tests.
test: setup lint unit

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	staticcheck ./...

unit:
	$(GO) test -count=1 ./...

# Kills the real binary at random moments of an import, a certificate
# batch and demo generation (50 times each) and checks the database after
# each kill. Takes several minutes; Unix only.
test-crash:
	$(GO) run ./bench/crash -runs 50

# Runs every fuzz target for FUZZTIME (default 40s) each; see scripts/fuzz.sh.
fuzz:
	bash scripts/fuzz.sh

bench: bench-search bench-demo bench-sheets bench-certificates bench-roster

bench-search:
	$(GO) run ./bench/search -n 250000

bench-demo:
	$(GO) run ./bench/demo

bench-sheets:
	$(GO) run ./bench/sheets

bench-certificates:
	$(GO) run ./bench/certificates

bench-roster:
	$(GO) run ./bench/roster

bench-hostile:
	$(GO) run ./bench/hostile

# A PNG of every screen in both languages at 1280×800, from the real binary
# under Xvfb on the demo database, into screenshots/.
screenshots: setup
	bash scripts/screenshots.sh

clean:
	rm -f peiyang
