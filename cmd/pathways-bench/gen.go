package main

import (
	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// Bounds of gen, so that a slip of the finger does not fill the disk.
const (
	maxGenJobs  = 1_000_000
	maxGenEdges = 20_000_000
)

func newGenCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "gen --jobs N --edges M [--seed S] [--families F]",
		Short: "écrit un répertoire synthétique, au format de metiers.json, pour les essais de charge",
	}
	jobs := c.Flags().Int("jobs", 1000, "nombre de métiers")
	edges := c.Flags().Int("edges", 5000, "nombre d’arêtes (évolutions et mobilités proches)")
	seed := c.Flags().Uint64("seed", 1, "graine : la même graine donne le même fichier")
	families := c.Flags().Int("families", 9, "nombre de familles de métiers")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := cli.NeedArgs(args, 0, "aucun argument, seulement des options"); err != nil {
			return err
		}
		switch {
		case *jobs < 1 || *jobs > maxGenJobs:
			return cli.Usagef("--jobs doit être compris entre 1 et %d", maxGenJobs)
		case *edges < 0 || *edges > maxGenEdges:
			return cli.Usagef("--edges doit être compris entre 0 et %d", maxGenEdges)
		case int64(*edges) > int64(*jobs)*int64(*jobs-1):
			return cli.Usagef("--edges : %d métiers admettent au plus %d arêtes (une par paire ordonnée)", *jobs, int64(*jobs)*int64(*jobs-1))
		case *families < 1 || *families > *jobs:
			return cli.Usagef("--families doit être compris entre 1 et le nombre de métiers (%d)", *jobs)
		}
		return synthetic.Write(cmd.OutOrStdout(), synthetic.Options{Jobs: *jobs, Edges: *edges, Families: *families, Seed: *seed})
	}
	return c
}
