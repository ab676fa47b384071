package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/pathways-fr/pathways/pathways"
)

func init() {
	register(command{name: "jobs", summary: "liste les métiers du répertoire",
		setup: func(fs *flag.FlagSet, o *options) func(context.Context, *options, []string) error {
			return func(ctx context.Context, o *options, args []string) error {
				if err := needArgs(args, 0, "aucun argument"); err != nil {
					return err
				}
				g, err := loadGraph(o)
				if err != nil {
					return err
				}
				doc := pathways.Jobs(g)
				if o.json {
					return writeJSON(o.stdout, doc)
				}
				family := ""
				for _, j := range doc.Jobs {
					if j.Family != family {
						family = j.Family
						title := family
						if f, ok := g.Family(family); ok {
							title = f.Title
						}
						fmt.Fprintf(o.stdout, "\n%s\n", title)
					}
					card := ""
					if !j.HasCard {
						card = "  (sans fiche)"
					}
					fmt.Fprintf(o.stdout, "  %-34s %-8s %s%s\n", j.ID, levelLabel(j.Level), j.Title, card)
				}
				return nil
			}
		}})
}

func levelLabel(l *string) string {
	if l == nil {
		return "—"
	}
	return *l
}
