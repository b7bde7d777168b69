//go:build !unix

package store

// isReadOnlyFS: Windows reports a read-only medium as a permission error.
func isReadOnlyFS(error) bool { return false }
