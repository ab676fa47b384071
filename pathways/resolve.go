package pathways

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pathways-fr/pathways/graph"
)

// MaxTextLen bounds the free text a query accepts, in characters.
const MaxTextLen = 200

// Limits of what a text stands for.
const (
	MaxSet        = 100 // nodes one text may stand for in a query
	MaxCandidates = 10  // candidates a resolution lists
)

// Scores of the ways a text can match a name: a name given whole scores
// 0.9 and more, in this order (see compareMatches); by words, 0.5 to
// 0.85 (see wordsMatch); give or take a typo, 0.3 to 0.4.
const (
	scoreID    = 1.0
	scoreTitle = 0.98
	scoreName  = 0.95 // a synonym, acronym or appellation
	scoreRare  = 0.92 // a name its source marks as seldom used
	scoreAlias = 0.9  // the reviewed alias table of the dataset
	scoreWords = 0.5  // every word of the text starts a word of the name
	scoreTypo  = 0.3  // every word is a word of the name give or take a typo
)

// The tiers of a match.
const (
	tierTypo int8 = iota
	tierWords
	tierExact
)

// Where the words of a text stand among the names of a node, for matches
// by words, weakest first.
const (
	placeRare  int8 = iota // only in names marked rare
	placeMinor             // in one appellation of a ROME fiche, not in its title
	placeName              // in a synonym, acronym or alias, or in two appellations or more
	placeTitle             // in the title or the ID
)

// datasetOrder ranks the datasets of a graph that joins several: of a
// métier and a ROME fiche that a text names as well, the métier comes
// first. A dataset not listed comes after those listed.
var datasetOrder = []string{"metiers", "rome", "rome-v3"}

// Match is a node that a text names, and how well.
type Match struct {
	Node
	Dataset string  `json:"dataset"`
	Score   float64 `json:"score"`
	Name    string  `json:"name"`    // the name that matched
	How     string  `json:"matched"` // id, title, synonym, acronym, appellation, alias, words, typo
	node    int32
	tier    int8
	place   int8 // exact: the rank of the name's kind; words: where the words stand
	set     int8 // rank of the dataset in datasetOrder
}

// Resolution is the answer to Resolve. Candidates are what the text
// stands for in a query (path, reachable, feeders), best first; when
// there are several, Ambiguous is true and a person should choose.
type Resolution struct {
	Query      string  `json:"query"`
	Matches    []Match `json:"matches"`
	Ambiguous  bool    `json:"ambiguous"`
	Candidates []Match `json:"candidates"`
}

// Ambiguity says that the text of a query parameter names several jobs
// with close scores: the query answers for all of them, best first, and
// a person may choose one.
type Ambiguity struct {
	Param      string  `json:"param"` // from or to
	Text       string  `json:"text"`
	Candidates []Match `json:"candidates"`
}

// Resolve returns the jobs and roles a free text names, best first: by
// id, title, synonym, acronym or appellation (accents, case, hyphens and
// plurals never matter), then by words (every word of the text starts a
// word of the name), then, only when nothing else matches, by words give
// or take a typo. It returns at most limit matches; a limit below 1 is an
// *Error wrapping ErrBadQuery. The resolution also says what the text
// stands for in a query, and whether that is ambiguous.
func Resolve(g *graph.Graph, text string, limit int) (Resolution, error) {
	if err := checkText(text); err != nil {
		return Resolution{}, err
	}
	if limit < 1 {
		return Resolution{}, badQuery(CodeOutOfRange, "limit doit être au moins 1")
	}
	s := getScratch(g.Len())
	defer s.release()
	ms, n := lookup(g, s, text, wordsOf(text), true)
	withLevels(g, ms[:min(len(ms), max(limit, min(n, MaxCandidates)))]) // those shown below
	return Resolution{Query: text, Matches: slices.Clone(ms[:min(len(ms), limit)]), Ambiguous: n > 1,
		Candidates: slices.Clone(ms[:min(n, MaxCandidates)])}, nil
}

// words are what resolving a text reads of it: its tokens (graph.Tokens)
// and its key (graph.Key), the tokens joined.
type words struct {
	toks []string
	key  string
}

func wordsOf(text string) words {
	toks := graph.Tokens(text)
	return words{toks: toks, key: strings.Join(toks, " ")}
}

func checkText(text string) error {
	switch {
	case strings.TrimSpace(text) == "":
		return badQuery(CodeMissing, "le texte à rechercher est vide")
	case utf8.RuneCountInString(text) > MaxTextLen:
		return badQuery(CodeTooLong, "le texte dépasse %d caractères", MaxTextLen)
	case !utf8.ValidString(text):
		return badQuery(CodeInvalid, "le texte n’est pas de l’UTF-8 valide")
	}
	return nil
}

