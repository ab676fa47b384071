package graph

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// NameEntry is one name under which a node can be found: its ID, title,
// a synonym, an acronym, an appellation or an alias.
type NameEntry struct {
	Node   int32
	Text   string
	Kind   NameKind
	Key    string   // Key(Text)
	Tokens []string // Tokens(Text)
	// Rare is set when the job lists this name, with this text and kind,
	// as seldom used (Name.Rare).
	Rare bool
}

// nameIndex finds nodes by name: by exact key, and by word through an
// inverted index whose words are sorted so that prefixes are ranges.
type nameIndex struct {
	entries  []NameEntry
	byKey    map[string][]int32
	words    []string
	postings [][]int32
}

// lazyNames is the name index of a graph, built on its first use: the
// largest part of a load is folding and indexing names (ROME 4.0 holds
// 13,120 appellations in two genders), and only resolution reads them.
type lazyNames struct {
	once  sync.Once
	ix    *nameIndex
	build func() *nameIndex
}

// index returns the name index of g, building it on first use.
func (g *Graph) index() *nameIndex {
	l := &g.names
	l.once.Do(func() {
		if l.build == nil {
			l.ix = buildNames(g.jobs)
		} else {
			l.ix, l.build = l.build(), nil
		}
	})
	return l.ix
}

// buildNames indexes the names of the nodes.
func buildNames(jobs []*Job) *nameIndex {
	n := 0
	for _, j := range jobs {
		n += 2 + len(j.Names)
	}
	ix := &nameIndex{byKey: make(map[string][]int32, n), entries: make([]NameEntry, 0, n)}
	for i, j := range jobs {
		if j.Kind == KindLevel {
			continue
		}
		first := len(ix.entries)
		ix.add(first, NameEntry{Node: int32(i), Text: j.Title, Kind: NameTitle})
		ix.add(first, NameEntry{Node: int32(i), Text: string(j.ID), Kind: NameID})
		for _, nm := range j.Names {
			ix.add(first, NameEntry{Node: int32(i), Text: nm.Text, Kind: nm.Kind, Rare: nm.Rare})
		}
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

// add adds the name en of its node, whose entries start at first, unless
// it has no word or the node already has a name of the same key (e.g. a
// synonym equal to the title); a repeat of the same text and kind marked
// rare marks the entry kept.
func (ix *nameIndex) add(first int, en NameEntry) {
	w := wordsOf(en.Text)
	if len(w.tokens) == 0 {
		return
	}
	for _, e := range ix.byKey[w.key] {
		if int(e) >= first {
			if k := &ix.entries[e]; en.Rare && k.Text == en.Text && k.Kind == en.Kind {
				k.Rare = true
			}
			return
		}
	}
	en.Key, en.Tokens = w.key, w.tokens
	ix.byKey[w.key] = append(ix.byKey[w.key], int32(len(ix.entries)))
	ix.entries = append(ix.entries, en)
}

// mergeNames returns the name index of g, a graph whose nodes other than
// levels are copies of nodes of srcs (as Combine makes it), from the name
// indexes of srcs: the entries buildNames would give, without folding
// any name again.
func mergeNames(g *Graph, srcs ...*Graph) *nameIndex {
	type source struct {
		ix    *nameIndex
		start []int32 // the first entry of each node, and the end
		remap []int32 // the entry of g each entry becomes
	}
	ss := make([]source, len(srcs))
	total := 0
	for k, src := range srcs {
		ix := src.index()
		s := source{ix: ix, start: make([]int32, src.Len()+1), remap: make([]int32, len(ix.entries))}
		for _, en := range ix.entries {
			s.start[en.Node+1]++
		}
		for i := range src.Len() {
			s.start[i+1] += s.start[i]
		}
		ss[k], total = s, total+len(ix.entries)
	}
	ix := &nameIndex{byKey: make(map[string][]int32, total), entries: make([]NameEntry, 0, total)}
	for i, j := range g.jobs {
		if j.Kind == KindLevel {
			continue
		}
		for k, src := range srcs {
			si, ok := src.pos[j.ID]
			if !ok {
				continue
			}
			s := &ss[k]
			for e := s.start[si]; e < s.start[si+1]; e++ {
				en := s.ix.entries[e]
				en.Node = int32(i)
				s.remap[e] = int32(len(ix.entries))
				ix.byKey[en.Key] = append(ix.byKey[en.Key], int32(len(ix.entries)))
				ix.entries = append(ix.entries, en)
			}
			break
		}
	}
	for _, s := range ss {
		ix.mergeWords(s.ix, s.remap)
	}
	return ix
}

// mergeWords adds the words of src to ix, with their postings renumbered
// by remap, which keeps their order.
func (ix *nameIndex) mergeWords(src *nameIndex, remap []int32) {
	words := make([]string, 0, len(ix.words)+len(src.words))
	postings := make([][]int32, 0, cap(words))
	a, b := 0, 0
	for a < len(ix.words) || b < len(src.words) {
		c := 1
		switch {
		case a == len(ix.words):
			c = 1
		case b == len(src.words):
			c = -1
		default:
			c = strings.Compare(ix.words[a], src.words[b])
		}
		if c < 0 {
			words, postings = append(words, ix.words[a]), append(postings, ix.postings[a])
			a++
			continue
		}
		p := make([]int32, len(src.postings[b]))
		for i, e := range src.postings[b] {
			p[i] = remap[e]
		}
		if c == 0 {
			p = mergeSorted(ix.postings[a], p)
			a++
		}
		words, postings = append(words, src.words[b]), append(postings, p)
		b++
	}
	ix.words, ix.postings = words, postings
}

// mergeSorted returns the union of two increasing lists with no common
// element.
func mergeSorted(x, y []int32) []int32 {
	out := make([]int32, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		if x[0] < y[0] {
			out, x = append(out, x[0]), x[1:]
		} else {
			out, y = append(out, y[0]), y[1:]
		}
	}
	return append(append(out, x...), y...)
}

// Names returns every name entry. The slice must not be modified.
func (g *Graph) Names() []NameEntry { return g.index().entries }

// NamesByKey returns the entries whose Key is key.
func (g *Graph) NamesByKey(key string) []int32 { return g.index().byKey[key] }

// Words returns the sorted distinct words of all names.
func (g *Graph) Words() []string { return g.index().words }

// WordPrefix returns the range [lo, hi) of Words that start with prefix.
func (g *Graph) WordPrefix(prefix string) (lo, hi int) {
	w := g.index().words
	lo = sort.SearchStrings(w, prefix)
	hi = lo
	for hi < len(w) && strings.HasPrefix(w[hi], prefix) {
		hi++
	}
	return lo, hi
}

// Postings returns the entries that contain word number w, in increasing
// order.
func (g *Graph) Postings(w int) []int32 { return g.index().postings[w] }
