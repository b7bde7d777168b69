package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// On PostgreSQL a statement that fails aborts its whole transaction: the
// statements after it are refused with 25P02, and the failure that says
// what happened (a serialization failure to run again, a constraint) is
// only in the error the failed statement returned. So in the store and in
// the rules that run inside its transactions no error of a call that may
// talk to the database is dropped: not assigned to _, not left unused by
// a call made as a statement, deferred or in a go statement. A call may
// talk to the database when it takes a context.Context or is a method of
// database/sql or pgx (rows.Close, tx.Rollback, stmt.Close...). The check
// reads the packages' syntax with their types (go/types, from the export
// data `go list -export` gives), so a name or a line break cannot fool it.

// queryErrorDirs are the packages checked: the store and those that run
// work inside its transactions.
var queryErrorDirs = []string{"store", "training", "sheets/imports", "certsign", "demo", "backup", "cli"}

// droppedQueryErrorsAllowed are the calls whose error may be dropped, by
// file and function, with the reason.
var droppedQueryErrorsAllowed = map[string]string{
	// The transaction's outcome is decided (committed, rolled back, or a
	// read-only one that is over); a rollback that fails has nothing left
	// to undo, and the server ends the transaction with the connection.
	"store/tx.go (*database/sql.Tx).Rollback": "rollback after the outcome is decided",
	// Cleanups on a connection of their own, outside any transaction:
	// releasing an advisory lock whose connection is closed next (which
	// releases it anyway), dropping what an unfinished restore left.
	"store/postgres.go (*database/sql.Conn).ExecContext": "advisory unlock before closing its connection",
	"store/pgrestore.go (*database/sql.DB).ExecContext":  "best-effort cleanup on the pool, outside a transaction",
	// The listener reconnects after any error of its connection.
	"store/watch.go (*peiyang/store.DB).watch": "the listener's loop makes its connection again",
}

// closesConnection are the methods that close a pool or a connection:
// they end no statement of a transaction (one still open is rolled back
// by the server), so their error may be dropped.
var closesConnection = map[string]bool{
	"(*database/sql.DB).Close":              true,
	"(*database/sql.Conn).Close":            true,
	"(*github.com/jackc/pgx/v5.Conn).Close": true,
}

// exportData returns the export data file of each package the patterns
// depend on, by import path, compiled by the go command as for a build.
func exportData(t *testing.T, patterns ...string) map[string]string {
	t.Helper()
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, patterns...)
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -export: %v\n%s", err, stderr.String())
	}
	files := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		path, file, ok := strings.Cut(sc.Text(), "\t")
		if ok && file != "" {
			files[path] = file
		}
	}
	return files
}

// typeCheck parses the package in dir (its files for this system, tests
// aside) and type-checks it against the export data.
func typeCheck(t *testing.T, fset *token.FileSet, dir string, exports map[string]string) ([]*ast.File, *types.Info) {
	t.Helper()
	bp, err := build.Default.ImportDir(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check(module+"/"+dir, fset, files, info); err != nil {
		t.Fatal(err)
	}
	return files, info
}

// dbCall reports whether the call may talk to the database, and names its
// function ("(*database/sql.Rows).Close", or the called expression).
func dbCall(info *types.Info, call *ast.CallExpr) (string, bool) {
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return "", false // a conversion
	}
	name := types.ExprString(call.Fun)
	var fn *types.Func
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		fn, _ = info.Uses[f].(*types.Func)
	case *ast.SelectorExpr:
		fn, _ = info.Uses[f.Sel].(*types.Func)
	}
	if fn != nil {
		name = fn.FullName()
		if closesConnection[name] {
			return name, false
		}
		if recv := fn.Signature().Recv(); recv != nil && fn.Pkg() != nil {
			p := fn.Pkg().Path()
			if p == "database/sql" || p == "github.com/jackc/pgx/v5" || strings.HasPrefix(p, "github.com/jackc/pgx/v5/") {
				return name, true
			}
		}
	}
	for v := range sig.Params().Variables() {
		if n, ok := v.Type().(*types.Named); ok && n.Obj().Pkg() != nil &&
			n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context" {
			return name, true
		}
	}
	return name, false
}

// errorResults returns the positions of the error results of the call.
func errorResults(info *types.Info, call *ast.CallExpr) []int {
	errType := types.Universe.Lookup("error").Type()
	var out []int
	switch r := info.TypeOf(call).(type) {
	case *types.Tuple:
		for i := range r.Len() {
			if types.Identical(r.At(i).Type(), errType) {
				out = append(out, i)
			}
		}
	case nil:
	default:
		if types.Identical(r, errType) {
			out = append(out, 0)
		}
	}
	return out
}

