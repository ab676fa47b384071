package main

import (
	"context"
	"flag"

	"github.com/pathways-fr/pathways/internal/synthetic"
)

// Bounds of gen, so that a slip of the finger does not fill the disk.
const (
	maxGenJobs  = 1_000_000
	maxGenEdges = 20_000_000
)

func init() {
	register(command{name: "gen", args: "--jobs N --edges M [--seed S] [--families F]", summary: "écrit un répertoire synthétique, au format de metiers.json, pour les essais de charge",
		setup: func(fs *flag.FlagSet, o *options) func(context.Context, *options, []string) error {
			jobs := fs.Int("jobs", 1000, "nombre de métiers")
			edges := fs.Int("edges", 5000, "nombre d'arêtes (évolutions et mobilités proches)")
			seed := fs.Uint64("seed", 1, "graine : la même graine donne le même fichier")
			families := fs.Int("families", 9, "nombre de familles de métiers")
			return func(ctx context.Context, o *options, args []string) error {
				if err := needArgs(args, 0, "aucun argument, seulement des options"); err != nil {
					return err
				}
				switch {
				case *jobs < 1 || *jobs > maxGenJobs:
					return usagef("--jobs doit être compris entre 1 et %d", maxGenJobs)
				case *edges < 0 || *edges > maxGenEdges:
					return usagef("--edges doit être compris entre 0 et %d", maxGenEdges)
				case int64(*edges) > int64(*jobs)*int64(*jobs-1):
					return usagef("--edges : %d métiers admettent au plus %d arêtes (une par paire ordonnée)", *jobs, int64(*jobs)*int64(*jobs-1))
				case *families < 1 || *families > *jobs:
					return usagef("--families doit être compris entre 1 et le nombre de métiers (%d)", *jobs)
				}
				return synthetic.Write(o.stdout, synthetic.Options{Jobs: *jobs, Edges: *edges, Families: *families, Seed: *seed})
			}
		}})
}
