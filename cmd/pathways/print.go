package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The pieces the text printers of several subcommands share: each
// subcommand's file holds its own printer, built from these.

// titles lists the titles of jobs, the first six of them.
func titles(js []pathways.JobSummary) string {
	var s []string
	for _, j := range js {
		s = append(s, j.Title)
	}
	if len(s) > 6 {
		s = append(s[:6], fmt.Sprintf("… (%d en tout)", len(js)))
	}
	return strings.Join(s, ", ")
}

// joinIDs lists ids, separated by commas; « aucun » for none.
func joinIDs(ids []graph.JobID) string {
	if len(ids) == 0 {
		return "aucun"
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

// levelLabel is a job's level, « — » for none.
func levelLabel(l *string) string {
	if l == nil {
		return "—"
	}
	return *l
}

// orDash is s, « non précisé » when it is empty.
func orDash(s string) string {
	if s == "" {
		return "non précisé"
	}
	return s
}

// plural returns n and the word, in the plural unless n is 0 or 1.
func plural(n int, one, many string) string {
	if n <= 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// printAmbiguities says which texts of a query name several jobs, and
// how to keep one.
func printAmbiguities(w io.Writer, as []pathways.Ambiguity) {
	for _, a := range as {
		names := make([]string, len(a.Candidates))
		for i, c := range a.Candidates {
			names[i] = c.Title
		}
		fmt.Fprintf(w, "« %s » désigne %d métiers : %s. La réponse les prend tous ; donnez l’identifiant pour n’en garder qu’un.\n",
			a.Text, len(a.Candidates), strings.Join(names, ", "))
	}
}

// printRoles writes the roles of a reach, each with the job it is
// reached via (or leads to).
func printRoles(w io.Writer, doc pathways.Reach, via string) {
	n := 0
	for _, r := range doc.Roles {
		if r.Distance == 0 && doc.Level == nil {
			continue
		}
		n++
		ext := ""
		if r.Kind == "external" {
			ext = " (hors répertoire)"
		}
		v := ""
		if r.Via != nil {
			v = fmt.Sprintf("  (%s %s)", via, *r.Via)
		}
		if r.Suggestion != nil {
			v += fmt.Sprintf("  ⚑ %s, similarité %s", pathways.SuggestionNote, pathways.Decimal(r.Suggestion.Score))
		} else if r.Suggested {
			v += "  ⚑ par une " + pathways.SuggestionNote
		}
		fmt.Fprintf(w, "  %d  %-8s %s%s%s\n", r.Distance, levelLabel(r.Level), r.Title, ext, v)
	}
	if n == 0 {
		fmt.Fprintln(w, "  (aucun)")
	}
	for _, d := range doc.Directions {
		fmt.Fprintf(w, "  Orientation citée, pas un métier : %s (%s %s)\n", d.Title, via, *d.Via)
	}
}
