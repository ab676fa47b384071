package main

import (
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
)

// TestUsageErrors checks that every command refuses bad flags and extra
// arguments: exit 2, a message on stderr, nothing on stdout.
func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "--runs", "0x"},
		{"bench", "--runs", "99"},
		{"bench", "extra"},
		{"gen", "--jobs", "0"},
		{"gen", "--jobs", "3", "--edges", "7"},
		{"gen", "--edges", "-1"},
		{"gen", "--jobs", "5", "--edges", "4", "--families", "6"},
		{"gen", "extra"},
		{"gen", "--seed", "-1"},
		{"loadtest", "--duration", "0s"},
		{"loadtest", "--clients", "0"},
		{"loadtest", "--clients", "1000"},
		{"loadtest", "en-trop"},
		{"scenarios", "--only", "nope"},
		{"scenarios", "--reloads", "1"},
		{"scenarios", "--idle-conns", "20000"},
		{"scenarios", "--export-conns", "0"},
		{"scenarios", "--hammer", "0s"},
		{"scenarios", "en-trop"},
	} {
		out, errs, code := runTool(t, args...)
		if code != cli.ExitUsage || out != "" || errs == "" {
			t.Errorf("pathways-bench %s: exit %d, stdout %q, stderr %q; want exit %d and a message", strings.Join(args, " "), code, out, errs, cli.ExitUsage)
		}
	}
}
