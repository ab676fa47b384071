package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newJobsCmd(o *options) *cobra.Command {
	return &cobra.Command{Use: "jobs", Short: "liste les métiers du répertoire", RunE: list(o, pathways.Jobs, printJobs)}
}

// printJobs lists the jobs by family, each with its level.
func printJobs(w io.Writer, g *graph.Graph, doc pathways.JobList) {
	family := ""
	for _, j := range doc.Jobs {
		if j.Family != family {
			family = j.Family
			title := family
			if f, ok := g.Family(family); ok {
				title = f.Title
			}
			fmt.Fprintf(w, "\n%s\n", title)
		}
		card := ""
		if !j.HasCard {
			card = "  (sans fiche)"
		}
		fmt.Fprintf(w, "  %-34s %-8s %s%s\n", j.ID, levelLabel(j.Level), j.Title, card)
	}
}
