package pathways

import (
	"slices"

	"github.com/pathways-fr/pathways/graph"
)

// The documents below are the JSON contract of the CLI's --json output
// and of the HTTP API. Change them only in ways that keep old clients
// working.

// Node is what every document says of a node first: a JobSummary, a
// Match and a Role embed it.
type Node struct {
	ID     graph.JobID `json:"id"`
	Title  string      `json:"title"`
	Kind   graph.Kind  `json:"kind"`
	Family string      `json:"family,omitempty"`
	Level  *string     `json:"level"`
}

// nodeOf returns the Node of j, with level for its level.
func nodeOf(j *graph.Job, level *string) Node {
	return Node{ID: j.ID, Title: j.Title, Kind: j.Kind, Family: j.Family, Level: level}
}

// JobSummary is a node as listed in every document.
type JobSummary struct {
	Node
	HasCard bool `json:"has_card"`
}

// Summary returns the summary of a node.
func Summary(j *graph.Job) JobSummary {
	return JobSummary{Node: nodeOf(j, levelOf(j)), HasCard: j.HasCard}
}

// JobList is the document of `jobs`.
type JobList struct {
	Jobs []JobSummary `json:"jobs"`
}

// Jobs lists the jobs of the repertoire (not external roles nor levels),
// in id order.
func Jobs(g *graph.Graph) JobList {
	out := JobList{Jobs: []JobSummary{}}
	for _, j := range g.Jobs() {
		if j.Kind == graph.KindJob {
			out.Jobs = append(out.Jobs, Summary(j))
		}
	}
	return out
}

// Step is one node of a route, with the edge that led to it.
type Step struct {
	ID       graph.JobID    `json:"id"`
	Title    string         `json:"title"`
	Kind     graph.Kind     `json:"kind"`
	Level    *string        `json:"level"`
	Family   string         `json:"family,omitempty"`
	Gap      *Gap           `json:"gap,omitempty"`      // the skills the move to this step asks (AddGaps)
	Type     graph.EdgeType `json:"type,omitempty"`     // type of the edge that led here
	Source   graph.Source   `json:"source,omitempty"`   // source of that edge: metiers, rome or bridge
	Evidence string         `json:"evidence,omitempty"` // the source text of that edge
	Match    graph.Match    `json:"match,omitempty"`
	// RaisesLevel is set on a move (or a study step) to a job that asks for
	// a higher minimum level than the job it leaves. Jobs joined by a
	// bridge are one job, at the lowest level their sources state; a
	// bridge is no move and never raises the level.
	RaisesLevel bool  `json:"raises_level"`
	node        int32 // beside RaisesLevel, in its padding: a route's steps take one size class less
	// Says is why the route takes this step, as a sentence in plain
	// French: what its source says (Evidence and Match are the raw text).
	Says string `json:"says,omitempty"`
	// Study is set on a study step (type formation): a step the engine
	// computes from the target card's training text, onto a level node.
	Study *Study `json:"study,omitempty"`
	// StudyFirst is set, when study steps are on (types with formation),
	// on a move that raises the level: the studies (« poursuite d’études »
	// or continuing training) it asks before it, computed from the card of
	// the job reached. It is part of the move: it adds no step and no cost.
	StudyFirst *Study `json:"study_first,omitempty"`
	// Suggestion is set on a suggested move (type suggestion, asked for
	// with types=suggestion): not an official move.
	Suggestion *SuggestedMove `json:"suggestion,omitempty"`
}

// EdgeDoc is an edge of a route with its evidence.
type EdgeDoc struct {
	From     graph.JobID      `json:"from"`
	To       graph.JobID      `json:"to"`
	Type     graph.EdgeType   `json:"type"`
	edge     int32            // index into g.Edges(), beside Type in its padding
	Source   graph.Source     `json:"source"` // metiers (a card's phrase), rome (a mobility row, its rank) or bridge (the reviewed link)
	Evidence string           `json:"evidence"`
	Match    graph.Match      `json:"match"`
	More     []graph.Evidence `json:"more_evidence,omitempty"`
	// Suggestion is set on a suggested move: its score and threshold.
	Suggestion *SuggestedMove `json:"suggestion,omitempty"`
}

