package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// CombinedDataset is the name of the graph Combine builds.
const CombinedDataset = "all"

// BridgeLink is a reviewed link between a job of the repertoire and a
// ROME 4.0 fiche, as data/bridge-rome4.json holds it.
type BridgeLink struct {
	Job         JobID  `json:"job"`
	Code        JobID  `json:"code"`
	Title       string `json:"title"`       // the fiche's title
	Appellation string `json:"appellation"` // code_ogr of the appellation that justifies the link
	Label       string `json:"label"`       // that appellation's label
	Match       string `json:"match"`       // title, synonym or reviewed
	Why         string `json:"why"`
}

// BridgeUnlinked is a job of the repertoire the review found no fiche for.
type BridgeUnlinked struct {
	Job JobID  `json:"job"`
	Why string `json:"why"`
}

// BridgeFile is the reviewed bridge between the repertoire and ROME 4.0.
type BridgeFile struct {
	Source   string           `json:"source"`
	Links    []BridgeLink     `json:"links"`
	Unlinked []BridgeUnlinked `json:"unlinked"`
}

// ParseBridge reads a bridge in the format of data/bridge-rome4.json.
// Unknown fields and a link without job or code are errors wrapping
// ErrInvalid.
func ParseBridge(b []byte) (*BridgeFile, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var br struct {
		BridgeFile
		Method string `json:"method"`
	}
	if err := dec.Decode(&br); err != nil {
		return nil, fmt.Errorf("%w\u202f: bridge\u202f: %w", ErrInvalid, err)
	}
	for i, l := range br.Links {
		if l.Job == "" || l.Code == "" || l.Label == "" {
			return nil, fmt.Errorf("%w\u202f: bridge\u202f: il manque au lien %d son job, son code ou son label", ErrInvalid, i)
		}
	}
	return &br.BridgeFile, nil
}

// Combine builds the graph of dataset "all": every node and edge of the
// repertoire metiers and of the ROME 4.0 graph rome, with one set of level
// nodes (those of metiers, which both name alike), joined by the links of
// bridge. Each link becomes two edges of type Bridge and source bridge,
// job → fiche and fiche → job, whose evidence is the appellation that
// justifies it, then the review's why. Every other edge keeps its source.
//
// A perspective phrase of the repertoire that is, folded, the v3 title of
// a parent fiche of rome (Fiche.V3Title, set when LoadROME4 was given the
// v3 cards) also becomes an edge of source metiers to that fiche, with the
// phrase as evidence and match MatchV3Title: the repertoire quotes ROME v3,
// whose codes 4.0 keeps as parent fiches. Nothing else is added.
//
// A link naming a job or a fiche absent from the graphs is left out and
// reported (Problem bridge-unknown); each unlinked job is reported as
// info. Node IDs that both graphs hold, other than levels, are an error.
func Combine(metiers, rome *Graph, bridge *BridgeFile) (*Graph, error) {
	b := NewBuilder(CombinedDataset)
	b.Title = metiers.Title + " + " + rome.Title
	b.Version = rome.Version
	b.Families = append(append([]Family{}, metiers.Families...), rome.Families...)
	b.reserve(metiers.Len()+rome.Len(), len(metiers.edges)+len(rome.edges)+2*len(bridge.Links))
	for _, g := range []*Graph{metiers, rome} {
		for _, j := range g.jobs {
			if j.Kind == KindLevel && g == rome && metiers.Job(j.ID) != nil {
				continue
			}
			// A copy: the node says which dataset it comes from (a text
			// resolves to the métier before the fiche), and the graphs
			// combined stay as they were loaded.
			c := *j
			c.Dataset = g.Dataset
			b.AddJob(&c)
		}
		for _, p := range g.problems {
			b.Report(p)
		}
	}
	for _, g := range []*Graph{metiers, rome} {
		for i := range g.edges {
			e := &g.edges[i]
			b.Source = e.Source
			for _, ev := range e.Evidence {
				b.AddEdge(e.From, e.To, e.Type, ev)
			}
		}
	}
	b.Source = SourceMetiers
	addV3TitleEdges(b, metiers, rome)
	b.Source = SourceBridge
	addBridge(b, metiers, rome, bridge)
	g, err := b.Build()
	if err != nil {
		return nil, err
	}
	// The nodes are copies: their names are those the two graphs
	// indexed, which need not be folded again.
	g.names.merge = func() []NameEntry { return mergeNames(g, metiers, rome) }
	return g, nil
}

// addV3TitleEdges adds the edges from a job of metiers to the parent fiche
// of rome whose v3 title a perspective phrase of the job is.
func addV3TitleEdges(b *Builder, metiers, rome *Graph) {
	byTitle := map[string]JobID{}
	for _, j := range rome.jobs {
		if j.Fiche != nil && j.Fiche.V3Title != "" {
			byTitle[Key(j.Fiche.V3Title)] = j.ID
		}
	}
	if len(byTitle) == 0 {
		return
	}
	for i := range metiers.edges {
		e := &metiers.edges[i]
		if e.Type == Access || e.Source != SourceMetiers {
			continue
		}
		for _, ev := range e.Evidence {
			if ev.Match != MatchDomain && ev.Match != MatchExternal {
				continue
			}
			if code, ok := byTitle[Key(ev.Text)]; ok {
				b.AddEdge(e.From, code, e.Type, Evidence{Text: ev.Text, Match: MatchV3Title})
			}
		}
	}
}

// addBridge adds the two edges of each link of bridge whose ends exist.
func addBridge(b *Builder, metiers, rome *Graph, bridge *BridgeFile) {
	for _, l := range bridge.Links {
		j, f := metiers.Job(l.Job), rome.Job(l.Code)
		if j == nil || j.Kind != KindJob || f == nil {
			b.Report(Problem{Severity: SeverityWarning, Code: "bridge-unknown", Job: l.Job, Field: "bridge",
				Message: fmt.Sprintf("le lien bridge %s ≡ %s nomme un métier ou une fiche qui manque aux graphes\u202f: lien écarté", l.Job, l.Code)})
			continue
		}
		label := Evidence{Text: l.Label, Match: MatchBridge}
		why := Evidence{Text: l.Why, Match: MatchBridge}
		b.AddEdge(l.Job, l.Code, Bridge, label)
		b.AddEdge(l.Job, l.Code, Bridge, why)
		b.AddEdge(l.Code, l.Job, Bridge, label)
		b.AddEdge(l.Code, l.Job, Bridge, why)
	}
	for _, u := range bridge.Unlinked {
		b.Report(Problem{Severity: SeverityInfo, Code: "bridge-unlinked", Job: u.Job, Field: "bridge",
			Message: "aucune fiche ROME 4.0 n’est ce métier\u202f: " + u.Why})
	}
}
