// Package graph holds the career graph: jobs, external roles and diploma
// levels as nodes; evolutions, close mobilities and access as edges. It
// loads repertoires (the 35 métiers of "cœur du numérique", ROME), models
// and validates them with github.com/dominikbraun/graph, and builds the
// immutable integer index that package pathways answers queries from.
package graph

import (
	"fmt"
	"strings"
)

// JobID identifies a node: a slug such as "architecte-logiciel", a ROME
// code such as "M1805", "ext-urbaniste" for an external role, or
// "level-bac+2" for a diploma level.
type JobID string

// Kind says what a node stands for.
type Kind string

// The kinds of node.
const (
	KindJob      Kind = "job"      // a job of the repertoire
	KindExternal Kind = "external" // a role named in perspectives, not in the repertoire
	KindLevel    Kind = "level"    // a diploma level
	// KindDirection is a direction named in perspectives ("Vers les
	// métiers du management"): a node of the graph, never a role to aim for.
	KindDirection Kind = "direction"
)

// NameKind says where a name of a job comes from.
type NameKind string

// The kinds of name a job is known by.
const (
	NameID          NameKind = "id"
	NameTitle       NameKind = "title"
	NameSynonym     NameKind = "synonym"
	NameAcronym     NameKind = "acronym"
	NameAppellation NameKind = "appellation"
	NameAlias       NameKind = "alias"
)

// Name is one of the names a job is known by.
type Name struct {
	Text string   `json:"text"`
	Kind NameKind `json:"kind"`
	// Rare marks a name its source says is seldom used (ROME 4.0's
	// peu_usite appellations): resolution ranks it below the others.
	Rare bool `json:"rare,omitempty"`
}

// Job is a node of the graph. Only the fields that apply to its kind and
// dataset are set.
type Job struct {
	ID          JobID      `json:"id"`
	Title       string     `json:"title"`
	Kind        Kind       `json:"kind"`
	Family      string     `json:"family,omitempty"` // family id, or ROME domain such as "M18"
	Level       Level      `json:"level"`
	LevelText   string     `json:"level_text,omitempty"` // the level as printed
	HasCard     bool       `json:"has_card"`
	Names       []Name     `json:"-"` // synonyms, acronyms, appellations, aliases: what resolves to the job
	Card        *Card      `json:"card,omitempty"`
	Rome        []RomeLink `json:"rome,omitempty"`         // ROME cards the job belongs to
	GrandDomain string     `json:"grand_domain,omitempty"` // ROME: first letter of the code
	AccessText  string     `json:"access_text,omitempty"`  // ROME: the access conditions the level was read from
	Fiche       *Fiche     `json:"fiche,omitempty"`        // ROME 4.0: parent, children, domain titles, texts
	// Dataset is the dataset the node comes from, in a graph that joins
	// several; empty means the graph's own (Graph.Dataset).
	Dataset string `json:"dataset,omitempty"`
}

// NamesOf returns the names of j of the given kind.
func (j *Job) NamesOf(k NameKind) []string {
	var out []string
	for _, n := range j.Names {
		if n.Kind == k {
			out = append(out, n.Text)
		}
	}
	return out
}

// Card holds the text of a job card of the "cœur du numérique" repertoire,
// as printed.
type Card struct {
	Description      string     `json:"description"`
	InitialTraining  string     `json:"initial_training"`
	Knowledge        string     `json:"knowledge"`
	Status           string     `json:"status"`
	Environments     string     `json:"environments"`
	PerspectivesText string     `json:"perspectives_text"`
	Perspectives     []string   `json:"perspectives"`
	Trainings        *Trainings `json:"trainings"`
}

// Trainings are the continuing-education figures of a card: trainings the
// Carif-Oref network lists, and how many are eligible to the CPF.
type Trainings struct {
	Text         string `json:"text"`
	Count        *int   `json:"count"`
	CountAtLeast bool   `json:"count_at_least"`
	CPFEligible  *int   `json:"cpf_eligible"`
}

// RomeLink ties a job to a ROME card and says why.
type RomeLink struct {
	Code  string `json:"code"`
	Title string `json:"title,omitempty"`
	Why   string `json:"why,omitempty"`
}

// EdgeType is the kind of a move from one node to another. Types are bits
// so that queries can filter on several at once.
type EdgeType uint8

