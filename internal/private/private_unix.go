//go:build !windows

package private

import (
	"fmt"
	"os"
)

const rule = "mode 0600"

func restrict(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	mode := os.FileMode(0o600)
	if fi.IsDir() {
		mode = 0o700
	}
	if err := os.Chmod(path, mode); err != nil {
		return fmt.Errorf("private: %w", err)
	}
	return nil
}

func check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("private: %s has mode %04o: others can read it", path, perm)
	}
	return nil
}

func unverifiable() string { return "" }
