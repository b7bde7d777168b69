// Command peiyang is the party-school staff's tool for the joint cultivation
// programme of mobile party members. With no arguments it opens the window;
// with a command it works from the command line (see `peiyang --help`).
package main

import (
	_ "embed"
	"fmt"
	"os"

	"peiyang/cli"
	"peiyang/internal/buildinfo"
)

// fyneAppTOML is the one place the version is kept.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

func main() {
	if err := buildinfo.Load(fyneAppTOML); err != nil {
		fmt.Fprintln(os.Stderr, "peiyang:", err)
	}
	setUpConsole()
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
