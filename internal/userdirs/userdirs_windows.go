//go:build windows

package userdirs

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// documents asks Windows for the Documents known folder: the user may
// have moved it (OneDrive, drive D:), so home + "Documents" can be wrong.
func documents() (string, error) {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return "", fmt.Errorf("userdirs: find the Documents folder: %w", err)
	}
	return d, nil
}
