package pathways

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pathways-fr/pathways/graph"
)

// MaxTextLen bounds the free text a query accepts, in characters.
const MaxTextLen = 200

// Scores of the ways a text can match a name.
const (
	scoreExact   = 1.0
	scoreName    = 0.95 // a synonym, acronym or appellation
	scoreAlias   = 0.9
	scoreWords   = 0.5 // every word of the text starts a word of the name
	scoreTypo    = 0.3 // every word is a word of the name give or take a typo
	exactAtLeast = scoreAlias
)

// Match is a node that a text names, and how well.
type Match struct {
	ID     graph.JobID `json:"id"`
	Title  string      `json:"title"`
	Kind   graph.Kind  `json:"kind"`
	Family string      `json:"family,omitempty"`
	Level  *string     `json:"level"`
	Score  float64     `json:"score"`
	Name   string      `json:"name"`    // the name that matched
	How    string      `json:"matched"` // id, title, synonym, acronym, appellation, alias, words, typo
	node   int32
}

// Resolution is the answer to Resolve.
type Resolution struct {
	Query   string  `json:"query"`
	Matches []Match `json:"matches"`
}

// Resolve returns the jobs and roles a free text names, best first: by
// id, title, synonym, acronym or appellation (accents, case, hyphens and
// plurals never matter), then by words (every word of the text starts a
// word of the name), then, only when nothing else matches, by words give
// or take a typo. It returns at most limit matches; a limit below 1 is an
// *Error wrapping ErrBadQuery.
func Resolve(g *graph.Graph, text string, limit int) (Resolution, error) {
	if err := checkText(text); err != nil {
		return Resolution{}, err
	}
	if limit < 1 {
		return Resolution{}, badQuery(CodeOutOfRange, "limit doit être au moins 1")
	}
	ms := resolve(g, text)
	if len(ms) > limit {
		ms = ms[:limit]
	}
	return Resolution{Query: text, Matches: ms}, nil
}

func checkText(text string) error {
	switch {
	case strings.TrimSpace(text) == "":
		return badQuery(CodeMissing, "le texte à rechercher est vide")
	case utf8.RuneCountInString(text) > MaxTextLen:
		return badQuery(CodeTooLong, "le texte dépasse %d caractères", MaxTextLen)
	case !utf8.ValidString(text):
		return badQuery(CodeInvalid, "le texte n'est pas de l'UTF-8 valide")
	}
	return nil
}

func resolve(g *graph.Graph, text string) []Match {
	best := map[int32]Match{}
	consider := func(e graph.NameEntry, score float64, how string) {
		if m, ok := best[e.Node]; ok && m.Score >= score {
			return
		}
		best[e.Node] = match(g, e.Node, score, e.Text, how)
	}
	if i, ok := g.Index(graph.JobID(strings.TrimSpace(text))); ok && g.Node(i).Kind != graph.KindLevel {
		best[i] = match(g, i, scoreExact, string(g.Node(i).ID), "id")
	}
	toks := graph.Tokens(text)
	if len(toks) == 0 {
		return sorted(g, best)
	}
	names := g.Names()
	for _, e := range g.NamesByKey(strings.Join(toks, " ")) {
		en := names[e]
		score := scoreName
		switch en.Kind {
		case graph.NameID, graph.NameTitle:
			score = scoreExact
		case graph.NameAlias:
			score = scoreAlias
		}
		consider(en, score, string(en.Kind))
	}
	for _, e := range entriesWith(g, toks, false) {
		en := names[e]
		// The more of the name the text covers, the better the match.
		cover := float64(len(toks)) / float64(max(len(en.Tokens), len(toks)))
		consider(en, scoreWords+0.3*cover, "words")
	}
	if len(best) == 0 {
		for _, e := range entriesWith(g, toks, true) {
			en := names[e]
			cover := float64(len(toks)) / float64(max(len(en.Tokens), len(toks)))
			consider(en, scoreTypo+0.1*cover, "typo")
		}
	}
	return sorted(g, best)
}

