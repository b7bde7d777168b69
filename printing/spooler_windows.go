//go:build windows

package printing

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"

	"peiyang/models"
)

var (
	winspool              = windows.NewLazySystemDLL("winspool.drv")
	procEnumPrinters      = winspool.NewProc("EnumPrintersW")
	procGetDefaultPrinter = winspool.NewProc("GetDefaultPrinterW")
)

const (
	enumLocal       = 0x2
	enumConnections = 0x4
	seErrNoAssoc    = 31 // ShellExecute: no program for the file type
)

// printerInfo2 is PRINTER_INFO_2W.
type printerInfo2 struct {
	serverName, printerName, shareName, portName, driverName, comment, location *uint16
	devMode                                                                     uintptr
	sepFile, printProcessor, datatype, parameters                               *uint16
	securityDescriptor                                                          uintptr
	attributes, priority, defaultPriority, startTime, untilTime                 uint32
	status, jobs, averagePPM                                                    uint32
}

// printers asks the spooler for the local and connected printers.
func printers(ctx context.Context) ([]Printer, error) {
	flags := uintptr(enumLocal | enumConnections)
	var needed, count uint32
	procEnumPrinters.Call(flags, 0, 2, 0, 0, uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&count)))
	if needed == 0 {
		return nil, nil
	}
	buf := make([]byte, needed)
	r, _, err := procEnumPrinters.Call(flags, 0, 2, uintptr(unsafe.Pointer(&buf[0])), uintptr(needed),
		uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&count)))
	if r == 0 {
		return nil, models.Errorf(models.EINTERNAL, "printer", MsgNoService, "Detail", err.Error())
	}
	def := defaultPrinter()
	infos := unsafe.Slice((*printerInfo2)(unsafe.Pointer(&buf[0])), count)
	list := make([]Printer, 0, count)
	for _, in := range infos {
		p := Printer{Name: windows.UTF16PtrToString(in.printerName), Description: windows.UTF16PtrToString(in.comment), Accepting: true}
		p.State, p.Reason = spoolerState(in.status, in.attributes)
		p.Default = strings.EqualFold(p.Name, def) || def == "" && in.attributes&attributeDefault != 0
		list = append(list, p)
	}
	return list, ctx.Err()
}

// defaultPrinter returns the user's default printer, "" for none.
func defaultPrinter() string {
	var n uint32
	procGetDefaultPrinter.Call(0, uintptr(unsafe.Pointer(&n)))
	if n == 0 {
		return ""
	}
	buf := make([]uint16, n)
	if r, _, _ := procGetDefaultPrinter.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n))); r == 0 {
		return ""
	}
	return windows.UTF16ToString(buf)
}

// submit hands the file to the PDF program's "printto" verb, once a copy.
func submit(ctx context.Context, path string, o Options) (*Job, error) {
	verb, _ := windows.UTF16PtrFromString("printto")
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	args, _ := windows.UTF16PtrFromString(`"` + o.Printer + `"`)
	job := &Job{Printer: o.Printer}
	if o.Duplex != "" {
		job.Notes = append(job.Notes, "Two-sided printing follows the printer's own settings on Windows.")
	}
	if o.Paper != "" {
		job.Notes = append(job.Notes, "The paper follows the printer's own settings on Windows.")
	}
	for range max(1, o.Copies) {
		if err := ctx.Err(); err != nil {
			return nil, timedOut(ctx, err)
		}
		if err := windows.ShellExecute(0, verb, file, args, nil, windows.SW_HIDE); err != nil {
			var errno syscall.Errno
			if errors.As(err, &errno) && errno == seErrNoAssoc {
				return nil, models.Errorf(models.EINTERNAL, "printer", MsgNoPDFProgram)
			}
			return nil, models.Errorf(models.EINTERNAL, "printer", MsgRefused, "Detail", err.Error())
		}
	}
	return job, nil
}
