package pathways

import (
	"maps"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// distances returns the distance of every node a reach lists, roles and
// directions.
func distances(doc Reach) map[graph.JobID]int {
	out := make(map[graph.JobID]int, len(doc.Roles))
	for _, r := range slices.Concat(doc.Roles, doc.Directions) {
		out[r.ID] = r.Distance
	}
	return out
}

// atDistance returns the jobs of the repertoire at distance d, sorted.
func atDistance(doc Reach, d int) []graph.JobID {
	var out []graph.JobID
	for _, r := range doc.Roles {
		if r.Distance == d && r.Kind == graph.KindJob {
			out = append(out, r.ID)
		}
	}
	slices.Sort(out)
	return out
}

// simpleBFS computes the distances Reachable and Feeders document, from
// scratch, with zeroOneDistances: from a level endpoint, the entry jobs of
// its levels (the ends of its access edges) are at distance 0; nodes more
// than depth steps away (when depth is not negative) are left out.
func simpleBFS(g *graph.Graph, from Endpoint, types graph.EdgeType, backward bool, depth int) map[graph.JobID]int {
	starts := from.Nodes
	if from.Level != graph.LevelNone {
		starts = nil
		for _, n := range from.Nodes {
			for _, e := range g.Edges() {
				if e.From == g.Node(n).ID && e.Type == graph.Access {
					to, _ := g.Index(e.To)
					starts = append(starts, to)
				}
			}
		}
	}
	dist := map[graph.JobID]int{}
	for i, d := range zeroOneDistances(g, starts, types, backward) {
		if d >= 0 && (depth < 0 || d <= depth) {
			dist[g.Node(int32(i)).ID] = d
		}
	}
	return dist
}

// zeroOneDistances returns the distance of every node from starts, along
// the edges of g (reversed when backward) of the types in mask, a bridge
// costing 0 and any other edge 1, never two bridges in a row, by a
// textbook 0-1 breadth-first search over g.Edges() on the states (node,
// reached by a bridge); -1 for nodes not reached.
func zeroOneDistances(g *graph.Graph, starts []int32, mask graph.EdgeType, backward bool) []int {
	adj := make([][][2]int32, g.Len()) // node, weight
	for _, e := range g.Edges() {
		if e.Type&(mask|graph.Bridge) == 0 {
			continue
		}
		f, _ := g.Index(e.From)
		t, _ := g.Index(e.To)
		if backward {
			f, t = t, f
		}
		w := int32(1)
		if e.Type == graph.Bridge {
			w = 0
		}
		adj[f] = append(adj[f], [2]int32{t, w})
	}
	state := make([]int, 2*g.Len()) // 2*node + 1 when reached by a bridge
	for i := range state {
		state[i] = -1
	}
	var deque []int32
	for _, s := range starts {
		state[2*s] = 0
		deque = append(deque, 2*s)
	}
	for len(deque) > 0 {
		x := deque[0]
		deque = deque[1:]
		u, bridged := x/2, x%2 == 1
		for _, a := range adj[u] {
			if a[1] == 0 && bridged {
				continue
			}
			y := 2 * a[0]
			if a[1] == 0 {
				y++
			}
			if d := state[x] + int(a[1]); state[y] < 0 || d < state[y] {
				state[y] = d
				if a[1] == 0 {
					deque = append([]int32{y}, deque...)
				} else {
					deque = append(deque, y)
				}
			}
		}
	}
	dist := make([]int, g.Len())
	for i := range dist {
		a, b := state[2*i], state[2*i+1]
		dist[i] = a
		if a < 0 || b >= 0 && b < a {
			dist[i] = b
		}
	}
	return dist
}

// checkReach checks a document against simpleBFS, and that each role's
// via is a node one step nearer with an edge to (or from) it.
func checkReach(t *testing.T, g *graph.Graph, name string, doc Reach, from Endpoint, types graph.EdgeType, backward bool, depth int) {
	t.Helper()
	want := simpleBFS(g, from, types, backward, depth)
	got := distances(doc)
	if len(got) != len(doc.Roles)+len(doc.Directions) {
		t.Errorf("%s lists a role twice", name)
	}
	// A direction is no role to aim for: it is listed apart.
	for _, r := range doc.Roles {
		if r.Kind == graph.KindDirection && r.Distance > 0 {
			t.Errorf("%s lists the direction %s as a role", name, r.ID)
		}
	}
	for _, r := range doc.Directions {
		if r.Kind != graph.KindDirection {
			t.Errorf("%s lists %s (%s) among the directions", name, r.ID, r.Kind)
		}
	}
	if !maps.Equal(got, want) {
		for id, d := range want {
			if gd, ok := got[id]; !ok || gd != d {
				t.Errorf("%s: %s at distance %d (listed: %v), want %d", name, id, gd, ok, d)
			}
		}
		for id, d := range got {
			if _, ok := want[id]; !ok {
				t.Errorf("%s: %s listed at distance %d, but it is out of reach", name, id, d)
			}
		}
	}
	for i, r := range doc.Roles {
		if i > 0 && doc.Roles[i-1].Distance > r.Distance {
			t.Errorf("%s: %s (distance %d) after a role at distance %d", name, r.ID, r.Distance, doc.Roles[i-1].Distance)
		}
	}
	for _, r := range slices.Concat(doc.Roles, doc.Directions) {
		if r.Via == nil {
			if r.Distance != 0 || from.Level != graph.LevelNone {
				t.Errorf("%s: %s at distance %d has no via", name, r.ID, r.Distance)
			}
			continue
		}
		via := graph.JobID(*r.Via)
		edgeFrom, edgeTo := via, r.ID
		if backward {
			edgeFrom, edgeTo = r.ID, via
		}
		linked := false
		for _, e := range g.Edges() {
			if e.From == edgeFrom && e.To == edgeTo && (e.Type&types != 0 || (e.Type == graph.Access && r.Distance == 0)) {
				linked = true
			}
		}
		vd, ok := got[via]
		if r.Distance == 0 {
			// From a level, an entry job is reached through its level.
			ok, vd = g.Job(via).Kind == graph.KindLevel, -1
		}
		if !linked || !ok || vd != r.Distance-1 {
			t.Errorf("%s: %s at distance %d via %s (at %d): not one step nearer", name, r.ID, r.Distance, via, vd)
		}
	}
}

// TestReachableFromBTS checks what a BTS (Bac +2) opens, by hand from
// the cards.
func TestReachableFromBTS(t *testing.T) {
	g := fixture.Metiers(t)
	from, err := LevelEndpoint(g, "BTS")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Reachable(g, from, NoLimit, 0)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Level == nil || *doc.Level != "bac+2" || doc.Depth != nil {
		t.Errorf("Reachable(BTS): level %v, depth %v; want bac+2, none", doc.Level, doc.Depth)
	}
	for d, want := range [][]graph.JobID{
		// Every card whose "Niveau minimum d’accès" is Bac or Bac +2.
		{"administrateur-base-de-donnees", "analyste-trafic", "charge-clientele", "community-media-manager",
			"consultant-expert-metier", "developpeur-multimedia", "developpeur-web", "developpeur-web-mobile",
			"directeur-artistique", "ingenieur-etudes-developpement", "marketeur-digital", "responsable-cybersecurite",
			"technicien-maintenance-support", "technicien-reseaux-cloud", "web-designer"},
		// INGÉNIEUR ÉTUDES ET DÉVELOPPEMENT: "Architecte logiciel", "Architecte technique"
		// (ARCHITECTE CLOUD/RÉSEAUX), "Ingénieur réseau" (INGÉNIEUR CLOUD/RÉSEAUX), "Chef de
		// projet" (MANAGER DE PROJET), "Directeur des systèmes d’information"; CHARGÉ DE
		// CLIENTÈLE: "Ingénieur commercial Web" (the card-less INGÉNIEUR COMMERCIAL).
		// DÉVELOPPEUR WEB: "Expertise et support en systèmes d’information", ROME card M1802,
		// which leads to each of its four jobs, RESPONSABLE SÉCURITÉ DES SI among them.
		{"architecte-cloud-reseaux", "architecte-logiciel", "directeur-systemes-information", "ingenieur-cloud-reseaux",
			"ingenieur-commercial", "manager-projet", "responsable-securite-si"},
		// ARCHITECTE CLOUD/RÉSEAUX: "Consultant avant-vente" (INGÉNIEUR AVANT-VENTE);
		// ARCHITECTE LOGICIEL: "Chef d’équipe" (MANAGER D’ÉQUIPE).
		{"ingenieur-avant-vente", "manager-equipe"},
		// INGÉNIEUR AVANT-VENTE: "Ingénieur d’affaires".
		{"ingenieur-affaires"},
		{},
	} {
		if got := atDistance(doc, d); !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Errorf("Reachable(BTS) jobs at distance %d = %v, want %v", d, got, want)
		}
	}
	for _, r := range doc.Roles {
		if r.Distance == 0 && (r.Via == nil || (*r.Via != "level-bac" && *r.Via != "level-bac+2")) {
			t.Errorf("Reachable(BTS): entry job %s via %v, want its level", r.ID, r.Via)
		}
	}
	checkReach(t, g, "Reachable(BTS)", doc, from, graph.Moves, false, NoLimit)

	// Depth 1 stops at the first step.
	doc, err = Reachable(g, from, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Depth == nil || *doc.Depth != 1 || len(atDistance(doc, 2)) != 0 || len(atDistance(doc, 1)) != 7 {
		t.Errorf("Reachable(BTS, depth 1) = depth %v, %d jobs at 1, %d at 2; want 1, 7, 0", doc.Depth, len(atDistance(doc, 1)), len(atDistance(doc, 2)))
	}
}

// TestFeedersArchitecteLogiciel checks who leads to ARCHITECTE LOGICIEL,
// by hand from the cards: at distance 1, exactly the cards whose
// perspectives print "Architecte logiciel" (no card prints its synonyms
// "Architecte applicatif" or "Software Design Specialist").
func TestFeedersArchitecteLogiciel(t *testing.T) {
	g := fixture.Metiers(t)
	to, err := Find(g, "Architecte logiciel")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Feeders(g, to, NoLimit, 0)
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range [][]graph.JobID{
		{"architecte-logiciel"},
		// INGÉNIEUR ÉTUDES ET DÉVELOPPEMENT ("Chef de projet ; Architecte logiciel ; …"),
		// ERGONOME ("Architecte logiciel, Concepteur"), ARCHITECTE CLOUD/RÉSEAUX
		// ("Architecte logiciel, Consultant avant-vente, Urbaniste.").
		{"architecte-cloud-reseaux", "ergonome", "ingenieur-etudes-developpement"},
		// INGÉNIEUR CLOUD/RÉSEAUX ("Architecte réseaux"); ADMINISTRATEUR DE BASE DE
		// DONNÉES ("Études et développement informatique", ROME card M1805, to each of its
		// four jobs); DÉVELOPPEUR WEB, DÉVELOPPEUR WEB MOBILE and DIRECTEUR ARTISTIQUE
		// ("Expertise et support en systèmes d’information", ROME card M1802, to each of
		// its four jobs, ARCHITECTE CLOUD/RÉSEAUX among them).
		{"administrateur-base-de-donnees", "developpeur-web", "developpeur-web-mobile", "directeur-artistique", "ingenieur-cloud-reseaux"},
		// TECHNICIEN RÉSEAUX/CLOUD ("Administrateur base de données"); DÉVELOPPEUR
		// MULTIMÉDIA ("Développeur web"); WEB DESIGNER ("Directeur artistique").
		{"developpeur-multimedia", "technicien-reseaux-cloud", "web-designer"},
		// TECHNICIEN DE MAINTENANCE ET SUPPORT CLIENT ("Technicien télécoms et réseaux");
		// DESIGNER D’EXPÉRIENCE ("Web designer").
		{"designer-experience", "technicien-maintenance-support"},
	} {
		if got := atDistance(doc, d); !slices.Equal(got, want) {
			t.Errorf("Feeders(Architecte logiciel) at distance %d = %v, want %v", d, got, want)
		}
	}
	// The same from the perspectives as the cards print them.
	al := g.Job("architecte-logiciel")
	names := map[string]bool{graph.Key(al.Title): true}
	for _, n := range al.Names {
		names[graph.Key(n.Text)] = true
	}
	var printing []graph.JobID
	for _, j := range g.Jobs() {
		if j.Card != nil && slices.ContainsFunc(j.Card.Perspectives, func(p string) bool { return names[graph.Key(p)] }) {
			printing = append(printing, j.ID)
		}
	}
	if got := atDistance(doc, 1); !slices.Equal(got, printing) {
		t.Errorf("Feeders(Architecte logiciel) at distance 1 = %v, but the cards printing one of its names are %v", got, printing)
	}
	if len(doc.Roles) != 14 {
		t.Errorf("Feeders(Architecte logiciel) = %d roles, want 14", len(doc.Roles))
	}
	checkReach(t, g, "Feeders(Architecte logiciel)", doc, Endpoint{Nodes: to}, graph.Moves, true, NoLimit)

	doc, err = Feeders(g, to, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Roles) != 4 || len(atDistance(doc, 1)) != 3 {
		t.Errorf("Feeders(Architecte logiciel, depth 1) = %v, want itself and 3 feeders", doc.Roles)
	}
}

// TestReachMatchesBFS checks every distance that Reachable and Feeders
// give against simpleBFS: from every node of the repertoire and every
// level, and from nodes of a synthetic repertoire, at several depths and
// for each type of edge.
func TestReachMatchesBFS(t *testing.T) {
	check := func(t *testing.T, g *graph.Graph, starts []Endpoint, types graph.EdgeType) {
		for _, from := range starts {
			for _, depth := range []int{NoLimit, 0, 1, 2, 3, MaxDepth} {
				doc, err := Reachable(g, from, depth, types)
				if err != nil {
					t.Fatal(err)
				}
				checkReach(t, g, "Reachable", doc, from, types, false, depth)
				if from.Level != graph.LevelNone {
					continue
				}
				doc, err = Feeders(g, from.Nodes, depth, types)
				if err != nil {
					t.Fatal(err)
				}
				checkReach(t, g, "Feeders", doc, from, types, true, depth)
			}
		}
	}
	g := fixture.Metiers(t)
	var starts []Endpoint
	for i := range int32(g.Len()) {
		if g.Node(i).Kind != graph.KindLevel {
			starts = append(starts, Endpoint{Nodes: []int32{i}})
		}
	}
	for _, l := range graph.Levels {
		starts = append(starts, levelEndpoint(g, l))
	}
	technicians, _ := Find(g, "technicien")
	starts = append(starts, Endpoint{Nodes: technicians})
	check(t, g, starts, graph.Moves)

	syn := fixture.Synthetic(t, synthetic.Options{Jobs: 400, Edges: 2400, Families: 5, Seed: 5})
	starts = starts[:0]
	for i := int32(0); i < int32(syn.Len()); i += 37 {
		if syn.Node(i).Kind == graph.KindJob {
			starts = append(starts, Endpoint{Nodes: []int32{i}})
		}
	}
	starts = append(starts, Endpoint{Nodes: []int32{1, 2, 3, 50}}, levelEndpoint(syn, graph.LevelBac3))
	for _, types := range []graph.EdgeType{graph.Moves, graph.Evolution, graph.Close} {
		check(t, syn, starts, types)
	}
}

func TestReachBadDepth(t *testing.T) {
	g := fixture.Metiers(t)
	from := Endpoint{Nodes: fixture.Nodes(t, g, "technicien-reseaux-cloud")}
	for _, d := range []int{-2, -100, MaxDepth + 1} {
		_, err := Reachable(g, from, d, 0)
		queryError(t, "Reachable", err, ErrBadQuery, CodeOutOfRange)
		_, err = Feeders(g, from.Nodes, d, 0)
		queryError(t, "Feeders", err, ErrBadQuery, CodeOutOfRange)
	}
}

func TestShow(t *testing.T) {
	g := fixture.Metiers(t)
	d, err := Show(g, "architecte-logiciel")
	if err != nil {
		t.Fatal(err)
	}
	// ARCHITECTE LOGICIEL, family 1 "Programmation et développement",
	// "Niveau minimum d’accès : Bac +5", "Synonymes : Architecte applicatif ;
	// Software Design Specialist.", "Perspectives d’évolution : Urbaniste ;
	// Directeur de projet développement logiciels ; Chef d’équipe."
	if d.Title != "Architecte logiciel" || d.FamilyTitle != "Programmation et développement" || d.LevelText != "Bac +5" ||
		d.Level == nil || *d.Level != "bac+5" || !d.HasCard || d.Card == nil {
		t.Errorf("Show(architecte-logiciel) = %+v", d.JobSummary)
	}
	if !slices.Equal(d.Synonyms, []string{"Architecte applicatif", "Software Design Specialist"}) {
		t.Errorf("Show(architecte-logiciel).Synonyms = %q", d.Synonyms)
	}
	if got, want := d.Card.Perspectives, []string{"Urbaniste", "Directeur de projet développement logiciels", "Chef d’équipe"}; !slices.Equal(got, want) {
		t.Errorf("Show(architecte-logiciel).Card.Perspectives = %q, want %q", got, want)
	}
	var to, from []graph.JobID
	for _, l := range d.Evolutions {
		to = append(to, l.To)
	}
	for _, l := range d.Feeders {
		from = append(from, l.From)
	}
	if want := []graph.JobID{"ext-directeur-de-projet-developpement-logiciels", "ext-urbaniste", "manager-equipe"}; !slices.Equal(to, want) {
		t.Errorf("Show(architecte-logiciel) leads to %v, want %v", to, want)
	}
	if want := []graph.JobID{"architecte-cloud-reseaux", "ergonome", "ingenieur-etudes-developpement", "level-bac+5"}; !slices.Equal(from, want) {
		t.Errorf("Show(architecte-logiciel) is led to from %v, want %v", from, want)
	}

	// A card-less métier and an external role.
	d, err = Show(g, "coach-agile")
	if err != nil || d.HasCard || d.Card != nil || len(d.Evolutions) != 0 || d.Synonyms == nil {
		t.Errorf("Show(coach-agile) = %+v, %v", d, err)
	}
	d, err = Show(g, "ext-urbaniste")
	if err != nil || d.Kind != graph.KindExternal || len(d.Feeders) != 2 {
		t.Errorf("Show(ext-urbaniste) = %+v, %v; want an external role with 2 feeders", d, err)
	}

	_, err = Show(g, "architecte")
	if qe := queryError(t, "Show(architecte)", err, ErrUnknownJob, CodeUnknownJob); qe != nil {
		var sugg []string
		for _, s := range qe.Suggestions {
			sugg = append(sugg, s.ID)
		}
		if !slices.Contains(sugg, "architecte-logiciel") || !slices.Contains(sugg, "architecte-cloud-reseaux") {
			t.Errorf("Show(architecte) suggests %v, want both architects", sugg)
		}
	}
}

func TestJobsAndLevels(t *testing.T) {
	g := fixture.Metiers(t)
	jobs := Jobs(g).Jobs
	if len(jobs) != 35 {
		t.Errorf("Jobs() = %d jobs, want the 35 métiers", len(jobs))
	}
	for i, j := range jobs {
		if j.Kind != graph.KindJob || (i > 0 && jobs[i-1].ID >= j.ID) {
			t.Errorf("Jobs()[%d] = %s (%s): not a job in id order", i, j.ID, j.Kind)
		}
	}
	levels := Levels(g).Levels
	var entry, first []int
	for _, l := range levels {
		entry, first = append(entry, len(l.EntryJobs)), append(first, len(l.NewJobs))
	}
	// First open at CAP: none; Bac: 1; Bac +2: 14; Bac +3: 3; Bac +4
	// (and +4/5): 5; Bac +5: 8. Open: the sums.
	if want := []int{0, 1, 14, 3, 5, 8}; !slices.Equal(first, want) {
		t.Errorf("Levels() new jobs per level = %v, want %v", first, want)
	}
	if want := []int{0, 1, 15, 18, 23, 31}; !slices.Equal(entry, want) {
		t.Errorf("Levels() entry jobs per level = %v, want %v", entry, want)
	}
	if levels[2].ID != "bac+2" || levels[2].Label != "Bac +2" {
		t.Errorf("Levels()[2] = %+v", levels[2])
	}
}

// TestDepthZero checks that depth 0 lists the start alone, NoLimit goes
// as far as the edges lead, and the document says which.
func TestDepthZero(t *testing.T) {
	g := fixture.Metiers(t)
	from := Endpoint{Nodes: fixture.Nodes(t, g, "technicien-reseaux-cloud", "data-analyst")}
	slices.Sort(from.Nodes)
	for _, tc := range []struct {
		name string
		doc  func(int) (Reach, error)
	}{
		{"Reachable", func(d int) (Reach, error) { return Reachable(g, from, d, 0) }},
		{"Feeders", func(d int) (Reach, error) { return Feeders(g, from.Nodes, d, 0) }},
	} {
		doc, err := tc.doc(0)
		if err != nil || doc.Depth == nil || *doc.Depth != 0 || !slices.Equal(ids(g, roleNodes(doc)), ids(g, from.Nodes)) {
			t.Errorf("%s(depth 0) = depth %v, roles %v, %v; want depth 0 and the start alone", tc.name, doc.Depth, ids(g, roleNodes(doc)), err)
		}
		all, err := tc.doc(NoLimit)
		if err != nil || all.Depth != nil || len(all.Roles) <= len(from.Nodes) {
			t.Errorf("%s(NoLimit) = depth %v, %d roles, %v; want no depth and more than the start", tc.name, all.Depth, len(all.Roles), err)
		}
	}
}

func roleNodes(doc Reach) []int32 {
	var out []int32
	for _, r := range doc.Roles {
		out = append(out, r.node)
	}
	slices.Sort(out)
	return out
}

// TestLevelsAreReachableStarts checks, for every level, that the entry
// jobs of Levels are the roles Reachable from the level lists at
// distance 0 (at depth 0 and without a limit), and the jobs whose minimum
// the level meets; and that the new jobs are those whose minimum it is.
func TestLevelsAreReachableStarts(t *testing.T) {
	for _, ds := range datasets {
		g := ds.load(t)
		for _, d := range Levels(g).Levels {
			l, _ := graph.LevelByID(d.ID)
			var meets, first, at0, at0All []graph.JobID
			for _, j := range g.Jobs() {
				if j.Kind != graph.KindLevel && j.Level != graph.LevelNone && j.Level <= l {
					meets = append(meets, j.ID)
					if j.Level == l {
						first = append(first, j.ID)
					}
				}
			}
			zero, _ := Reachable(g, levelEndpoint(g, l), 0, 0)
			all, _ := Reachable(g, levelEndpoint(g, l), NoLimit, 0)
			for _, r := range zero.Roles {
				at0 = append(at0, r.ID)
			}
			for _, r := range all.Roles {
				if r.Distance == 0 {
					at0All = append(at0All, r.ID)
				}
			}
			slices.Sort(at0)
			slices.Sort(at0All)
			if !slices.Equal(d.EntryJobs, meets) || !slices.Equal(d.EntryJobs, at0) || !slices.Equal(d.EntryJobs, at0All) {
				t.Errorf("%s: Levels %s entry jobs %v; want the jobs whose minimum it meets %v = Reachable at depth 0 %v = at distance 0 %v",
					ds.name, d.ID, d.EntryJobs, meets, at0, at0All)
			}
			if !slices.Equal(d.NewJobs, first) {
				t.Errorf("%s: Levels %s new jobs %v, want %v", ds.name, d.ID, d.NewJobs, first)
			}
		}
	}
}

// TestDirectionIsNoRole checks issue 11's « Vers les métiers du
// management », a direction the card of Responsable de la stratégie
// names: reachable lists it apart, never among the roles to aim for.
func TestDirectionIsNoRole(t *testing.T) {
	g := fixture.Metiers(t)
	from, _ := g.Index("responsable-strategie-prospective")
	doc, err := Reachable(g, Endpoint{Nodes: []int32{from}}, NoLimit, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Roles {
		if r.Kind == graph.KindDirection {
			t.Errorf("Reachable(responsable-strategie-prospective) lists the direction %s as a role", r.ID)
		}
	}
	if len(doc.Directions) == 0 || doc.Directions[0].Kind != graph.KindDirection || doc.Directions[0].Distance != 1 {
		t.Errorf("Reachable(responsable-strategie-prospective).Directions = %+v, want the direction at distance 1", doc.Directions)
	}
}
