// Package cupstest runs a CUPS scheduler of its own for the tests of
// printing: cupsd with its configuration and spool in a temporary folder,
// listening on a free port of the loopback interface, and a printer whose
// device is a file, so that a test prints
// through the real lp, lpstat and pdftopdf and reads back the PDF the
// printer received. CUPS_SERVER points the test's commands at it; the
// scheduler is stopped when the test ends. It is not used by the program.
//
// It needs Debian's cups package (scripts/setup.sh installs it) and root,
// as cupsd does; elsewhere the test is skipped, except in CI (CI set, or
// PEIYANG_REQUIRE_CUPS=1, which .ci/run sets), where it fails: the
// printing tests must run there.
package cupstest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Server is a running scheduler.
type Server struct {
	t   testing.TB
	dir string
}

// Start starts a scheduler and sets CUPS_SERVER for the rest of the test.
func Start(t testing.TB) *Server {
	t.Helper()
	// cupsd and lpadmin are in /usr/sbin, which a user's PATH may lack.
	if _, err := exec.LookPath("cupsd"); err != nil {
		if _, err := os.Stat("/usr/sbin/cupsd"); err == nil {
			t.Setenv("PATH", os.Getenv("PATH")+string(os.PathListSeparator)+"/usr/sbin")
		}
	}
	for _, tool := range []string{"cupsd", "lpadmin", "lp", "lpstat"} {
		if _, err := exec.LookPath(tool); err != nil {
			unavailable(t, "%s not found: install cups (scripts/setup.sh does) to test printing", tool)
		}
	}
	if os.Geteuid() != 0 {
		unavailable(t, "cupsd runs as root: the printing tests need root")
	}
	dir, err := os.MkdirTemp("", "peiyang-cups-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, sub := range []string{"state", "cache", "spool", "tmp", "out"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The printer's device writes as the filters' user (lp).
	if err := os.Chmod(filepath.Join(dir, "out"), 0o1777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A port on the loopback interface, not a socket file: with a socket
	// of its own a client cannot fetch a printer's options (lpoptions -l
	// builds the printer's URI from the server's name).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	write(t, filepath.Join(dir, "cupsd.conf"), fmt.Sprintf(cupsdConf, addr, dir))
	write(t, filepath.Join(dir, "cups-files.conf"), strings.ReplaceAll(cupsFilesConf, "DIR", dir))
	write(t, filepath.Join(dir, "pdf.ppd"), ppd)
	cmd := exec.Command("cupsd", "-f", "-c", filepath.Join(dir, "cupsd.conf"), "-s", filepath.Join(dir, "cups-files.conf"))
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start cupsd: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	t.Setenv("CUPS_SERVER", addr)
	s := &Server{t: t, dir: dir}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if out, err := exec.Command("lpstat", "-r").CombinedOutput(); err == nil && strings.Contains(string(out), "is running") {
			break
		}
		if time.Now().After(deadline) {
			errLog, _ := os.ReadFile(filepath.Join(dir, "error_log"))
			t.Fatalf("cupsd did not start: %s\n%s", log.String(), errLog)
		}
	}
	return s
}

// Required reports whether a test that needs CUPS must fail, rather than
// skip, when it cannot start a scheduler: on Linux in CI.
func Required() bool {
	return runtime.GOOS == "linux" && (os.Getenv("CI") != "" || os.Getenv("PEIYANG_REQUIRE_CUPS") == "1")
}

// unavailable skips the test, or fails it where CUPS is Required.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if Required() {
		t.Fatalf("CUPS is required here (CI): "+format, args...)
	}
	t.Skipf(format, args...)
}

// AddPrinter adds a printer that takes PDF (copies made by pdftopdf, A4
// and A3 paper, a duplex unit unless oneSided) and writes each job to
// its file (Job), and makes it the default when asked.
func (s *Server) AddPrinter(name, description string, oneSided, isDefault bool) {
	s.t.Helper()
	p := ppd
	if oneSided {
		p = p[:strings.Index(p, "*OpenUI *Duplex")]
	}
	path := filepath.Join(s.dir, name+".ppd")
	write(s.t, path, p)
	s.run("lpadmin", "-p", name, "-E", "-D", description, "-v", "file://"+s.Job(name), "-P", path)
	if isDefault {
		s.run("lpadmin", "-d", name)
	}
}

// Pause stops the printer (cupsdisable): it keeps jobs without printing.
func (s *Server) Pause(name string) { s.t.Helper(); s.run("cupsdisable", name) }

// Job is the file a printer writes its jobs to.
func (s *Server) Job(printer string) string { return filepath.Join(s.dir, "out", printer+".pdf") }

// WaitJob waits until the printer has written a whole job and returns
// it; the file is removed, for the next one.
func (s *Server) WaitJob(printer string) []byte {
	s.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		out, _ := exec.Command("lpstat", "-o", printer).Output()
		b, err := os.ReadFile(s.Job(printer))
		if err == nil && len(out) == 0 && bytes.Contains(b, []byte("%%EOF")) {
			os.Remove(s.Job(printer))
			return b
		}
		if time.Now().After(deadline) {
			errLog, _ := os.ReadFile(filepath.Join(s.dir, "error_log"))
			s.t.Fatalf("%s printed nothing within 30 s (queue: %s)\n%s", printer, out, tail(string(errLog), 3000))
		}
	}
}

func (s *Server) run(name string, args ...string) {
	s.t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		s.t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// cupsdConf listens on the loopback port only and lets anyone do
// anything: the scheduler lives as long as one test.
const cupsdConf = `Listen %s
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
Printcap %s/printcap
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
`

// cupsFilesConf keeps every file in the folder and allows file: devices.
const cupsFilesConf = `FileDevice Yes
ServerRoot DIR
StateDir DIR/state
CacheDir DIR/cache
RequestRoot DIR/spool
TempDir DIR/tmp
ErrorLog DIR/error_log
AccessLog DIR/access_log
PageLog DIR/page_log
SystemGroup root
`

// ppd describes a printer that takes PDF as it is (pdftopdf only applies
// the copies, which it makes itself), with A4 and A3 paper and a duplex
// unit.
const ppd = `*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "PEIYANG.PPD"
*Manufacturer: "Peiyang"
*Product: "(Peiyang PDF)"
*ModelName: "Peiyang PDF"
*ShortNickName: "Peiyang PDF"
*NickName: "Peiyang PDF test printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsManualCopies: True
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageSize A3/A3: "<</PageSize[842 1191]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*PageRegion A3/A3: "<</PageSize[842 1191]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*ImageableArea A3/A3: "0 0 842 1191"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*PaperDimension A3/A3: "842 1191"
*OpenUI *Duplex/2-Sided Printing: PickOne
*OrderDependency: 10 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: "<</Duplex false>>setpagedevice"
*Duplex DuplexNoTumble/Long Edge: "<</Duplex true/Tumble false>>setpagedevice"
*Duplex DuplexTumble/Short Edge: "<</Duplex true/Tumble true>>setpagedevice"
*CloseUI: *Duplex
`
