//go:build !unix

package imports

import "os"

// maxRSS: Windows has no ru_maxrss; the child's own peak is not read
// there either, so the memory bound is not checked.
func maxRSS(*os.ProcessState) int64 { return 0 }
