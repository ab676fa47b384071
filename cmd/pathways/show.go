package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

func newShowCmd(o *options) *cobra.Command {
	return &cobra.Command{Use: "show ID", Short: "affiche la fiche d’un métier, d’où il vient et où il mène",
		RunE: query(o, nargs(1, "l’identifiant d’un métier"), func(g *graph.Graph, args []string) (pathways.JobDetail, error) {
			return showJob(o, g, args[0])
		}, printJob)}
}

// showJob is the card of a job, with the métiers a ROME card belongs to
// and its skills.
func showJob(o *options, g *graph.Graph, id string) (pathways.JobDetail, error) {
	d, err := pathways.Show(g, id)
	if err != nil {
		return d, err
	}
	if o.dataset == datasets.ROME || o.dataset == datasets.ROMEv3 {
		// The way back from a ROME card to the métiers.
		m, err := datasets.Load(datasets.Options{}, datasets.Metiers)
		if err != nil {
			return d, err
		}
		d.Metiers = pathways.RomeMembers(m, string(d.ID))
	}
	err = addSkills(o, g, &d)
	return d, err
}

// printJob writes the card of a job, where it leads and what leads to it.
func printJob(w io.Writer, _ *graph.Graph, d pathways.JobDetail) {
	fmt.Fprintf(w, "%s (%s)\n", d.Title, d.ID)
	if d.FamilyTitle != "" {
		fmt.Fprintf(w, "Famille : %s\n", d.FamilyTitle)
	}
	fmt.Fprintf(w, "Niveau minimum d’accès : %s\n", orDash(d.LevelText))
	if len(d.Synonyms) > 0 {
		fmt.Fprintf(w, "Synonymes : %s\n", strings.Join(d.Synonyms, " ; "))
	}
	if c := d.Card; c != nil {
		section(w, "Description", c.Description)
		section(w, "Formation initiale", c.InitialTraining)
		section(w, "Connaissances et compétences", c.Knowledge)
		if c.Trainings != nil {
			section(w, "Formation continue", c.Trainings.Text)
		}
		section(w, "Statut", c.Status)
		section(w, "Environnements porteurs", c.Environments)
	} else if d.Kind == "job" && !d.HasCard {
		fmt.Fprintln(w, "Ce métier est cité dans l’introduction de sa famille, sans fiche.")
	}
	if d.AccessText != "" {
		section(w, "Accès à l’emploi", d.AccessText)
	}
	for _, r := range d.Rome {
		fmt.Fprintf(w, "ROME : %s %s\n", r.Code, r.Title)
	}
	for _, m := range d.Metiers {
		fmt.Fprintf(w, "Métier du numérique rattaché : %s (%s)\n", m.Title, m.ID)
	}
	if d.Skills != nil {
		printSkills(w, d.Skills)
	}
	fmt.Fprintln(w, "\nMène à :")
	if len(d.Evolutions) == 0 {
		fmt.Fprintln(w, "  (aucune évolution connue)")
	}
	for _, l := range d.Evolutions {
		fmt.Fprintf(w, "  → %s (%s)  « %s »\n", l.Title, l.To, l.Evidence)
	}
	fmt.Fprintln(w, "\nY mènent :")
	if len(d.Feeders) == 0 {
		fmt.Fprintln(w, "  (aucun métier connu)")
	}
	for _, l := range d.Feeders {
		fmt.Fprintf(w, "  ← %s (%s)  « %s »\n", l.Title, l.From, l.Evidence)
	}
}

func section(w io.Writer, title, text string) {
	if text != "" {
		fmt.Fprintf(w, "\n%s :\n  %s\n", title, text)
	}
}
