package graph

import (
	"fmt"
	"slices"
	"strings"
)

// phraseResolver ties the perspective phrases of the cards to nodes.
type phraseResolver struct {
	b        *Builder
	titles   map[string][]*Job
	synonyms map[string][]*Job
	aliases  map[string]fileAlias
	domains  map[string]*romeDomain
	byID     map[JobID]*Job
	external map[string]JobID
	reported map[string]bool
	noted    map[string]bool // job and field of the reviewed source notes
}

// romeDomain is a ROME card that rome_links ties jobs of the repertoire
// to: the domain table is computed from the links, never kept by hand.
type romeDomain struct {
	code, title string
	jobs        []*Job
}

func newPhraseResolver(ds *fileDataset, jobs []*Job, b *Builder) *phraseResolver {
	r := &phraseResolver{
		b: b, titles: make(map[string][]*Job, len(jobs)), synonyms: make(map[string][]*Job, len(jobs)),
		aliases: map[string]fileAlias{}, domains: map[string]*romeDomain{},
		byID: make(map[JobID]*Job, len(jobs)), external: map[string]JobID{}, reported: map[string]bool{},
		noted: map[string]bool{},
	}
	for _, n := range ds.SourceNotes {
		r.noted[n.Job+"\x00"+n.Field] = true
	}
	for _, j := range jobs {
		r.byID[j.ID] = j
		k := b.key(j.Title)
		r.titles[k] = append(r.titles[k], j)
		for _, n := range j.Names {
			k := b.key(n.Text)
			if n.Kind != NameSynonym {
				// Reviewed names (acronyms, names the card text uses) act as aliases.
				r.aliases[k] = fileAlias{Phrase: n.Text, Job: string(j.ID)}
				continue
			}
			if !slices.Contains(r.synonyms[k], j) {
				r.synonyms[k] = append(r.synonyms[k], j)
			}
		}
	}
	for _, a := range ds.Aliases {
		r.aliases[b.key(a.Phrase)] = a
	}
	for _, l := range ds.RomeLinks {
		j := r.byID[JobID(l.Job)]
		if j == nil || l.Title == "" {
			continue // addNames reports the unknown job
		}
		k := b.key(l.Title)
		d := r.domains[k]
		if d == nil {
			d = &romeDomain{code: l.Code, title: l.Title}
			r.domains[k] = d
		}
		if !slices.Contains(d.jobs, j) {
			d.jobs = append(d.jobs, j)
		}
	}
	return r
}

// resolve returns the node a perspective phrase of job from names, and
// how it was matched: by title, by a synonym printed on a card, by the
// reviewed alias table, by the ROME card the phrase names when exactly
// one job of the repertoire belongs to it (rome_links), or else as an
// external role. A synonym of several jobs is reported and becomes an
// external role; the title of a ROME card to which several jobs belong
// leads to each of them, the evidence carrying their number, and is
// reported (docs/ROME.md gives the reasons). A phrase naming a direction
// ("Vers les métiers du management") becomes a node of kind direction.
func (r *phraseResolver) resolve(from *Job, phrase string) ([]JobID, Evidence) {
	to, m := r.resolveOne(from, phrase)
	if m == MatchDomain && to == "" {
		return r.domainJobs(from, phrase)
	}
	return []JobID{to}, Evidence{Text: phrase, Match: m}
}

// domainJobs returns the jobs of the ROME card phrase names, but from.
func (r *phraseResolver) domainJobs(from *Job, phrase string) ([]JobID, Evidence) {
	d := r.domains[r.b.key(phrase)]
	var to []JobID
	for _, j := range d.jobs {
		if j != from {
			to = append(to, j.ID)
		}
	}
	return to, Evidence{Text: phrase, Match: MatchDomain, Candidates: len(d.jobs)}
}

// resolveOne returns the node phrase names, or "" and MatchDomain for the
// title of a ROME card to which several jobs belong.
func (r *phraseResolver) resolveOne(from *Job, phrase string) (JobID, Match) {
	k := r.b.key(phrase)
	if ts := r.titles[k]; len(ts) == 1 {
		return r.self(from, ts[0], phrase, MatchTitle)
	}
	if syn := r.synonyms[k]; len(syn) == 1 {
		return r.self(from, syn[0], phrase, MatchSynonym)
	} else if len(syn) > 1 {
		r.report(Problem{Severity: SeverityWarning, Code: "ambiguous-phrase", Job: from.ID, Field: "perspectives", Quote: phrase,
			Message: fmt.Sprintf("« %s » est un synonyme de %d métiers (%s)\u202f: gardé comme rôle externe", phrase, len(syn), titlesOf(syn))})
		return r.node(phrase, KindExternal), MatchExternal
	}
	if a, ok := r.aliases[k]; ok {
		if j := r.byID[JobID(a.Job)]; j != nil {
			r.checkAlias(from, phrase, j)
			return r.self(from, j, phrase, MatchAlias)
		}
		r.report(Problem{Severity: SeverityError, Code: "alias-unknown-job", Field: "phrase_aliases", Quote: a.Phrase,
			Message: fmt.Sprintf("l’alias « %s » désigne un métier inconnu, %q\u202f: gardé comme rôle externe", a.Phrase, a.Job)})
	}
	if d, ok := r.domains[k]; ok {
		return r.domain(from, phrase, d)
	}
	if strings.HasPrefix(k, "ver ") || strings.HasPrefix(k, "vers ") {
		// A reviewed note that says so is the one report of it.
		r.reportUnlessNoted(Problem{Severity: SeverityInfo, Code: "direction", Job: from.ID, Field: "perspectives", Quote: phrase,
			Message: "la phrase désigne une orientation, non un métier\u202f: nœud de type direction, jamais proposé comme métier à viser"})
		return r.node(phrase, KindDirection), MatchExternal
	}
	return r.node(phrase, KindExternal), MatchExternal
}

