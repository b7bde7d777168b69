package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The rules of ARCHITECTURE.md that the compiler does not check: which
// package may import which, the store reached only through the rules, and
// the sizes that keep the code readable (functions of at most 80 lines
// outside demo/ and bench/, files of at most 400 lines in app/).

const module = "peiyang"

// storeFilesOfCLI are the command line's files that may name the store:
// they open databases (env.go hands one to the service; cmd_copy.go
// copies one whole database into another; window_safety.go opens the
// shared database the window asks for).
var storeFilesOfCLI = []string{"cli/env.go", "cli/cmd_copy.go", "cli/window_safety.go"}

// packageDirs lists the folders of the module that hold Go files, as
// slash paths relative to the module ("." for the root).
func packageDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "dist") {
			return filepath.SkipDir
		}
		dirs = append(dirs, filepath.ToSlash(p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// importGraph returns, for the system goos, each package of the module
// and the packages of the module it imports (tests aside).
func importGraph(t *testing.T, goos string) map[string][]string {
	t.Helper()
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = goos, "amd64", true
	graph := map[string][]string{}
	for _, dir := range packageDirs(t) {
		pkg, err := ctx.ImportDir(dir, 0)
		var none *build.NoGoError
		if errors.As(err, &none) {
			continue
		}
		if err != nil {
			t.Fatalf("%s (%s): %v", dir, goos, err)
		}
		var ours []string
		for _, imp := range pkg.Imports {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				ours = append(ours, imp)
			}
		}
		graph[path.Join(module, dir)] = ours
	}
	return graph
}

// deps returns every package of the module that pkg imports, directly or
// not.
func deps(graph map[string][]string, pkg string) map[string]bool {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(p string) {
		for _, d := range graph[p] {
			if !seen[d] {
				seen[d] = true
				visit(d)
			}
		}
	}
	visit(pkg)
	return seen
}

func TestImportRules(t *testing.T) {
	for _, goos := range []string{"linux", "windows"} {
		graph := importGraph(t, goos)
		if len(graph[module+"/models"]) > 0 {
			t.Errorf("%s: models imports %v; it imports nothing of ours", goos, graph[module+"/models"])
		}
		for pkg := range graph {
			all := deps(graph, pkg)
			var forbidden []string
			switch {
			case pkg == module+"/training":
				forbidden = []string{"store", "app", "cli"}
			case pkg == module+"/app" || strings.HasPrefix(pkg, module+"/app/"):
				forbidden = []string{"store", "cli"}
			}
			for _, f := range forbidden {
				if all[module+"/"+f] {
					t.Errorf("%s: %s imports %s/%s (directly or through another package); it reaches the store through training", goos, pkg, module, f)
				}
			}
		}
	}
}

// sourceFiles returns the Go files below dir (slash paths), tests
// included, skipping hidden folders and testdata.
func sourceFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") {
			files = append(files, filepath.ToSlash(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestStoreOnlyThroughTraining(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{"app", "cli"} {
		for _, file := range sourceFiles(t, dir) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(src), "Store()") {
				t.Errorf("%s calls Store(): the window and the command line speak to training's services", file)
			}
			if strings.HasSuffix(file, "_test.go") {
				continue // tests set up real databases
			}
			f, err := parser.ParseFile(fset, file, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				if imp.Path.Value == `"`+module+`/store"` && !slices.Contains(storeFilesOfCLI, file) {
					t.Errorf("%s imports the store; only %v open databases", file, storeFilesOfCLI)
				}
			}
		}
	}
}

// funcLength is a function of a file, and its length in lines from the
// line of func to the line of its closing brace.
type funcLength struct {
	where string
	lines int
}

// longFunctions returns the functions (and function literals) of the file
// longer than max lines.
func longFunctions(fset *token.FileSet, file string, max int) ([]funcLength, error) {
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		return nil, err
	}
	var out []funcLength
	ast.Inspect(f, func(n ast.Node) bool {
		var body *ast.BlockStmt
		name := "a function literal"
		switch x := n.(type) {
		case *ast.FuncDecl:
			body, name = x.Body, x.Name.Name
		case *ast.FuncLit:
			body = x.Body
		}
		if body == nil {
			return true
		}
		start := fset.Position(n.Pos())
		if lines := fset.Position(body.End()).Line - start.Line + 1; lines > max {
			out = append(out, funcLength{fmt.Sprintf("%s:%d %s", file, start.Line, name), lines})
		}
		return true
	})
	return out, nil
}

func TestFunctionsUnder80Lines(t *testing.T) {
	fset := token.NewFileSet()
	var long []funcLength
	for _, file := range sourceFiles(t, ".") {
		if strings.HasPrefix(file, "demo/") || strings.HasPrefix(file, "bench/") {
			continue
		}
		fs, err := longFunctions(fset, file, 80)
		if err != nil {
			t.Fatal(err)
		}
		long = append(long, fs...)
	}
	sort.Slice(long, func(i, j int) bool { return long[i].where < long[j].where })
	for _, f := range long {
		t.Errorf("%s has %d lines: a function has at most 80 (outside demo/ and bench/); split it into steps with names", f.where, f.lines)
	}
}

func TestAppFilesUnder400Lines(t *testing.T) {
	for _, file := range sourceFiles(t, "app") {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(src), "\n"); n > 400 {
			t.Errorf("%s has %d lines: a file of the window has at most 400; move a part that stands on its own into a file named for it", file, n)
		}
	}
}
