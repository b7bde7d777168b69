package sysopen

// opener is the launcher; a variable for the tests.
var opener = "open"

func open(path string) error { return launch(opener, path) }

func reveal(path string) error { return launch(opener, "-R", path) }