// entriesWith returns the name entries that have, for every token, a word
// starting with it (or, with typos, a word at a small edit distance).
func entriesWith(g *graph.Graph, toks []string, typos bool) []int32 {
	var acc []int32
	for n, t := range toks {
		var set []int32
		if typos {
			words := g.Words()
			for w := range words {
				if closeEnough(t, words[w]) {
					set = union(set, g.Postings(w))
				}
			}
		} else {
			lo, hi := g.WordPrefix(t)
			for w := lo; w < hi; w++ {
				set = union(set, g.Postings(w))
			}
		}
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

// union merges two increasing lists.
func union(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
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
	return Match{ID: j.ID, Title: j.Title, Kind: j.Kind, Family: j.Family, Level: levelOf(j),
		Score: score, Name: name, How: how, node: i}
}

func levelOf(j *graph.Job) *string {
	if j.Level == graph.LevelNone {
		return nil
	}
	s := j.Level.String()
	return &s
}

var kindRank = map[graph.Kind]int{graph.KindJob: 0, graph.KindExternal: 1, graph.KindLevel: 2, graph.KindDirection: 3}

func sorted(g *graph.Graph, best map[int32]Match) []Match {
	ms := make([]Match, 0, len(best))
	for _, m := range best {
		ms = append(ms, m)
	}
	// Within a tier (exact, words, typo), jobs of the repertoire come
	// before external roles, then the better score.
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(cmp.Compare(tier(b.Score), tier(a.Score)), cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]),
			cmp.Compare(b.Score, a.Score), cmp.Compare(g.TitleRank(a.node), g.TitleRank(b.node)))
	})
	return ms
}

func tier(score float64) int {
	switch {
	case score >= exactAtLeast:
		return 2
	case score >= scoreWords:
		return 1
	}
	return 0
}

// MaxSet bounds how many nodes one text may stand for in a query.
const MaxSet = 100

// Find returns the nodes a text stands for in a query, in increasing node
// order. An exact name wins; otherwise every node whose name the words
// start. Jobs of the repertoire are preferred to external roles. A text
// that names nothing is an *Error wrapping ErrUnknownJob, with the nodes
// it may have meant as suggestions.
func Find(g *graph.Graph, text string) ([]int32, error) {
	if err := checkText(text); err != nil {
		return nil, err
	}
	ms := resolve(g, text)
	var exact, words, typos []Match
	for _, m := range ms {
		switch {
		case m.Score >= exactAtLeast:
			exact = append(exact, m)
		case m.Score >= scoreWords:
			words = append(words, m)
		default:
			typos = append(typos, m)
		}
	}
	for _, tier := range [][]Match{exact, words} {
		if nodes := pick(tier); len(nodes) > 0 {
			return nodes, nil
		}
	}
	return nil, unknownJob(text, typos)
}

// pick returns the nodes of a tier, jobs of the repertoire only if there
// are any.
func pick(tier []Match) []int32 {
	var jobs, others []int32
	for _, m := range tier {
		if m.Kind == graph.KindJob {
			jobs = append(jobs, m.node)
		} else {
			others = append(others, m.node)
		}
	}
	if len(jobs) == 0 {
		jobs = others
	}
	if len(jobs) > MaxSet {
		jobs = jobs[:MaxSet] // tiers come best first
	}
	slices.Sort(jobs)
	return jobs
}

func unknownJob(text string, typos []Match) *Error {
	e := &Error{Code: CodeUnknownJob, Err: ErrUnknownJob,
		Message: "aucun métier ne correspond à « " + text + " »"}
	for i, m := range typos {
		if i == 5 {
			break
		}
		e.Suggestions = append(e.Suggestions, Suggestion{ID: string(m.ID), Title: m.Title})
	}
	if len(e.Suggestions) > 0 {
		e.Message += " ; vouliez-vous dire : " + e.Suggestions[0].Title + " ?"
	}
	return e
}
