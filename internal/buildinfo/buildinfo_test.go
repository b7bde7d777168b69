package buildinfo

import (
	"os"
	"runtime/debug"
	"strings"
	"testing"
)

func TestLoadReadsTheRepositorysFyneAppTOML(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(data); err != nil {
		t.Fatal(err)
	}
	// The same values the packaging step reads (scripts/dist.sh).
	if !strings.Contains(string(data), `Version = "`+Version()+`"`) {
		t.Errorf("Version() = %q, not the one in FyneApp.toml", Version())
	}
	if Build() < 1 {
		t.Errorf("Build() = %d", Build())
	}
}

func TestParseDetails(t *testing.T) {
	v, b, err := parseDetails([]byte("[Other]\n Version = \"9\"\n[Details]\n  # c\n  Name = \"x\"\n  Version = \"1.2.3\"\n  Build = 7\n[Migrations]\n  fyneDo = true\n"))
	if err != nil || v != "1.2.3" || b != 7 {
		t.Fatalf("parseDetails = %q, %d, %v; want 1.2.3, 7", v, b, err)
	}
	for _, bad := range []string{"[Details]\nName = \"x\"\n", "[Details]\nVersion = 1.2\n", "[Details]\nVersion = \"1\"\nBuild = x\n"} {
		if _, _, err := parseDetails([]byte(bad)); err == nil {
			t.Errorf("parseDetails(%q) accepted", bad)
		}
	}
}

func TestCommit(t *testing.T) {
	cases := []struct {
		settings []debug.BuildSetting
		want     string
	}{
		{nil, "unknown"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}, "0123456789ab"},
		{[]debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}, "0123456789ab-dirty"},
	}
	for _, c := range cases {
		if got := vcsCommit(c.settings); got != c.want {
			t.Errorf("vcsCommit(%v) = %q, want %q", c.settings, got, c.want)
		}
	}
	old := commit
	defer func() { commit = old }()
	commit = "feedfacecafe"
	if got := Commit(); got != "feedfacecafe" {
		t.Errorf("Commit() with the linker's value = %q", got)
	}
	if s := String(); !strings.Contains(s, "feedfacecafe") || !strings.HasPrefix(s, "Peiyang ") {
		t.Errorf("String() = %q", s)
	}
}