// lookup returns the matches of a text, best first, and how many of the
// first ones the text stands for in a query: those that match as well as
// the first (see sameChoice), none when only typos match. Matches by
// words are left out when a name is given whole, unless every is set.
// The matches have no level yet: withLevels gives them theirs, to those
// a document shows. They are held by s: valid until s is used again or
// released, and documents copy those they show. w are the words of text.
func lookup(g *graph.Graph, s *scratch, text string, w words, every bool) ([]Match, int) {
	ms := resolve(g, s, text, w, every)
	s.matches = ms
	if ms == nil {
		ms = []Match{} // a document lists no match as [], not null
	}
	slices.SortFunc(ms, func(a, b Match) int { return compareMatches(g, a, b) })
	if len(ms) == 0 || ms[0].tier == tierTypo {
		return ms, 0
	}
	n := 1
	for n < len(ms) && sameChoice(ms[0], ms[n]) {
		n++
	}
	return ms, n
}

// resolve returns the best match of each node a text names, as lookup
// does, in no particular order, in the matches of s.
func resolve(g *graph.Graph, s *scratch, text string, w words, every bool) []Match {
	best := matchSet{g: g, ms: s.matches[:0], s: s}
	best.s.bump()
	consider := best.consider
	if i, ok := g.Index(graph.JobID(strings.TrimSpace(text))); ok && g.Node(i).Kind != graph.KindLevel {
		consider(exactMatch(g, i, string(g.Node(i).ID), graph.NameID, false))
	}
	toks := w.toks
	if len(toks) == 0 {
		return best.ms
	}
	names, facts := g.Names(), factsOf(g)
	for _, e := range g.NamesByKey(w.key) {
		if facts.generic[e] {
			continue // matched by words below, with the other names that hold it
		}
		en := names[e]
		consider(exactMatch(g, en.Node, en.Text, en.Kind, facts.rare[e]))
	}
	if len(best.ms) > 0 && !every {
		return best.ms
	}
	// The index lists the names of a node together, so the entries of
	// a node are a run of the increasing list.
	es := entriesWith(g, toks, false)
	for lo := 0; lo < len(es); {
		n, hi := names[es[lo]].Node, lo+1
		for hi < len(es) && names[es[hi]].Node == n {
			hi++
		}
		if best.at(n) < 0 {
			consider(wordsMatch(g, n, es[lo:hi], toks, facts))
		}
		lo = hi
	}
	if len(best.ms) == 0 {
		for _, e := range entriesWith(g, toks, true) {
			en := &names[e]
			score := scoreTypo + 0.1*cover(len(toks), en)
			if k := best.at(en.Node); k >= 0 && best.ms[k].Score >= score {
				continue
			}
			// A misspelt identifier is shown by its job's title: people
			// read the suggestion, not the slug.
			name := en.Text
			if en.Kind == graph.NameID {
				name = g.Node(en.Node).Title
			}
			m := match(g, en.Node, score, name, "typo")
			m.tier = tierTypo
			consider(m)
		}
	}
	return best.ms
}

// matchSet is the best match of each node found so far, the position of
// a node's in ms stamped in the marks of a scratch (s.bump starts a set).
type matchSet struct {
	g  *graph.Graph
	ms []Match
	s  *scratch
}

// at returns the position of node's match in ms, or -1.
func (b *matchSet) at(node int32) int {
	if m := b.s.mark[node]; m.stamp == b.s.epoch {
		return int(m.dist)
	}
	return -1
}

// consider keeps m if its node has no match yet, or a worse one.
func (b *matchSet) consider(m Match) {
	k := b.at(m.node)
	switch {
	case k < 0:
		b.s.mark[m.node] = mark{stamp: b.s.epoch, dist: int32(len(b.ms))}
		b.ms = append(b.ms, m)
	case compareMatches(b.g, m, b.ms[k]) < 0:
		b.ms[k] = m
	}
}

// cover is how much of a name the words of a text cover, in (0, 1].
func cover(ntoks int, en *graph.NameEntry) float64 {
	return float64(ntoks) / float64(max(len(en.Tokens), ntoks))
}

