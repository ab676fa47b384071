// Command pathways answers career-pathway questions on the repertoire of
// the 35 digital métiers and on ROME, from a terminal or over HTTP.
//
// Usage:
//
//	pathways <command> [arguments] [flags]
//
// Run "pathways help" for the commands.
package main

import (
	"context"
	"errors"
	"io"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/pathways"
)

func main() { cli.Main(run, exitCode) }

// run runs the command args name and returns its error, already written
// to stderr, or as the JSON error document on stdout with --json.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := &options{stdout: stdout, stderr: stderr}
	// --json decides how errors are written, even an error in an earlier
	// flag: look for it first.
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--json" || a == "-json" || a == "--json=true" || a == "-json=true" {
			o.json = true
		}
	}
	return report(o, cli.Execute(ctx, newRoot(o), args, stdout, stderr))
}

// exitCode is cli.ExitCode, with a query error (bad or unknown input) a
// usage error.
func exitCode(err error) int {
	if qe := (*pathways.Error)(nil); errors.As(err, &qe) {
		return cli.ExitUsage
	}
	return cli.ExitCode(err)
}
