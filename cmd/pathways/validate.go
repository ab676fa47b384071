package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
)

func newValidateCmd(o *options) *cobra.Command {
	c := &cobra.Command{Use: "validate", Short: "rapport de qualité des données",
		Long: "Rapport de qualité des données, groupé par fiche\u202f: chaque défaut de la source une fois,\n" +
			"avec sa citation et, pour le répertoire embarqué, la ligne du texte source (data/source)."}
	c.RunE = func(_ *cobra.Command, args []string) error {
		if err := needArgs(args, 0, "aucun argument"); err != nil {
			return err
		}
		g, err := loadGraph(o)
		if err != nil {
			if o.json {
				return err
			}
			fmt.Fprintln(o.stdout, "Données refusées\u202f:")
			fmt.Fprintln(o.stdout, err)
			return cli.ErrReported
		}
		probs := qualityReport(g, o)
		if o.json {
			return writeJSON(o.stdout, map[string]any{"dataset": g.Dataset, "nodes": g.Len(), "edges": len(g.Edges()), "problems": probs})
		}
		writeReport(o.stdout, g, probs)
		return nil
	}
	return c
}

// qualityReport returns the problems of g grouped by card, in the order of the
// ids, the problems of the dataset as a whole first; for the embedded
// repertoire, each quote is located in the source text.
func qualityReport(g *graph.Graph, o *options) []graph.Problem {
	probs := slices.Clone(g.Problems())
	if g.Dataset == "metiers" && o.data == "" {
		graph.LocateQuotes(g, probs, data.Source())
	}
	slices.SortStableFunc(probs, func(a, b graph.Problem) int { return cmp.Compare(a.Job, b.Job) })
	return probs
}

var severityLabel = map[graph.Severity]string{
	graph.SeverityError: "erreur", graph.SeverityWarning: "défaut", graph.SeverityInfo: "remarque",
}

func writeReport(w io.Writer, g *graph.Graph, probs []graph.Problem) {
	counts := map[graph.Severity]int{}
	for _, p := range probs {
		counts[p.Severity]++
	}
	fmt.Fprintf(w, "Jeu de données %s\u202f: %s, %s\n", g.Dataset, plural(g.Len(), "nœud", "nœuds"), plural(len(g.Edges()), "arête", "arêtes"))
	fmt.Fprintf(w, "%s, %s de la source, %s\n", plural(counts[graph.SeverityError], "erreur", "erreurs"),
		plural(counts[graph.SeverityWarning], "défaut", "défauts"), plural(counts[graph.SeverityInfo], "remarque", "remarques"))
	card := graph.JobID("\x00")
	for _, p := range probs {
		if p.Job != card {
			card = p.Job
			fmt.Fprintln(w)
			switch j := g.Job(p.Job); {
			case p.Job == "":
				fmt.Fprintln(w, "Jeu de données")
			case j != nil:
				fmt.Fprintf(w, "%s (%s)\n", j.Title, j.ID)
			default:
				fmt.Fprintln(w, p.Job)
			}
		}
		where := p.Field
		if p.Line > 0 {
			where = fmt.Sprintf("%s, ligne %d", where, p.Line)
		}
		fmt.Fprintf(w, "  %s %s [%s]\u202f: %s\n", severityLabel[p.Severity], p.Code, where, p.Message)
		if p.Quote != "" {
			fmt.Fprintf(w, "    « %s »\n", p.Quote)
		}
	}
}
