package pathways

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pathways-fr/pathways/graph"
)

// says returns the sentence, in plain French, that tells why a route goes
// from prev to st: what the source says, without its match kinds or line
// numbers (the step's Match and Evidence keep them). ev is the edge's
// first evidence: its ROME 4.0 rank, and for a ROME card's title the
// number of repertoire jobs that belong to the card.
func says(prev, st Step, ev graph.Evidence) string {
	switch st.Type {
	case graph.Access:
		return sentence(st.Title, " est accessible à partir du niveau ", prev.Title, ".")
	case graph.Bridge:
		return st.Title + " : même métier dans ROME."
	case graph.Suggestion:
		sg := st.Suggestion
		if sg == nil {
			sg = &SuggestedMove{}
		}
		return sentence(st.Title, " : ", SuggestionNote, " ; aucune source ne cite ce passage, les compétences ", of(prev.Title),
			" et celles ", of(st.Title), " se ressemblent (similarité ", Decimal(sg.Score), ", seuil ", Decimal(sg.Threshold), ").")
	}
	if st.Source == graph.SourceROME {
		switch {
		case ev.Rank > 0:
			return sentence("ROME 4.0 cite ", st.Title, " parmi les mobilités ", elided(prev.Title), prev.Title, ", en ", ordinal(ev.Rank), " rang.")
		case st.Type == graph.Close:
			return sentence("ROME cite ", st.Title, " parmi les métiers proches ", elided(prev.Title), prev.Title, ".")
		}
		return sentence("ROME cite ", st.Title, " parmi les évolutions possibles ", elided(prev.Title), prev.Title, ".")
	}
	head := []string{"La fiche ", prev.Title, " cite “", st.Evidence, "” parmi ses perspectives d’évolution"}
	switch {
	case st.Match == graph.MatchDomain && ev.Candidates > 1:
		return sentence(append(head, " : c’est l’intitulé d’une fiche ROME dont relèvent ", strconv.Itoa(ev.Candidates),
			" métiers du répertoire, dont ", st.Title, ".")...)
	case st.Match == graph.MatchDomain:
		return sentence(append(head, " : c’est l’intitulé d’une fiche ROME dont relève ", st.Title, ".")...)
	case st.Match == graph.MatchV3Title:
		return sentence(append(head, " : c’est l’ancien intitulé ROME de ", st.Title, ".")...)
	case st.Match == graph.MatchExternal:
		return sentence(append(head, " (métier hors du répertoire).")...)
	}
	return sentence(append(head, ".")...)
}

// sentence returns the sentence of the step along edge e of g, from its
// From node to its To node, as says writes it; written on first use.
func (f *edgeFacts) sentence(g *graph.Graph, e int32) string {
	if s := f.says[e].Load(); s != nil {
		return *s
	}
	var ev graph.Evidence
	if evs := g.Edge(e).Evidence; len(evs) > 0 {
		ev = evs[0]
	}
	s := says(edgeStep(g, e, false), edgeStep(g, e, true), ev)
	f.says[e].Store(&s)
	return s
}

// edgeStep is the step at an end of edge e, its To end if to, with what
// says reads of it: the title, and at the To end the edge's type, source,
// first evidence and suggestion.
func edgeStep(g *graph.Graph, e int32, to bool) Step {
	ed := g.Edge(e)
	if !to {
		n, _ := g.Index(ed.From)
		return Step{Title: g.Node(n).Title}
	}
	n, _ := g.Index(ed.To)
	st := Step{Title: g.Node(n).Title, Type: ed.Type, Source: ed.Source, Suggestion: suggestedMove(g, e)}
	if len(ed.Evidence) > 0 {
		st.Evidence, st.Match = ed.Evidence[0].Text, ed.Evidence[0].Match
	}
	return st
}

// sentence joins its parts in one allocation: the steps of a route each
// have one, written on every answer.
func sentence(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(p)
	}
	return b.String()
}

// studySays is the sentence of a study step towards target: it says that
// the step is computed and quotes the card.
func studySays(st *Study, from, to, target string, src graph.Source) string {
	var buf [24]string
	parts := append(buf[:0], "Poursuite d’études ou formation continue, de ", from, " à ", to, " : étape calculée par nos soins à partir ")
	if src == graph.SourceROME {
		parts = append(parts, "des conditions d’accès de la fiche ROME ", target, ", qui indiquent : « ", trimQuote(st.Quote), " »")
	} else {
		parts = append(parts, "de la fiche ", target, ", qui indique : « ", trimQuote(st.Quote), " »")
	}
	parts = append(parts, ".")
	if t := st.Trainings; t != nil && t.Count != nil {
		least := ""
		if t.CountAtLeast {
			least = "au moins "
		}
		parts = append(parts, " Le réseau des Carif-Oref recense ", least, strconv.Itoa(*t.Count), " ",
			plural(*t.Count, "formation continue", "formations continues"))
		if t.CPFEligible != nil {
			parts = append(parts, ", dont ", strconv.Itoa(*t.CPFEligible), " ",
				plural(*t.CPFEligible, "potentiellement éligible", "potentiellement éligibles"), " au compte personnel de formation")
		}
		parts = append(parts, ".")
	}
	return sentence(parts...)
}

// ordinal writes n as a French ordinal: 1er, 2e…
func ordinal(n int) string {
	if n == 1 {
		return "1er"
	}
	return strconv.Itoa(n) + "e"
}

// trimQuote trims the space and final period of a quoted text, which the
// sentence quoting it ends.
func trimQuote(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
}

// of writes "de title", elided before a vowel: « d’Études et
// développement », « de Technicien Cloud ».
func of(title string) string { return elided(title) + title }

// elided returns the "de" of of: « d’ » before a vowel, else « de ».
func elided(title string) string {
	r, _ := utf8.DecodeRuneInString(title)
	if strings.ContainsRune("AÂÀEÉÈÊIÎOÔUYaâàeéèêiîoôuy", r) {
		return "d’"
	}
	return "de "
}

// plural returns one for n of 0 or 1, as French counts them, else many.
func plural(n int, one, many string) string {
	if n <= 1 {
		return one
	}
	return many
}
