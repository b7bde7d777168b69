// Command pgserve runs a throwaway PostgreSQL server (internal/pgtest) for
// scripts that need one, such as make screenshots: it makes an empty
// database, prints its connection string on the first line of its output,
// and stops the server (removing its folder) when its standard input
// closes or it is told to end.
//
//	coproc PG { go run ./internal/pgserve; }
//	read -r url <&"${PG[0]}"
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"peiyang/internal/pgtest"
)

func main() {
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgserve:", err)
		os.Exit(1)
	}
	defer srv.Stop()
	if err := srv.CreateDatabase("peiyang", ""); err != nil {
		fmt.Fprintln(os.Stderr, "pgserve:", err)
		return
	}
	fmt.Println(srv.URL("peiyang"))
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(done)
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	select {
	case <-done:
	case <-stop:
	}
}
