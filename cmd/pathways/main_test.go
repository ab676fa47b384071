package main

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pathways-fr/pathways/web"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	web.ServeIfRenderWorker() // the renderer starts this test binary as its worker
	// Scripts run "pathways" as this test binary calling main.
	testscript.Main(m, map[string]func(){"pathways": main})
}

// TestScripts runs the transcripts of testdata/script: the commands as
// people type them, and what they print. go test -update rewrites the
// expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"counts": cmdCounts},
		Setup:         setupScript,
	})
}

// setupScript gives scripts $ROME4, the folder of the embedded ROME 4.0
// release, for --rome-dir: the skills scripts run on ROME 4.0 whichever
// release --dataset rome names.
func setupScript(env *testscript.Env) error {
	dir, err := filepath.Abs(filepath.Join("..", "..", "data", "rome4"))
	env.Setenv("ROME4", dir)
	return err
}
