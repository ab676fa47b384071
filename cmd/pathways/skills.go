package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// skillsFor returns the skills of g: those the loader attached to it
// (pathways.AttachSkills), else, for a ROME 4.0 graph or the combined
// dataset, the skills of its release (the folder of --rome-dir, or the
// embedded v4.60), attached to g. ok is false for a dataset without
// skills (the repertoire, ROME v3).
func skillsFor(o *options, g *graph.Graph) (base pathways.SkillBase, ok bool, err error) {
	if base, ok := pathways.SkillsFor(g); ok {
		return base, true, nil
	}
	var fsys fs.FS = data.ROME4()
	switch {
	case g.Dataset == graph.CombinedDataset:
		br, err := graph.ParseBridge(data.BridgeROME4())
		if err != nil {
			return base, false, err
		}
		base.Bridge = pathways.NewBridge(br)
	case strings.HasPrefix(g.Version, "4."):
		if o.romeDir != "" {
			fsys = os.DirFS(o.romeDir)
		}
	default:
		return base, false, nil
	}
	if base.Skills, err = graph.LoadSkills(fsys, g); err != nil {
		return base, false, err
	}
	pathways.AttachSkills(g, base.Skills, base.Bridge)
	return base, true, nil
}

// needSkills is skillsFor for the commands that need skills: a dataset
// without them is the no_skills error.
func needSkills(o *options, g *graph.Graph) (pathways.SkillBase, error) {
	base, ok, err := skillsFor(o, g)
	if err == nil && !ok {
		err = &pathways.Error{Code: pathways.CodeNoSkills, Err: pathways.ErrBadQuery,
			Message: fmt.Sprintf("le jeu de données « %s » n’a pas de compétences : elles viennent de ROME 4.0 (--dataset rome en version 4.0, ou all)", g.Dataset)}
	}
	return base, err
}

var kindTitles = map[graph.SkillKind]string{
	graph.KindKnowHow:   "Savoir-faire",
	graph.KindSoftSkill: "Savoir-être professionnels",
	graph.KindKnowledge: "Savoirs",
}

// skillLine is one skill as printed: its label, its core mark, and the
// fiches it comes from when there are several.
func skillLine(s pathways.SkillDoc) string {
	line := s.Label
	switch s.Core {
	case graph.CorePrincipal:
		line += " ★ principale"
	case graph.CoreEmerging:
		line += " ◆ émergente"
	}
	if len(s.Fiches) > 0 {
		line += " (" + joinIDs(s.Fiches) + ")"
	}
	return line
}

// printSkills writes the skills of a job, grouped by kind and category.
func printSkills(w io.Writer, sk *pathways.JobSkills) {
	var fiches []string
	for _, f := range sk.Fiches {
		fiches = append(fiches, string(f.ID)+" "+f.Title)
	}
	fmt.Fprintf(w, "\nCompétences (ROME 4.0, fiches %s) : %d, dont %d principales et %d émergentes\n",
		strings.Join(fiches, " ; "), sk.Counts.Total, sk.Counts.Principal, sk.Counts.Emerging)
	kind := graph.SkillKind("")
	for _, g := range sk.Groups {
		if g.Kind != kind {
			kind = g.Kind
			fmt.Fprintf(w, "  %s\n", kindTitles[kind])
		}
		fmt.Fprintf(w, "    %s :\n", orDash(g.Category))
		for _, s := range g.Skills {
			fmt.Fprintf(w, "      - %s\n", skillLine(s))
		}
	}
	if len(sk.Contexts) > 0 {
		fmt.Fprintf(w, "  Contextes de travail : %d\n", len(sk.Contexts))
	}
	fmt.Fprintf(w, "  Source : %s\n", sk.Source)
}

// printGaps writes the skills gap of every move of a route that has one.
func printGaps(w io.Writer, p pathways.Path) {
	head := false
	for _, s := range p.Steps {
		g := s.Gap
		if g == nil {
			continue
		}
		if !head {
			fmt.Fprintln(w, "  Compétences, étape par étape :")
			head = true
		}
		fmt.Fprintf(w, "    → %s : %d à acquérir (dont %d principales), %d conservées\n", s.Title, g.Learn.Total, g.Learn.Principal, g.Keep.Total)
		for _, sk := range g.ToLearn {
			if sk.Core == graph.CorePrincipal {
				fmt.Fprintf(w, "        + %s\n", sk.Label)
			}
		}
	}
}

// addSkills sets the skills of a job's card when its dataset has some; a
// job with no fiche has none, which is no error.
func addSkills(o *options, g *graph.Graph, d *pathways.JobDetail) error {
	base, ok, err := skillsFor(o, g)
	if err != nil || !ok {
		return err
	}
	sk, err := pathways.SkillsOf(g, base.Skills, base.Bridge, string(d.ID))
	var qe *pathways.Error
	if errors.As(err, &qe) && qe.Code == pathways.CodeNoSkills {
		return nil
	}
	if err != nil {
		return err
	}
	d.Skills = &sk
	return nil
}

// addGaps sets the skills gap of every move of doc's routes when the
// dataset has skills.
func addGaps(o *options, g *graph.Graph, doc *pathways.Paths, limit int) error {
	base, ok, err := skillsFor(o, g)
	if err != nil || !ok {
		return err
	}
	return pathways.AddGaps(doc, g, base, limit)
}
