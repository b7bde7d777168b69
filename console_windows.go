//go:build windows

package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// setUpConsole gives the command line somewhere to write on Windows.
//
// Peiyang.exe is a GUI-subsystem program, so that double-clicking it opens
// the window without a black console behind it; Windows then gives it no
// console of its own. When it runs a command (any arguments), standard
// handles that are files or pipes (`peiyang stats > stats.txt`,
// `peiyang stats --json | more`) are kept as they are and get UTF-8; the
// others are attached to the console of the program that started it (cmd,
// PowerShell, or Peiyang.com, the console launcher shipped beside it) and
// reopened as CONOUT$/CONIN$, so that Go writes them through
// WriteConsoleW in UTF-16: Chinese shows correctly whatever the console's
// code page. Without arguments (the window) nothing is attached.
func setUpConsole() {
	if len(os.Args) < 2 {
		return
	}
	streams := []struct {
		file *(*os.File)
		std  uint32
		name string
		flag int
	}{
		{&os.Stdin, windows.STD_INPUT_HANDLE, "CONIN$", os.O_RDWR},
		{&os.Stdout, windows.STD_OUTPUT_HANDLE, "CONOUT$", os.O_RDWR},
		{&os.Stderr, windows.STD_ERROR_HANDLE, "CONOUT$", os.O_RDWR},
	}
	need := false
	for _, s := range streams {
		if !redirected(stdHandle(s.std)) {
			need = true
		}
	}
	if !need || attachConsole(attachParentProcess) != nil {
		return // nothing to attach, or no console to attach to
	}
	for _, s := range streams {
		h := stdHandle(s.std)
		if redirected(h) || isDevice(h) {
			continue
		}
		f, err := os.OpenFile(s.name, s.flag, 0)
		if err != nil {
			continue
		}
		*s.file = f
		_ = windows.SetStdHandle(s.std, windows.Handle(f.Fd()))
	}
	log.SetOutput(os.Stderr)
}

func stdHandle(std uint32) windows.Handle {
	h, err := windows.GetStdHandle(std)
	if err != nil {
		return windows.InvalidHandle
	}
	return h
}

// redirected tells whether h is a file or a pipe.
func redirected(h windows.Handle) bool {
	if h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	if err != nil {
		return false
	}
	return t == windows.FILE_TYPE_DISK || t == windows.FILE_TYPE_PIPE
}

// isDevice tells whether h is a character device other than a console
// (NUL, a serial port): after attaching, an inherited console handle
// answers GetConsoleMode, a device does not.
func isDevice(h windows.Handle) bool {
	if h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	if err != nil || t != windows.FILE_TYPE_CHAR {
		return false
	}
	var mode uint32
	return windows.GetConsoleMode(h, &mode) != nil
}

// AttachConsole is not in golang.org/x/sys/windows.
var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

func attachConsole(pid uint32) error {
	if r, _, err := procAttachConsole.Call(uintptr(pid)); r == 0 {
		return err
	}
	return nil
}