// exactMatch is the match of a node by one of its names, whole. Its
// place ranks the kind of name: ID 4, title 3, synonym, acronym or
// appellation 2, rare name 1, alias 0.
func exactMatch(g *graph.Graph, node int32, name string, kind graph.NameKind, rare bool) Match {
	score, place := scoreName, int8(2)
	switch {
	case kind == graph.NameID:
		score, place = scoreID, 4
	case kind == graph.NameTitle:
		score, place = scoreTitle, 3
	case kind == graph.NameAlias:
		score, place = scoreAlias, 0
	case rare:
		score, place = scoreRare, 1
	}
	m := match(g, node, score, name, string(kind))
	m.tier, m.place = tierExact, place
	return m
}

// wordsMatch rates how the names of a node hold the words of a text; es
// are the entries of the node that hold them. The words stand in the
// title, or in a name of the job (a synonym, an acronym, an alias), or in
// the appellations of a ROME fiche: in two or more, the fiche is about
// them; in one, they name a minor job of the fiche. Then the more names
// hold the words, and the more of the best name they cover, the better.
// Another form of a name (the masculine "Développeur web" of
// "Développeur / Développeuse web") is not counted again.
func wordsMatch(g *graph.Graph, node int32, es []int32, toks []string, facts *nameFacts) Match {
	names := g.Names()
	support, apps := 0, 0
	for _, e := range es {
		if facts.rare[e] || facts.form[e] {
			continue
		}
		support++
		if names[e].Kind == graph.NameAppellation {
			apps++
		}
	}
	// The name shown is the best placed, a title rather than an ID, the
	// one the words cover most, one that starts with the words rather
	// than one that holds them further on.
	best, bestRank := int32(-1), nameRank{}
	for _, e := range es {
		en := &names[e]
		r := nameRank{place: placeOf(en.Kind, facts.rare[e], apps), notID: en.Kind != graph.NameID,
			cover: cover(len(toks), en), prefix: strings.HasPrefix(en.Tokens[0], toks[0])}
		if best < 0 || r.above(bestRank) {
			best, bestRank = e, r
		}
	}
	score := scoreWords + 0.1*float64(bestRank.place) + 0.01*float64(min(max(support, 1), maxSupport)-1) + 0.009*bestRank.cover
	m := match(g, node, score, names[best].Text, "words")
	m.tier, m.place = tierWords, bestRank.place
	return m
}

// nameRank is how well a name of a node that holds the words of a text
// shows its match by words: fields compared in order, each higher better.
type nameRank struct {
	place  int8    // where the words stand (placeOf)
	notID  bool    // a title or another name rather than the ID
	cover  float64 // how much of the name the words cover
	prefix bool    // the name starts with the words rather than holding them further on
}

// above reports whether a ranks above b.
func (a nameRank) above(b nameRank) bool {
	switch {
	case a.place != b.place:
		return a.place > b.place
	case a.notID != b.notID:
		return a.notID
	case a.cover != b.cover:
		return a.cover > b.cover
	}
	return a.prefix && !b.prefix
}

// maxSupport is the number of names holding the words beyond which more
// do not rank a node higher.
const maxSupport = 5

func placeOf(kind graph.NameKind, rare bool, apps int) int8 {
	switch {
	case rare:
		return placeRare
	case kind == graph.NameID || kind == graph.NameTitle:
		return placeTitle
	case kind != graph.NameAppellation || apps >= 2:
		return placeName
	}
	return placeMinor
}

// markGeneric sets generic on the one-word appellations of fiches whose
// word begins a name of a métier.
func (f *nameFacts) markGeneric(g *graph.Graph, names []graph.NameEntry) {
	metier := map[string]bool{} // first words of the names of métiers
	for _, en := range names {
		if j := g.Node(en.Node); len(en.Tokens) > 0 && j.Kind == graph.KindJob && j.Dataset == "metiers" {
			metier[en.Tokens[0]] = true
		}
	}
	if len(metier) == 0 {
		return
	}
	for e, en := range names {
		f.generic[e] = en.Kind == graph.NameAppellation && len(en.Tokens) == 1 && metier[en.Tokens[0]] &&
			g.Node(en.Node).Dataset != "metiers"
	}
}

// formOf reports whether every word of a is a word of b, or begins or
// ends one.
func formOf(a, b []string) bool {
	for _, w := range a {
		if !slices.ContainsFunc(b, func(v string) bool {
			return strings.HasPrefix(v, w) || (len(w) <= 5 && strings.HasSuffix(v, w)) // v == w is a prefix
		}) {
			return false
		}
	}
	return true
}

