//go:build !windows

package userdirs

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func documents() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("userdirs: find the home folder: %w", err)
	}
	return xdgDocuments(os.Getenv, home), nil
}

// xdgDocuments finds the XDG documents directory: $XDG_DOCUMENTS_DIR,
// else the entry in $XDG_CONFIG_HOME/user-dirs.dirs (default
// ~/.config), else ~/Documents when it exists, else the home folder.
func xdgDocuments(getenv func(string) string, home string) string {
	if d := getenv("XDG_DOCUMENTS_DIR"); filepath.IsAbs(d) {
		return d
	}
	conf := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(conf) {
		conf = filepath.Join(home, ".config")
	}
	if d := readUserDirs(filepath.Join(conf, "user-dirs.dirs"), home); d != "" {
		return d
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// readUserDirs reads XDG_DOCUMENTS_DIR from a user-dirs.dirs file, whose
// lines are shell assignments: XDG_DOCUMENTS_DIR="$HOME/文档". A value
// of $HOME alone means the feature is off: "" then.
func readUserDirs(name, home string) string {
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		if u, err := strconv.Unquote(v); err == nil {
			v = u
		}
		switch {
		case strings.HasPrefix(v, "$HOME/"):
			return filepath.Join(home, v[len("$HOME/"):])
		case filepath.IsAbs(v):
			return filepath.Clean(v)
		}
		return ""
	}
	return ""
}
