package pathways

import (
	"fmt"
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
	rank := ev.Rank
	switch st.Type {
	case graph.Access:
		return fmt.Sprintf("%s est accessible à partir du niveau %s.", st.Title, prev.Title)
	case graph.Bridge:
		return fmt.Sprintf("%s : même métier dans ROME.", st.Title)
	case graph.Suggestion:
		sg := st.Suggestion
		if sg == nil {
			sg = &SuggestedMove{}
		}
		return fmt.Sprintf("%s : %s ; aucune source ne cite ce passage, les compétences %s et celles %s se ressemblent (similarité %s, seuil %s).",
			st.Title, SuggestionNote, of(prev.Title), of(st.Title), decimal(sg.Score), decimal(sg.Threshold))
	}
	if st.Source == graph.SourceROME {
		switch {
		case rank > 0:
			// The sentence of most ROME steps, in one allocation: strconv
			// spells small numbers without one.
			nth, suffix := strconv.Itoa(rank), "e"
			if rank == 1 {
				suffix = "er"
			}
			return "ROME 4.0 cite " + st.Title + " parmi les mobilités " + elided(prev.Title) + prev.Title + ", en " + nth + suffix + " rang."
		case st.Type == graph.Close:
			return fmt.Sprintf("ROME cite %s parmi les métiers proches %s.", st.Title, of(prev.Title))
		}
		return fmt.Sprintf("ROME cite %s parmi les évolutions possibles %s.", st.Title, of(prev.Title))
	}
	s := fmt.Sprintf("La fiche %s cite “%s” parmi ses perspectives d’évolution", prev.Title, st.Evidence)
	switch {
	case st.Match == graph.MatchDomain && ev.Candidates > 1:
		s += fmt.Sprintf(" : c’est l’intitulé d’une fiche ROME dont relèvent %d métiers du répertoire, dont %s", ev.Candidates, st.Title)
	case st.Match == graph.MatchDomain:
		s += fmt.Sprintf(" : c’est l’intitulé d’une fiche ROME dont relève %s", st.Title)
	case st.Match == graph.MatchV3Title:
		s += fmt.Sprintf(" : c’est l’ancien intitulé ROME de %s", st.Title)
	case st.Match == graph.MatchExternal:
		s += " (métier hors du répertoire)"
	}
	return s + "."
}

// studySays is the sentence of a study step towards target: it says that
// the step is computed and quotes the card.
func studySays(st *Study, from, to, target string, src graph.Source) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Poursuite d’études ou formation continue, de %s à %s : étape calculée par nos soins à partir ", from, to)
	if src == graph.SourceROME {
		fmt.Fprintf(&b, "des conditions d’accès de la fiche ROME %s, qui indiquent : « %s »", target, trimQuote(st.Quote))
	} else {
		fmt.Fprintf(&b, "de la fiche %s, qui indique : « %s »", target, trimQuote(st.Quote))
	}
	b.WriteString(".")
	if t := st.Trainings; t != nil && t.Count != nil {
		least := ""
		if t.CountAtLeast {
			least = "au moins "
		}
		fmt.Fprintf(&b, " Le réseau des Carif-Oref recense %s%d %s", least, *t.Count, plural(*t.Count, "formation continue", "formations continues"))
		if t.CPFEligible != nil {
			fmt.Fprintf(&b, ", dont %d %s au compte personnel de formation", *t.CPFEligible,
				plural(*t.CPFEligible, "potentiellement éligible", "potentiellement éligibles"))
		}
		b.WriteString(".")
	}
	return b.String()
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
