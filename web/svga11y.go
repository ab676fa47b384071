package web

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// Graphviz names the SVG after the digraph and each group after its DOT
// ID ("carte", "n10", "n10->n11"): screen readers would read those names.
// writeDOT writes, as DOT comments, the title and the description the SVG
// should carry instead; accessibleSVG puts them in and drops Graphviz's.

const (
	dotTitlePrefix = "// title: "
	dotDescPrefix  = "// desc: "
)

var (
	groupTitle = regexp.MustCompile(`(?m)^<title>[^<]*</title>\n`)
	svgOpen    = regexp.MustCompile(`<svg[^>]*>`)
)

// accessibleSVG returns svg, drawn from dot, with Graphviz's <title>s
// removed and the title and description dot names as the first children
// of <svg>, which is marked as one image.
func accessibleSVG(svg, dot []byte) []byte {
	title, desc := dotComment(dot, dotTitlePrefix), dotComment(dot, dotDescPrefix)
	loc := svgOpen.FindIndex(svg)
	if loc == nil {
		return svg
	}
	var b bytes.Buffer
	b.Grow(len(svg) + len(title) + len(desc) + 64)
	b.Write(svg[:loc[1]-1])
	b.WriteString(` role="img">`)
	if title != "" {
		fmt.Fprintf(&b, "\n<title>%s</title>", xmlText(title))
	}
	if desc != "" {
		fmt.Fprintf(&b, "\n<desc>%s</desc>", xmlText(desc))
	}
	b.Write(groupTitle.ReplaceAll(svg[loc[1]:], nil))
	return b.Bytes()
}

// dotComment returns the text of the first line of dot that starts with
// prefix, once indented.
func dotComment(dot []byte, prefix string) string {
	for line := range bytes.Lines(dot) {
		if s, ok := strings.CutPrefix(strings.TrimSpace(string(line)), prefix); ok {
			t, err := url.QueryUnescape(s)
			if err != nil {
				return ""
			}
			return t
		}
	}
	return ""
}

// describeView summarises v in words, for the SVG's <desc>: its caption,
// what it shows in evidence, and what colours and greyed boxes mean.
func describeView(g *graph.Graph, v *view) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(v.caption, "."))
	b.WriteString(".")
	if v.Families != nil {
		fmt.Fprintf(&b, " %d familles de métiers et %d liens entre familles.", len(v.Families), len(v.Links))
		return b.String()
	}
	var shown, faded []string
	for _, n := range v.Nodes {
		j := g.Node(n.Node)
		switch {
		case n.Mark == pathways.MarkFaded:
			faded = append(faded, j.Title)
		case n.Mark >= pathways.MarkRoute || len(shown) < 30:
			shown = append(shown, j.Title)
		}
	}
	fmt.Fprintf(&b, " %d nœuds et %d liens.", len(v.Nodes), len(v.Edges)+len(v.Studies))
	if len(shown) > 0 {
		fmt.Fprintf(&b, " Sur la carte : %s.", strings.Join(shown, ", "))
	}
	if len(faded) > 0 {
		fmt.Fprintf(&b, " En grisé, %d métiers voisins.", len(faded))
	}
	b.WriteString(" La couleur d’un métier dit son niveau minimum d’accès, du plus clair (CAP) au plus foncé (Bac +5).")
	return b.String()
}

// commentText makes s fit a DOT comment line: escaped as in a URL, so
// that no text of a card (quotes, braces, bidirectional controls) reaches
// the DOT as such.
func commentText(s string) string { return url.QueryEscape(cleanText(s)) }
