# Peiyang: build, run and test. `make run` and `make test` install what they
# need first (scripts/setup.sh).
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(shell go env GOPATH 2>/dev/null || echo $(HOME)/go)/bin
GO ?= go

.PHONY: setup build run test lint unit test-crash test-interrupt fuzz bench bench-search bench-demo bench-sheets bench-certificates bench-roster bench-photos bench-hostile bench-retention bench-outcomes bench-accounts bench-live screenshots clean
.PHONY: setup-windows dist vet-windows vet-windows-ci test-windows test-windows-e2e test-windows-unit test-windows-unit-all screenshots-windows

setup:
	@bash scripts/setup.sh

# The commit is linked in for `peiyang --version`; the version itself is
# read from FyneApp.toml, which the binary embeds.
COMMIT = $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
LDFLAGS = -X peiyang/internal/buildinfo.commit=$(COMMIT)

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o peiyang .

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
# batch, demo generation and a restore, and races a restore against an
# import (50 times each), checking the database after each run; on SQLite
# files, then on a throwaway PostgreSQL server (import, certificates, demo,
# restore and peiyang copy into it). Takes a while (about half an hour on
# 2 cores); Unix only.
test-crash:
	$(GO) run ./bench/crash -runs 50

# Interrupts the same operations with SIGINT (Ctrl+C) instead: each must
# exit 130 having written nothing, or finish. Unix only.
test-interrupt:
	$(GO) run ./bench/crash -runs 20 -signal int

# Runs every fuzz target for FUZZTIME (default 40s) each; see scripts/fuzz.sh.
fuzz:
	bash scripts/fuzz.sh

bench: bench-search bench-demo bench-sheets bench-certificates bench-roster bench-photos bench-retention bench-outcomes

bench-search:
	$(GO) run ./bench/search -n 250000

bench-accounts:
	$(GO) run ./bench/accounts -n 250000

bench-demo:
	$(GO) run ./bench/demo

bench-sheets:
	$(GO) run ./bench/sheets

bench-outcomes:
	$(GO) run ./bench/outcomes

bench-certificates:
	$(GO) run ./bench/certificates

bench-roster:
	$(GO) run ./bench/roster

bench-photos:
	$(GO) run ./bench/photos

# The window's memory (VmHWM) on the demo database at the report's scale,
# after start and after every screen once; the real binary under Xvfb.
# BENCH_DISPLAY chooses the X display it starts (default :98).
bench-window: setup
	$(GO) run ./bench/window -display $${BENCH_DISPLAY:-:98}

# A change saved through a second connection until another open window
# (the real binary under Xvfb, trainee table, demo data at the report's
# scale on a throwaway PostgreSQL) shows it: p50/p95 over 50 changes.
# BENCH_DISPLAY chooses the X display it starts (default :97).
bench-live: setup
	$(GO) run ./bench/live -display $${BENCH_DISPLAY:-:97}

bench-hostile:
	$(GO) run ./bench/hostile

bench-retention:
	$(GO) run ./bench/retention

# A PNG of every screen in both languages at 1280×800, from the real binary
# under Xvfb on the demo database, into screenshots/.
screenshots: setup
	bash scripts/screenshots.sh

# Windows: see README.md, "Windows". setup-windows adds mingw-w64, Wine,
# zip, xz and the fyne packaging tool to what setup installs.
setup-windows:
	@bash scripts/setup.sh windows

# dist/Peiyang-VERSION-windows-amd64.zip, dist/Peiyang-VERSION-linux-amd64.tar.xz
# and dist/SHA256SUMS; leaves the work tree as it was.
dist: setup-windows
	bash scripts/dist.sh

# The packages that link go-gl (main, app, cli) need its C code compiled
# once more for their Windows vet and test builds (about 7 CPU minutes
# cold); CI covers them by the end-to-end scenario of Peiyang.exe and the
# window's screenshots instead (README.md, "Tests on Windows, under Wine").
WINDOWS_CGO_PKGS = peiyang peiyang/app peiyang/cli
# Packages with no Windows files (bench/hostile is Unix's) are left out.
WINDOWS_CI_PKGS = $(shell GOOS=windows $(GO) list -e -f '{{if or .GoFiles .CgoFiles}}{{.ImportPath}}{{end}}' ./... | grep -vxF $(addprefix -e ,$(WINDOWS_CGO_PKGS)))

vet-windows: setup-windows
	bash -c '. scripts/windows-env.sh && windows_go vet ./...'

vet-windows-ci: setup-windows
	bash -c '. scripts/windows-env.sh && windows_go vet $(WINDOWS_CI_PKGS)'

# Everything CI checks for Windows (after `make test`): vet for Windows,
# the packages (and a clean tree after), the end-to-end scenario of the
# shipped Peiyang.exe under Wine, the window in both languages, the Go
# tests as Windows programs.
test-windows: vet-windows-ci dist test-windows-e2e screenshots-windows test-windows-unit

# The command-line scenario with Windows paths, on the Peiyang.exe of the
# zip in dist/ (make dist first).
test-windows-e2e:
	bash scripts/wine-e2e.sh

# Every package's tests built for Windows and run under Wine.
test-windows-unit: setup-windows
	bash scripts/wine-tests.sh $(WINDOWS_CI_PKGS)

test-windows-unit-all: setup-windows
	bash scripts/wine-tests.sh

# The window of the zip's Peiyang.exe under Wine and Xvfb on the 40,630
# demo database, in Chinese and English (by the setting), with its start
# time; PNGs of the dashboard, trainees and courses into screenshots/windows/.
screenshots-windows:
	bash scripts/screenshots-windows.sh

clean:
	rm -f peiyang
	rm -rf dist
