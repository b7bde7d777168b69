package sysopen

import (
	"golang.org/x/sys/windows"
)

// open asks the shell to open the file with its program; ShellExecute
// fails (SE_ERR_NOASSOC and the like) when there is none.
func open(path string) error { return shellExecute(path, "") }

// reveal opens Explorer on the file's folder with the file selected.
func reveal(path string) error { return shellExecute("explorer.exe", `/select,"`+path+`"`) }

func shellExecute(file, args string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	f, err := windows.UTF16PtrFromString(file)
	if err != nil {
		return err
	}
	var a *uint16
	if args != "" {
		if a, err = windows.UTF16PtrFromString(args); err != nil {
			return err
		}
	}
	return windows.ShellExecute(0, verb, f, a, nil, windows.SW_SHOWNORMAL)
}