// domain resolves a phrase that is the title of ROME card d.
func (r *phraseResolver) domain(from *Job, phrase string, d *romeDomain) (JobID, Match) {
	if len(d.jobs) == 1 {
		r.report(Problem{Severity: SeverityInfo, Code: "domain-match", Job: from.ID, Field: "perspectives", Quote: phrase,
			Message: fmt.Sprintf("titre de la fiche ROME %s, à laquelle un seul métier du répertoire appartient (%s)\u202f: résolu vers ce métier", d.code, d.jobs[0].Title)})
		return r.self(from, d.jobs[0], phrase, MatchDomain)
	}
	r.report(Problem{Severity: SeverityInfo, Code: "ambiguous-domain", Job: from.ID, Field: "perspectives", Quote: phrase,
		Message: fmt.Sprintf("titre de la fiche ROME %s, à laquelle %d métiers du répertoire appartiennent (%s)\u202f: une arête vers chacun, qui porte ce nombre de candidats", d.code, len(d.jobs), titlesOf(d.jobs))})
	return "", MatchDomain
}

// checkAlias reports a reviewed alias of job j that another job could
// claim: the phrase, or the title of j, is a title or synonym of another
// job.
func (r *phraseResolver) checkAlias(from *Job, phrase string, j *Job) {
	for _, n := range []string{phrase, j.Title} {
		k := r.b.key(n)
		for _, o := range append(slices.Clone(r.titles[k]), r.synonyms[k]...) {
			if o == j {
				continue
			}
			r.reportOnce(Problem{Severity: SeverityWarning, Code: "alias-collision", Job: from.ID, Field: "perspectives", Quote: phrase,
				Message: fmt.Sprintf("l’alias revu mène à %s, mais « %s » nomme aussi %s\u202f: la phrase peut désigner l’un ou l’autre", j.Title, n, o.Title)})
			return
		}
	}
}

func titlesOf(jobs []*Job) string {
	t := make([]string, len(jobs))
	for i, j := range jobs {
		t[i] = j.Title
	}
	return strings.Join(t, ", ")
}

func (r *phraseResolver) self(from, to *Job, phrase string, m Match) (JobID, Match) {
	if from == to {
		r.report(Problem{Severity: SeverityWarning, Code: "self-evolution", Job: from.ID, Field: "perspectives", Quote: phrase,
			Message: fmt.Sprintf("la phrase désigne le métier lui-même (correspondance %s)", m)})
	}
	return to.ID, m
}

func (r *phraseResolver) report(p Problem) {
	k := p.Code + "\x00" + string(p.Job) + "\x00" + p.Quote
	if !r.reported[k] {
		r.reported[k] = true
		r.b.Report(p)
	}
}

// reportUnlessNoted reports p unless a reviewed source note is about the
// same card and field.
func (r *phraseResolver) reportUnlessNoted(p Problem) {
	if !r.noted[string(p.Job)+"\x00"+p.Field] {
		r.report(p)
	}
}

// reportOnce reports p once for its quote, whatever card prints it.
func (r *phraseResolver) reportOnce(p Problem) {
	k := p.Code + "\x00\x00" + p.Quote
	if !r.reported[k] {
		r.reported[k] = true
		r.b.Report(p)
	}
}

// node returns the node of a role or direction named in perspectives
// that is not in the repertoire, creating it on first use. Phrases with
// the same Key share one node.
func (r *phraseResolver) node(phrase string, kind Kind) JobID {
	k := r.b.key(phrase)
	if id, ok := r.external[k]; ok {
		return id
	}
	id := JobID("ext-" + Slug(phrase))
	for n := 2; r.b.Has(id); n++ {
		id = JobID(fmt.Sprintf("ext-%s-%d", Slug(phrase), n))
	}
	r.b.AddJob(&Job{ID: id, Title: phrase, Kind: kind})
	r.external[k] = id
	return id
}
