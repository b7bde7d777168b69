// Package buildinfo tells which Peiyang this is: the version, kept in one
// place (FyneApp.toml, which the main package embeds and hands to Load),
// and the commit the binary was built from.
//
// The commit comes from the linker (-X peiyang/internal/buildinfo.commit=…,
// which `make dist` passes) or else from the version-control stamp that
// `go build` writes into every binary built in a git checkout.
package buildinfo

import (
	"bufio"
	"bytes"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// Name is the program's name.
const Name = "Peiyang"

// commit is set by the linker: -X peiyang/internal/buildinfo.commit=SHA.
var commit string

var (
	version = "0.0.0"
	build   = 0
)

// Load reads Version and Build from the [Details] table of FyneApp.toml.
func Load(fyneAppTOML []byte) error {
	v, b, err := parseDetails(fyneAppTOML)
	if err != nil {
		return err
	}
	version, build = v, b
	return nil
}

// Version is the version from FyneApp.toml, e.g. "0.1.0".
func Version() string { return version }

// Build is the build number from FyneApp.toml.
func Build() int { return build }

// Commit is the commit the binary was built from (12 hex digits, with
// "-dirty" when the work tree had changes), or "unknown".
func Commit() string {
	if commit != "" {
		return commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return vcsCommit(info.Settings)
}

func vcsCommit(settings []debug.BuildSetting) string {
	rev, dirty := "", false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

// String is the line `peiyang --version` prints.
func String() string {
	return fmt.Sprintf("%s %s (commit %s)", Name, Version(), Commit())
}

// parseDetails reads Version and Build from the [Details] table. It
// understands the subset of TOML that file uses: tables, key = "string"
// and key = integer.
func parseDetails(data []byte) (string, int, error) {
	var (
		table   string
		version string
		build   int
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			table = strings.Trim(line, "[] ")
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok || table != "Details" {
			continue
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch key {
		case "Version":
			s, err := strconv.Unquote(val)
			if err != nil {
				return "", 0, fmt.Errorf("buildinfo: FyneApp.toml: Version %s: %w", val, err)
			}
			version = s
		case "Build":
			n, err := strconv.Atoi(val)
			if err != nil {
				return "", 0, fmt.Errorf("buildinfo: FyneApp.toml: Build %s: %w", val, err)
			}
			build = n
		}
	}
	if version == "" {
		return "", 0, fmt.Errorf("buildinfo: FyneApp.toml has no Version in [Details]")
	}
	return version, build, nil
}