// nameFacts is what resolution knows of each entry of a graph's name
// index, computed once per graph.
type nameFacts struct {
	rare []bool // a name its source marks as seldom used
	// form is set on an entry that is another form of a neighbour of the
	// same node (the forms of one name, as a loader lists them, are
	// neighbours) that holds more words, or of an equal one listed before
	// it: every word of it is a word of the other, the beginning of one
	// (an abbreviation: "admin" of "administratif"), or the ending of one
	// (a feminine form: "se" of "Développeur(se)", "trice" of
	// "Concepteur(trice)").
	form []bool
	// generic is set, on a graph that joins the repertoire and ROME
	// (dataset all), on an appellation of a ROME fiche made of one word
	// that begins a name of a métier of the repertoire (« Architecte DE »,
	// which reads « architecte », where Architecte logiciel and Architecte
	// cloud/réseaux are métiers): given alone, the word names the métiers
	// as well as the fiche, and the métiers are meant first, so it is no
	// name given whole and matches by words. An ID, a title or a synonym
	// stays exact, and so does every name on a graph of one dataset.
	generic []bool
}

type factsKey struct{}

// Prepare computes now what resolving a text on g computes once per graph
// on its first use: the name index and the facts of the names, both at
// once. A server calls it on the dataset its first answers are likely on,
// while it starts.
func Prepare(g *graph.Graph) {
	var wg sync.WaitGroup
	wg.Go(g.IndexNames)
	factsOf(g)
	wg.Wait()
}

func factsOf(g *graph.Graph) *nameFacts {
	return g.Memo(factsKey{}, func() any {
		const near = 3
		names := g.Names()
		f := &nameFacts{rare: make([]bool, len(names)), form: make([]bool, len(names)), generic: make([]bool, len(names))}
		f.markGeneric(g, names)
		for e, en := range names {
			f.rare[e] = en.Rare
			for o := max(0, e-near); o < min(len(names), e+near+1) && !f.form[e]; o++ {
				a, b := en.Tokens, names[o].Tokens
				if o != e && names[o].Node == en.Node && (len(a) < len(b) || (len(a) == len(b) && o < e)) && formOf(a, b) {
					f.form[e] = true
				}
			}
		}
		return f
	}).(*nameFacts)
}

// entriesWith returns the name entries that have, for every token, a word
// starting with it (or, with typos, a word at a small edit distance), in
// increasing order. The list may be the graph's own: it is read, never
// written.
func entriesWith(g *graph.Graph, toks []string, typos bool) []int32 {
	var acc []int32
	for n, t := range toks {
		set := tokenEntries(g, t, typos)
		if n == 0 {
			acc = set
		} else {
			acc = intersect(acc, set)
		}
		if len(acc) == 0 {
			return nil
		}
	}
	return acc
}

