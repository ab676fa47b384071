package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
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

// list is query for a subcommand that takes no argument and lists what
// the dataset holds.
func list[D any](o *options, answer func(*graph.Graph) D, print func(w io.Writer, g *graph.Graph, d D)) func(*cobra.Command, []string) error {
	return query(o, nargs(0, "aucun argument"), func(g *graph.Graph, _ []string) (D, error) { return answer(g), nil }, print)
}

// withSkills is the answer of a subcommand that needs the skills of its
// dataset: without them, the no_skills error.
func withSkills[D any](o *options, answer func(g *graph.Graph, base pathways.SkillBase, args []string) (D, error)) func(*graph.Graph, []string) (D, error) {
	return func(g *graph.Graph, args []string) (D, error) {
		base, err := needSkills(o, g)
		if err != nil {
			var zero D
			return zero, err
		}
		return answer(g, base, args)
	}
}

// withTypes is the answer of a query that follows the edge types *types
// (read by its check): when they ask for suggested moves, which need
// skills, the skills of g are attached first if it has some. A dataset
// without them is no error here: the query reports no_skills, after the
// errors of its texts, as the API does.
func withTypes[D any](o *options, types *graph.EdgeType, answer func(g *graph.Graph, args []string) (D, error)) func(*graph.Graph, []string) (D, error) {
	return func(g *graph.Graph, args []string) (D, error) {
		if *types&graph.Suggestion != 0 {
			if _, _, err := skillsFor(o, g); err != nil {
				var zero D
				return zero, err
			}
		}
		return answer(g, args)
	}
}

// withGraph is the RunE of a subcommand that takes no argument and writes
// what it makes of the dataset itself: check the flags (check may be
// nil), load the dataset, then run.
func withGraph(o *options, check func() error, run func(ctx context.Context, g *graph.Graph) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		if check != nil {
			if err := check(); err != nil {
				return err
			}
		}
		g, err := loadGraph(o)
		if err != nil {
			return err
		}
		return run(c.Context(), g)
	}
}
