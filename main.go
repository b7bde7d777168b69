// Command peiyang is the party-school staff's tool for the joint cultivation
// programme of mobile party members. With no arguments it opens the window;
// with a command it works from the command line (see `peiyang --help`).
package main

import (
	"os"

	"peiyang/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