// The types of edge.
const (
	Evolution EdgeType = 1 << iota // a step up: a perspective of a card, a ROME "Evolution"
	Close                          // a close job: a ROME "Proche" mobility
	Access                         // a level gives access to a job
	Bridge                         // dataset all: the same job in the repertoire and in ROME 4.0; not a step
	// Formation is a study step: no edge of a graph has it; path queries
	// compute such steps from the training text of the target's card.
	Formation
	// Suggestion is a move suggested from skill overlap, not an official
	// one: no loaded graph has it; path, reachable and feeders follow such
	// edges only when asked (types=suggestion).
	Suggestion
)

// Moves is the mask of the edges a career can follow.
const Moves = Evolution | Close

// String returns the type's name: evolution, proche, access, bridge,
// formation or suggestion.
func (t EdgeType) String() string {
	switch t {
	case Evolution:
		return "evolution"
	case Close:
		return "proche"
	case Access:
		return "access"
	case Bridge:
		return "bridge"
	case Formation:
		return "formation"
	case Suggestion:
		return "suggestion"
	}
	return "mixed"
}

// MarshalText encodes t as its name.
func (t EdgeType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Match says how the text behind an edge was tied to its target.
type Match string

// The ways a perspective phrase or a row is matched to its target.
const (
	MatchTitle    Match = "title"    // the phrase is the title of a job
	MatchSynonym  Match = "synonym"  // a synonym printed on a card
	MatchAlias    Match = "alias"    // the reviewed alias table of the dataset
	MatchDomain   Match = "domain"   // the phrase is a ROME card's title and the job belongs to it
	MatchExternal Match = "external" // nothing in the repertoire: an external role
	MatchLevel    Match = "level"    // the job's minimum access level
	MatchRome     Match = "rome"     // a row of the ROME mobility file
	MatchBridge   Match = "bridge"   // a reviewed link of data/bridge-rome4.json
	MatchV3Title  Match = "v3-title" // dataset all: the phrase is the ROME v3 title of a parent fiche
	MatchSkills   Match = "skills"   // a suggestion: the similarity of the two fiches' skills
)

// Source says which source an edge comes from.
type Source string

// The sources of edges.
const (
	SourceMetiers Source = "metiers" // a card of the repertoire: evidence is its phrase
	SourceROME    Source = "rome"    // ROME: evidence is a mobility row (4.0: its rank) or an access text
	SourceBridge  Source = "bridge"  // the reviewed bridge: evidence is its justification
	SourceSkills  Source = "skills"  // a suggestion from ROME 4.0's skills, not an official move: evidence is the similarity
)

// SourceOfDataset returns the source of the edges a loader of the named
// dataset reads: rome for "rome" and names starting "rome-", metiers
// otherwise. The combined dataset sets each edge's source itself.
func SourceOfDataset(dataset string) Source {
	if dataset == "rome" || strings.HasPrefix(dataset, "rome-") {
		return SourceROME
	}
	return SourceMetiers
}

// Evidence is the source text behind an edge.
type Evidence struct {
	Text  string `json:"text"`
	Match Match  `json:"match"`
	Rank  int    `json:"rank,omitempty"` // ROME 4.0: numero_ordre of the mobility row, 1 first
	// Candidates is, for a match domain, the number of jobs of the
	// repertoire that belong to the ROME card the phrase names: the phrase
	// leads to each of them.
	Candidates int `json:"candidates,omitempty"`
}

// Edge is a move from one node to another, with the text that justifies
// it. There is at most one edge per (From, To, Type).
type Edge struct {
	From     JobID      `json:"from"`
	To       JobID      `json:"to"`
	Type     EdgeType   `json:"type"`
	Source   Source     `json:"source"`
	Evidence []Evidence `json:"evidence"`
}

// Family is a family of jobs of the repertoire, or a ROME domain.
type Family struct {
	ID     string `json:"id"`
	Number int    `json:"number,omitempty"`
	Title  string `json:"title"`
}

// UnmarshalText decodes an edge type from its name, so that Go clients
// can read the documents the API writes.
func (t *EdgeType) UnmarshalText(b []byte) error {
	for _, c := range []EdgeType{Evolution, Close, Access, Bridge, Formation, Suggestion} {
		if c.String() == string(b) {
			*t = c
			return nil
		}
	}
	return fmt.Errorf("type d’arête inconnu %q", b)
}
