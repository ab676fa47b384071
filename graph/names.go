package graph

import (
	"slices"
	"sort"
	"strings"
)

// NameEntry is one name under which a node can be found: its ID, title,
// a synonym, an acronym, an appellation or an alias.
type NameEntry struct {
	Node   int32
	Text   string
	Kind   NameKind
	Key    string   // Key(Text)
	Tokens []string // Tokens(Text)
}

// nameIndex finds nodes by name: by exact key, and by word through an
// inverted index whose words are sorted so that prefixes are ranges.
type nameIndex struct {
	entries  []NameEntry
	byKey    map[string][]int32
	words    []string
	postings [][]int32
}

// buildNames indexes the names of the nodes; wordsFor returns the Tokens
// and the Key of a name.
func buildNames(jobs []*Job, wordsFor func(string) words) *nameIndex {
	type name struct {
		node int32
		text string
		kind NameKind
	}
	var all []name
	for i, j := range jobs {
		if j.Kind == KindLevel {
			continue
		}
		all = append(all, name{int32(i), j.Title, NameTitle}, name{int32(i), string(j.ID), NameID})
		for _, n := range j.Names {
			all = append(all, name{int32(i), n.Text, n.Kind})
		}
	}
	ix := &nameIndex{byKey: make(map[string][]int32, len(all)), entries: make([]NameEntry, 0, len(all))}
next:
	for _, n := range all {
		w := wordsFor(n.text)
		toks, key := w.tokens, w.key
		if len(toks) == 0 {
			continue
		}
		for _, e := range ix.byKey[key] {
			if ix.entries[e].Node == n.node {
				continue next // the same name twice, e.g. a synonym equal to the title
			}
		}
		ix.byKey[key] = append(ix.byKey[key], int32(len(ix.entries)))
		ix.entries = append(ix.entries, NameEntry{Node: n.node, Text: n.text, Kind: n.kind, Key: key, Tokens: toks})
	}
	post := make(map[string][]int32, len(ix.entries))
	for e, en := range ix.entries {
		for _, t := range en.Tokens {
			p := post[t]
			if len(p) == 0 || p[len(p)-1] != int32(e) {
				post[t] = append(p, int32(e))
			}
		}
	}
	ix.words = make([]string, 0, len(post))
	for w := range post {
		ix.words = append(ix.words, w)
	}
	slices.Sort(ix.words)
	ix.postings = make([][]int32, len(ix.words))
	for i, w := range ix.words {
		ix.postings[i] = post[w]
	}
	return ix
}

// Names returns every name entry. The slice must not be modified.
func (g *Graph) Names() []NameEntry { return g.names.entries }

// NamesByKey returns the entries whose Key is key.
func (g *Graph) NamesByKey(key string) []int32 { return g.names.byKey[key] }

// Words returns the sorted distinct words of all names.
func (g *Graph) Words() []string { return g.names.words }

// WordPrefix returns the range [lo, hi) of Words that start with prefix.
func (g *Graph) WordPrefix(prefix string) (lo, hi int) {
	w := g.names.words
	lo = sort.SearchStrings(w, prefix)
	hi = lo
	for hi < len(w) && strings.HasPrefix(w[hi], prefix) {
		hi++
	}
	return lo, hi
}

// Postings returns the entries that contain word number w, in increasing
// order.
func (g *Graph) Postings(w int) []int32 { return g.names.postings[w] }