// tokenEntries returns the name entries that have a word starting with t
// (or, with typos, a word at a small edit distance), in increasing order.
func tokenEntries(g *graph.Graph, t string, typos bool) []int32 {
	var set []int32
	if typos {
		words := g.Words()
		for w := range words {
			if closeEnough(t, words[w]) {
				set = append(set, g.Postings(w)...)
			}
		}
	} else {
		lo, hi := g.WordPrefix(t)
		if hi == lo+1 {
			// One word starts with t (most often t itself): its
			// postings are the list, increasing already.
			return g.Postings(lo)
		}
		for w := lo; w < hi; w++ {
			set = append(set, g.Postings(w)...)
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// closeEnough reports whether word is t give or take a typo: an edit
// distance of 1 for words of 4 to 6 letters, 2 beyond, or t a prefix of
// word at distance 1 for longer words.
func closeEnough(t, word string) bool {
	d := 0
	switch {
	case len(t) < 4:
		return false
	case len(t) <= 6:
		d = 1
	default:
		d = 2
	}
	if abs(len(t)-len(word)) > d {
		if len(word) > len(t) {
			return levenshtein(t, word[:len(t)], 1) <= 1
		}
		return false
	}
	return levenshtein(t, word, d) <= d
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// levenshtein returns the edit distance of a and b, or max+1 as soon as
// it exceeds max.
func levenshtein(a, b string, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// intersect keeps the elements of two increasing lists found in both.
func intersect(a, b []int32) []int32 {
	out := a[:0:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case b[j] < a[i]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

func match(g *graph.Graph, i int32, score float64, name, how string) Match {
	j := g.Node(i)
	ds := datasetOf(g, j)
	set := slices.Index(datasetOrder, ds)
	if set < 0 {
		set = len(datasetOrder)
	}
	return Match{Node: nodeOf(j, nil), Dataset: ds,
		Score: score, Name: name, How: how, node: i, set: int8(set)}
}

// withLevels gives the matches ms their nodes' levels, and returns them.
func withLevels(g *graph.Graph, ms []Match) []Match {
	for i := range ms {
		ms[i].Level = levelOf(g.Node(ms[i].node))
	}
	return ms
}

// datasetOf returns the dataset a node comes from.
func datasetOf(g *graph.Graph, j *graph.Job) string {
	if j.Dataset != "" {
		return j.Dataset
	}
	return g.Dataset
}

// kindRank orders kinds: jobs, external roles, levels, directions, others.
func kindRank(k graph.Kind) int {
	switch k {
	case graph.KindJob:
		return 0
	case graph.KindExternal:
		return 1
	case graph.KindLevel:
		return 2
	case graph.KindDirection:
		return 3
	}
	return 4
}

// compareMatches orders matches, best first. The first criterion that
// differs decides:
//  1. the tier: a name given whole, then words, then words give or take
//     a typo;
//  2. the kind: jobs (of any dataset), then external roles;
//  3. how the name holds the text: whole, an ID, then a title, a
//     synonym, acronym or appellation, a rare one, an alias; by words,
//     where they stand (see wordsMatch);
//  4. the dataset, in datasetOrder;
//  5. the score: by words, how many names hold them and how much of the
//     name they cover;
//  6. the title.
func compareMatches(g *graph.Graph, a, b Match) int {
	return cmp.Or(cmp.Compare(b.tier, a.tier), cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)),
		cmp.Compare(b.place, a.place), cmp.Compare(a.set, b.set), cmp.Compare(b.Score, a.Score),
		cmp.Compare(g.TitleRank(a.node), g.TitleRank(b.node)))
}

// sameChoice reports whether a text that matches a first and b next
// stands for both in a query: b equals a on criteria 1 to 4 of
// compareMatches. So an ID, a title or a synonym of one job pins it: no
// looser match joins it; and where métiers and ROME fiches hold the text
// as well, the métiers are meant (the bridge leads from them to their
// fiches). Two jobs of one dataset the same name belongs to, or whose
// names hold the words as well, are both meant: the text is ambiguous.
func sameChoice(a, b Match) bool {
	return a.tier == b.tier && kindRank(a.Kind) == kindRank(b.Kind) && a.place == b.place && a.set == b.set
}

// Find returns the nodes a text stands for in a query, in increasing node
// order: the best match and those that match as well (see sameChoice),
// by a name given whole, else by words. A text that names nothing is an
// *Error wrapping ErrUnknownJob, with the nodes it may have meant as
// suggestions.
func Find(g *graph.Graph, text string) ([]int32, error) {
	ep, err := FindTo(g, text)
	return ep.Nodes, err
}

// FindTo reads the target of a query: the nodes a text stands for, as
// Find returns them, and, when they are several, the ambiguity.
func FindTo(g *graph.Graph, text string) (Endpoint, error) {
	return findText(g, text, "to")
}

// findText reads the nodes a text stands for, as the param of a query.
func findText(g *graph.Graph, text, param string) (Endpoint, error) {
	if err := checkText(text); err != nil {
		return Endpoint{}, err
	}
	s := getScratch(g.Len())
	defer s.release()
	ms, n := lookup(g, s, text, wordsOf(text), false)
	return endpointOf(g, text, param, ms, n)
}

// endpointOf is the endpoint a text stands for, given its lookup: it
// copies what it keeps of the matches.
func endpointOf(g *graph.Graph, text, param string, ms []Match, n int) (Endpoint, error) {
	if n == 0 {
		return Endpoint{}, unknownJob(text, ms)
	}
	ep := Endpoint{Nodes: make([]int32, 0, min(n, MaxSet))}
	for _, m := range ms[:min(n, MaxSet)] { // best first
		ep.Nodes = append(ep.Nodes, m.node)
	}
	slices.Sort(ep.Nodes)
	if n > 1 {
		ep.Ambiguities = []Ambiguity{{Param: param, Text: text, Candidates: withLevels(g, slices.Clone(ms[:min(n, MaxCandidates)]))}}
	}
	return ep, nil
}

func unknownJob(text string, typos []Match) *Error {
	e := &Error{Code: CodeUnknownJob, Err: ErrUnknownJob,
		Message: "aucun métier ne correspond à « " + text + " »"}
	// The same names, in the same order, as a resolution of the text
	// lists (the page's completion): a person is offered on submit what
	// was offered while typing.
	for i, m := range typos {
		if i == MaxCandidates {
			break
		}
		e.Suggestions = append(e.Suggestions, Suggestion{ID: string(m.ID), Title: m.Title})
	}
	if len(e.Suggestions) > 0 {
		e.Message += " ; vouliez-vous dire : " + e.Suggestions[0].Title + " ?"
	}
	return e
}
