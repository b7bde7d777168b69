//go:build !windows

package main

// setUpConsole has nothing to do outside Windows: the terminal is the
// process's standard output.
func setUpConsole() {}
