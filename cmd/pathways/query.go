package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
)

// query is the RunE of every subcommand that answers a document: check
// its arguments, load the dataset, answer, then write the document as
// JSON with --json, or as text with print.
func query[D any](o *options, check func(args []string) error, answer func(g *graph.Graph, args []string) (D, error), print func(w io.Writer, g *graph.Graph, d D)) func(*cobra.Command, []string) error {
	return func(_ *cobra.Command, args []string) error {
		if err := check(args); err != nil {
			return err
		}
		g, err := loadGraph(o)
		if err != nil {
			return err
		}
		d, err := answer(g, args)
		if err != nil {
			return err
		}
		if o.json {
			return writeJSON(o.stdout, d)
		}
		print(o.stdout, g, d)
		return nil
	}
}

// nargs is the check of a subcommand that takes n arguments; what names
// them in the usage error.
func nargs(n int, what string) func([]string) error {
	return func(args []string) error { return needArgs(args, n, what) }
}