// Path is one route.
type Path struct {
	Hops  int       `json:"hops"` // steps: edges that are neither access from a level nor bridges
	Cost  int       `json:"cost"`
	Steps []Step    `json:"steps"`
	Edges []EdgeDoc `json:"edges"`
}

// Paths is the document of `path`.
type Paths struct {
	From    []JobSummary `json:"from"`
	To      []JobSummary `json:"to"`
	Level   *string      `json:"level,omitempty"` // set when the route starts from a diploma level
	By      string       `json:"by"`
	K       int          `json:"k"`
	Paths   []Path       `json:"paths"`
	Message string       `json:"message,omitempty"`
	// Ambiguities lists the texts of the query that name several jobs
	// with close scores: the routes start from (or lead to) any of them.
	Ambiguities []Ambiguity  `json:"ambiguities,omitempty"`
	searched    *graph.Graph // the graph searched, when not the caller's (types=suggestion)
}

// Role is a node reached by `reachable` or `feeders`.
type Role struct {
	Node
	Distance int     `json:"distance"`
	Via      *string `json:"via"` // the node it is reached through (reachable) or leads to (feeders)
	// Suggestion is set when the edge from (or to) Via is a suggested
	// move, and Suggested when any edge of the way to it is (types=suggestion).
	Suggestion *SuggestedMove `json:"suggestion,omitempty"`
	Suggested  bool           `json:"suggested,omitempty"`
	node       int32
}

// Reach is the document of `reachable` and `feeders`.
type Reach struct {
	Start []JobSummary `json:"start"`
	Level *string      `json:"level,omitempty"`
	Depth *int         `json:"depth"` // null: no limit
	Roles []Role       `json:"roles"`
	// Directions are the directions named on the way (« Vers les métiers
	// du management »): nodes of their own kind, never roles to aim for.
	Directions []Role `json:"directions,omitempty"`
	// Ambiguities lists the texts of the query that name several jobs
	// with close scores: the start holds all of them.
	Ambiguities []Ambiguity `json:"ambiguities,omitempty"`
}

// LevelDoc is one level of `levels`.
type LevelDoc struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// EntryJobs are the jobs a holder of the level may enter: every job
	// whose minimum access level it meets, the start of Reachable from
	// the level (its roles at distance 0).
	EntryJobs []graph.JobID `json:"entry_jobs"`
	// NewJobs are the entry jobs whose minimum is this level: the jobs
	// first open at it.
	NewJobs []graph.JobID `json:"new_jobs"`
}

// LevelList is the document of `levels`.
type LevelList struct {
	Levels []LevelDoc `json:"levels"`
	// Diplomas are the diplomas people may type for a level, as
	// graph.ParseLevel reads them: the page offers them as suggestions.
	Diplomas []DiplomaDoc `json:"diplomas"`
}

// DiplomaDoc is a diploma and the level it gives.
type DiplomaDoc struct {
	Text  string `json:"text"`
	Level string `json:"level"`
}

// Levels lists the diploma levels of g, lowest first, each with the jobs
// it opens and those first open at it, in ID order.
func Levels(g *graph.Graph) LevelList {
	out := LevelList{Levels: []LevelDoc{}, Diplomas: []DiplomaDoc{}}
	for _, d := range graph.Diplomas() {
		out.Diplomas = append(out.Diplomas, DiplomaDoc{Text: d.Text, Level: d.Level.String()})
	}
	for _, l := range graph.Levels {
		if _, ok := g.Index(graph.LevelID(l)); !ok {
			continue
		}
		d := LevelDoc{ID: l.String(), Label: l.Label(), EntryJobs: []graph.JobID{}, NewJobs: []graph.JobID{}}
		doc, _ := Reachable(g, levelEndpoint(g, l), 0, 0) // depth 0 is valid: no error
		for _, r := range doc.Roles {
			d.EntryJobs = append(d.EntryJobs, r.ID)
			if r.Via != nil && *r.Via == string(graph.LevelID(l)) {
				d.NewJobs = append(d.NewJobs, r.ID)
			}
		}
		slices.Sort(d.EntryJobs)
		slices.Sort(d.NewJobs)
		out.Levels = append(out.Levels, d)
	}
	return out
}