// droppedErrors lists the calls of the file that talk to the database and
// whose error is dropped, as "file:line: function".
// Allowed drops met are marked in used.
func droppedErrors(fset *token.FileSet, file *ast.File, info *types.Info, used map[string]bool) []string {
	var out []string
	report := func(call *ast.CallExpr, how string) {
		name, ok := dbCall(info, call)
		if !ok || len(errorResults(info, call)) == 0 {
			return
		}
		pos := fset.Position(call.Pos())
		rel := filepath.ToSlash(pos.Filename)
		if _, allowed := droppedQueryErrorsAllowed[rel+" "+name]; allowed {
			used[rel+" "+name] = true
			return
		}
		out = append(out, fmt.Sprintf("%s:%d: %s (%s)", rel, pos.Line, name, how))
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
				report(call, "called as a statement")
			}
		case *ast.DeferStmt:
			report(s.Call, "deferred")
		case *ast.GoStmt:
			report(s.Call, "in a go statement")
		case *ast.AssignStmt:
			blankErrors(info, s, report)
		}
		return true
	})
	return out
}

// blankErrors reports the calls of an assignment whose error result is
// assigned to _.
func blankErrors(info *types.Info, s *ast.AssignStmt, report func(*ast.CallExpr, string)) {
	blank := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && id.Name == "_"
	}
	if len(s.Rhs) == 1 && len(s.Lhs) > 1 {
		if call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); ok {
			for _, i := range errorResults(info, call) {
				if blank(s.Lhs[i]) {
					report(call, "error assigned to _")
				}
			}
		}
		return
	}
	for i, r := range s.Rhs {
		if call, ok := ast.Unparen(r).(*ast.CallExpr); ok && i < len(s.Lhs) && blank(s.Lhs[i]) &&
			len(errorResults(info, call)) > 0 {
			report(call, "error assigned to _")
		}
	}
}

// TestQueryErrorsNotDiscarded fails for every call in the store and the
// rules that may talk to the database and whose error is dropped.
func TestQueryErrorsNotDiscarded(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a check of the source, made on Linux, where the go command lists the packages")
	}
	patterns := make([]string, len(queryErrorDirs))
	for i, d := range queryErrorDirs {
		patterns[i] = "./" + d
	}
	exports := exportData(t, patterns...)
	fset := token.NewFileSet()
	var dropped []string
	used := map[string]bool{}
	for _, dir := range queryErrorDirs {
		files, info := typeCheck(t, fset, dir, exports)
		for _, f := range files {
			dropped = append(dropped, droppedErrors(fset, f, info, used)...)
		}
	}
	sort.Strings(dropped)
	for _, d := range dropped {
		t.Errorf("%s: the error of a call that may talk to the database is dropped; return it (on PostgreSQL the failed statement aborted the transaction)", d)
	}
	for k := range droppedQueryErrorsAllowed {
		if !used[k] {
			t.Errorf("droppedQueryErrorsAllowed[%q] allows a drop that is no longer made: remove it", k)
		}
	}
}

// dropSample drops the errors of database calls in each way the check
// knows, and keeps them in others.
const dropSample = `package sample

import (
	"context"
	"database/sql"
)

func drops(ctx context.Context, tx *sql.Tx, save func(context.Context) error) (n int) {
	rows, _ := tx.QueryContext(ctx, "SELECT 1")
	defer rows.Close()
	_ = rows.Err()
	tx.ExecContext(ctx, "SELECT 2")
	go save(ctx)
	_, _ = n, save(ctx)
	return n
}

func keeps(ctx context.Context, tx *sql.Tx, save func(context.Context) error, db *sql.DB) error {
	defer db.Close()
	if _, err := tx.ExecContext(ctx, "SELECT 3"); err != nil {
		return err
	}
	n, _ := len("x"), 0
	_ = n
	return save(ctx)
}
`

// The check finds every way sample drops an error, and nothing in keeps.
func TestQueryErrorsCheckFindsDrops(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a check of the source, made on Linux, where the go command lists the packages")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sample.go"), []byte(dropSample), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files, info := typeCheck(t, fset, dir, exportData(t, "database/sql"))
	got := droppedErrors(fset, files[0], info, map[string]bool{})
	var lines []string
	for _, d := range got {
		_, after, _ := strings.Cut(d, "sample.go:")
		lines = append(lines, after)
	}
	want := []string{
		"9: (*database/sql.Tx).QueryContext (error assigned to _)",
		"10: (*database/sql.Rows).Close (deferred)",
		"11: (*database/sql.Rows).Err (error assigned to _)",
		"12: (*database/sql.Tx).ExecContext (called as a statement)",
		"13: save (in a go statement)",
		"14: save (error assigned to _)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("the check found\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
