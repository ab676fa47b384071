package pathways

import (
	"github.com/pathways-fr/pathways/graph"
)

// Link is an edge seen from one of its ends.
type Link struct {
	To       graph.JobID    `json:"to,omitempty"`
	From     graph.JobID    `json:"from,omitempty"`
	Title    string         `json:"title"`
	Kind     graph.Kind     `json:"kind"`
	Level    *string        `json:"level"`
	Type     graph.EdgeType `json:"type"`
	Source   graph.Source   `json:"source"` // metiers, rome or bridge
	Evidence string         `json:"evidence"`
	Match    graph.Match    `json:"match"`
	node     int32          // the other end
	edge     int32          // index into g.Edges()
}

// JobDetail is the document of `show`: the whole card of a job, where it
// leads and what leads to it.
type JobDetail struct {
	JobSummary
	FamilyTitle string           `json:"family_title,omitempty"`
	LevelText   string           `json:"level_text,omitempty"`
	Synonyms    []string         `json:"synonyms"`
	OtherNames  []graph.Name     `json:"other_names,omitempty"`
	Card        *graph.Card      `json:"card,omitempty"`
	Rome        []graph.RomeLink `json:"rome,omitempty"`
	AccessText  string           `json:"access_text,omitempty"`
	Evolutions  []Link           `json:"evolutions"`
	Feeders     []Link           `json:"feeders"`
	// Metiers lists, on a ROME card, the métiers of the repertoire that
	// belong to it (see RomeMembers); set by callers that hold both
	// datasets.
	Metiers []JobSummary `json:"metiers,omitempty"`
	// Skills lists the job's ROME 4.0 skills (SkillsOf); set by callers
	// whose dataset has skills.
	Skills *JobSkills `json:"skills,omitempty"`
}

// MaxNames bounds the other names listed by Show (ROME cards have up to
// hundreds of appellations).
const MaxNames = 200

// Show returns the detail of the node with the given ID. An unknown ID is
// an *Error wrapping ErrUnknownJob, with suggestions.
func Show(g *graph.Graph, id string) (JobDetail, error) {
	if err := checkText(id); err != nil {
		return JobDetail{}, err
	}
	i, ok := g.Index(graph.JobID(id))
	if !ok {
		s := getScratch(g.Len())
		defer s.release()
		sugg, _ := lookup(g, s, id, wordsOf(id), false)
		e := unknownJob(id, sugg)
		e.Message = "aucun métier n’a l’identifiant « " + id + " »"
		if len(e.Suggestions) > 0 {
			e.Message += " ; vouliez-vous dire : " + e.Suggestions[0].Title + " ?"
		}
		return JobDetail{}, e
	}
	j := g.Node(i)
	d := JobDetail{JobSummary: Summary(j), LevelText: j.LevelText, Card: j.Card, Rome: j.Rome,
		AccessText: j.AccessText, Synonyms: j.NamesOf(graph.NameSynonym), Evolutions: []Link{}, Feeders: []Link{}}
	if d.Synonyms == nil {
		d.Synonyms = []string{}
	}
	if f, ok := g.Family(j.Family); ok {
		d.FamilyTitle = f.Title
	}
	for _, n := range j.Names {
		if n.Kind != graph.NameSynonym && len(d.OtherNames) < MaxNames {
			d.OtherNames = append(d.OtherNames, n)
		}
	}
	for _, a := range g.Out(i) {
		d.Evolutions = append(d.Evolutions, link(g, a, false))
	}
	for _, a := range g.In(i) {
		d.Feeders = append(d.Feeders, link(g, a, true))
	}
	return d, nil
}

func link(g *graph.Graph, a graph.Arc, in bool) Link {
	e := g.Edge(a.Edge)
	o := g.Node(a.Node)
	l := Link{Title: o.Title, Kind: o.Kind, Level: levelOf(o), Type: e.Type, Source: e.Source, node: a.Node, edge: a.Edge}
	if in {
		l.From = o.ID
	} else {
		l.To = o.ID
	}
	if len(e.Evidence) > 0 {
		l.Evidence, l.Match = e.Evidence[0].Text, e.Evidence[0].Match
	}
	return l
}
