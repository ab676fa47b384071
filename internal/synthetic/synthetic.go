// Package synthetic writes repertoires in the format graph.LoadMetiers
// reads, shaped like the real one, for load tests and benchmarks. It does
// not import graph: the loader reads its output as it reads any file.
package synthetic

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Options shape a synthetic repertoire.
type Options struct {
	Jobs     int    // number of jobs; at least 1
	Edges    int    // number of edges; more than Jobs×(Jobs−1) is cut to that
	Families int    // number of families; 0 means 9, as in the repertoire
	Seed     uint64 // the same options always give the same bytes
}

// Shape of a synthetic repertoire.
const (
	synthHubShare    = 0.08 // edges toward a hub
	synthFamilyShare = 0.72 // edges within the family of their source
	synthCloseShare  = 0.30 // edges of type proche; the others are evolutions
	synthSinkShare   = 0.03 // jobs with no edge out, like cards printing no perspective
	synthParetoAlpha = 1.8  // tail of the out-degree distribution
)

// Generate returns a repertoire in the format graph.LoadMetiers reads.
// See Write.
func Generate(opts Options) []byte {
	var b bytes.Buffer
	Write(&b, opts) // a bytes.Buffer never fails
	return b.Bytes()
}

// Write writes a repertoire shaped like the real one: opts.Jobs
// jobs in opts.Families families, with levels distributed as in the
// repertoire (mostly Bac +2 and Bac +5), and exactly opts.Edges explicit
// edges, mostly evolutions, with no self-loop and at most one edge per
// ordered pair of jobs. Out-degrees follow a power law; a few hubs
// (directors, at Bac +5) and the first jobs of each family draw many
// edges; most edges stay within their family and lead to an equal or
// higher level. Jobs have no card: the loader's comparisons of cards are
// quadratic, and a card without text would only add warnings. The output
// is written as it is made, one job or edge a line, so memory stays in
// proportion to the number of jobs.
func Write(w io.Writer, opts Options) error {
	s := newSynth(opts)
	bw := bufio.NewWriterSize(w, 64<<10)
	s.writeHead(bw)
	s.writeJobs(bw)
	s.writeEdges(bw)
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

// Words the titles are made of. Roles depend on the level band.
var (
	synthRoles = [3][]string{
		{"Technicien", "Opérateur", "Assistant", "Agent", "Installateur"},
		{"Développeur", "Administrateur", "Intégrateur", "Analyste", "Designer", "Chargé", "Gestionnaire", "Technicien supérieur", "Webmaster"},
		{"Ingénieur", "Architecte", "Consultant", "Chef de projet", "Responsable", "Expert", "Manager", "Data scientist"},
	}
	synthAltRoles = map[string]string{
		"Technicien": "Tech", "Opérateur": "Pilote", "Assistant": "Aide", "Agent": "Employé", "Installateur": "Monteur",
		"Développeur": "Programmeur", "Administrateur": "Admin", "Intégrateur": "Assembleur", "Analyste": "Analyst",
		"Designer": "Concepteur graphique", "Chargé": "Référent", "Gestionnaire": "Coordinateur",
		"Technicien supérieur": "Technicien expert", "Webmaster": "Éditeur web",
		"Ingénieur": "Ingé", "Architecte": "Concepteur", "Consultant": "Conseiller", "Chef de projet": "Project manager",
		"Responsable": "Head of", "Expert": "Spécialiste", "Manager": "Encadrant", "Data scientist": "Scientifique",
	}
	synthDomains = []string{
		"données", "réseaux", "cloud", "logiciel", "web", "mobile", "sécurité", "systèmes", "infrastructures",
		"interfaces", "décisionnel", "embarqué", "référencement", "support", "DevOps", "IA", "télécoms",
		"qualité", "commerce en ligne", "marketing digital", "bases de données", "applications",
	}
	synthQualifiers = []string{
		"cloud", "temps réel", "big data", "open source", "industriel", "bancaire", "santé", "public",
		"grands comptes", "international", "nomade", "cybersécurité", "objets connectés",
	}
	synthHubs = []string{
		"Directeur des systèmes d’information", "Directeur technique", "Directeur de projet",
		"Responsable de la sécurité des systèmes d’information", "Directeur des données", "Directeur du numérique",
	}
	synthFamilies = []string{
		"Programmation et développement", "Métiers de l’intelligence artificielle et de la donnée",
		"Interfaces utilisateurs et créations numériques", "Communication et marketing", "Commerce",
		"Infrastructures, cloud, réseaux", "Maintenance, support et services aux utilisateurs",
		"Expertise et conseil", "Direction, management et stratégie",
	}
)

// level is a minimum access level, in the order of graph.Level: only
// comparisons and the text printed matter here.
type level uint8

const (
	levelNone level = iota
	levelCAP
	levelBac
	levelBac2
	levelBac3
	levelBac4
	levelBac5
)

// synthLevels are the levels a job can get, with their weight and how
// the level is printed.
var synthLevels = []struct {
	level  level
	weight float64
	text   string
}{
	{levelNone, 4, ""},
	{levelCAP, 2, "CAP"},
	{levelBac, 6, "Bac"},
	{levelBac2, 38, "Bac +2"},
	{levelBac3, 12, "Bac +3"},
	{levelBac4, 7, "Bac +4"},
	{levelBac4, 6, "Bac +4/5"},
	{levelBac5, 25, "Bac +5"},
}

type synth struct {
	opts     Options
	n, m     int
	r        *rand.Rand
	level    []level
	text     []uint8 // index into synthLevels
	family   []int32
	members  [][]int32
	famZipf  []*rand.Zipf
	hubs     []int32
	hubZipf  *rand.Zipf
	titles   []string
	ids      []string
	synonyms [][]string
	outdeg   []int32
}

func newSynth(opts Options) *synth {
	n := max(opts.Jobs, 1)
	f := opts.Families
	if f <= 0 {
		f = len(synthFamilies)
	}
	f = min(f, n)
	m := max(opts.Edges, 0)
	if limit := n * (n - 1); m > limit {
		m = limit
	}
	s := &synth{opts: opts, n: n, m: m, r: rand.New(rand.NewPCG(opts.Seed, 0x9a7e5))}
	s.opts.Families = f
	s.makeJobs()
	s.makeDegrees()
	return s
}

func (s *synth) makeJobs() {
	n, f := s.n, s.opts.Families
	s.level = make([]level, n)
	s.text = make([]uint8, n)
	s.family = make([]int32, n)
	s.titles = make([]string, n)
	s.ids = make([]string, n)
	s.synonyms = make([][]string, n)
	s.members = make([][]int32, f)

	var total float64
	for _, l := range synthLevels {
		total += l.weight
	}
	// Families differ in size, as in the repertoire (three to seven cards).
	famWeight := make([]float64, f)
	var famTotal float64
	for i := range famWeight {
		famWeight[i] = 1 / (1 + 0.15*float64(i%9))
		famTotal += famWeight[i]
	}
	nHubs := min(max(1, n/500), 25, n)
	for i := range n {
		var lt int
		switch {
		case i < nHubs:
			lt = len(synthLevels) - 1 // Bac +5
			s.family[i] = int32(f - 1)
			s.hubs = append(s.hubs, int32(i))
		default:
			u := s.r.Float64() * total
			for lt = 0; lt < len(synthLevels)-1 && u >= synthLevels[lt].weight; lt++ {
				u -= synthLevels[lt].weight
			}
			if k := i - nHubs; k < f {
				s.family[i] = int32(k) // every family gets a job
			} else {
				u := s.r.Float64() * famTotal
				k := 0
				for ; k < f-1 && u >= famWeight[k]; k++ {
					u -= famWeight[k]
				}
				s.family[i] = int32(k)
			}
		}
		s.text[i] = uint8(lt)
		s.level[i] = synthLevels[lt].level
		s.members[s.family[i]] = append(s.members[s.family[i]], int32(i))
		s.name(i, i < nHubs)
	}
	s.famZipf = make([]*rand.Zipf, f)
	for k, ms := range s.members {
		if len(ms) > 0 {
			s.famZipf[k] = rand.NewZipf(s.r, 1.3, 2, uint64(len(ms)-1))
		}
	}
	s.hubZipf = rand.NewZipf(s.r, 1.5, 1, uint64(len(s.hubs)-1))
}

// name gives job i a title, an id and synonyms. The job's number ends
// every name, so no two jobs share one.
func (s *synth) name(i int, hub bool) {
	num := strconv.Itoa(i + 1)
	var role, domain string
	if hub {
		role = synthHubs[i%len(synthHubs)]
		s.titles[i] = role + " " + num
	} else {
		band := 1
		switch l := s.level[i]; {
		case l == levelCAP || l == levelBac:
			band = 0
		case l >= levelBac4:
			band = 2
		}
		role = synthRoles[band][s.r.IntN(len(synthRoles[band]))]
		domain = synthDomains[s.r.IntN(len(synthDomains))]
		s.titles[i] = role + " " + domain
		if s.r.IntN(2) == 0 {
			s.titles[i] += " " + synthQualifiers[s.r.IntN(len(synthQualifiers))]
		}
		s.titles[i] += " " + num
	}
	s.ids[i] = slug(s.titles[i])
	switch u := s.r.IntN(100); {
	case hub:
		s.synonyms[i] = []string{"Directeur " + num}
	case u < 40:
		s.synonyms[i] = []string{synthAltRoles[role] + " " + domain + " " + num}
	case u < 55:
		s.synonyms[i] = []string{synthAltRoles[role] + " " + domain + " " + num, role + " " + domain + " confirmé " + num}
	}
}

// makeDegrees draws the out-degree of every job from a Pareto law and
// scales them to add up to exactly m.
func (s *synth) makeDegrees() {
	n, m := s.n, s.m
	s.outdeg = make([]int32, n)
	if m == 0 {
		return
	}
	w := make([]float64, n)
	sinks := int(float64(n) * synthSinkShare)
	if m > (n-sinks)*(n-1) {
		sinks = 0
	}
	for i := range w {
		w[i] = math.Pow(1-s.r.Float64(), -1/synthParetoAlpha)
	}
	for _, i := range s.r.Perm(n)[:sinks] {
		w[i] = 0
	}
	var total float64
	for _, x := range w {
		total += x
	}
	active := n - sinks
	// No job may lead to more than all the others; a softer cap keeps the
	// heaviest from taking most of a small graph.
	limit := int64(n - 1)
	limit = min(limit, max(int64(64), 50*int64(m)/int64(active)))
	limit = max(limit, int64((m+active-1)/active))
	limit = min(limit, int64(n-1))
	left := int64(m)
	for i, x := range w {
		d := min(int64(float64(m)*x/total), limit)
		s.outdeg[i] = int32(d)
		left -= d
	}
	// Spread the rest over the jobs that have room, a few passes at most.
	for left > 0 {
		room := 0
		for i := range n {
			if w[i] > 0 && int64(s.outdeg[i]) < limit {
				room++
			}
		}
		q := max(1, left/int64(room))
		for i := 0; i < n && left > 0; i++ {
			if w[i] == 0 {
				continue
			}
			add := min(q, limit-int64(s.outdeg[i]), left)
			s.outdeg[i] += int32(add)
			left -= add
		}
	}
}

// target draws the end of an edge leaving job i.
func (s *synth) target(i int32) int32 {
	u := s.r.Float64()
	switch {
	case u < synthHubShare:
		return s.hubs[s.hubZipf.Uint64()]
	case u < synthHubShare+synthFamilyShare:
		k := s.family[i]
		ms := s.members[k]
		var t int32
		// Most moves keep or raise the level: redraw a step down, twice.
		for try := 0; try < 3; try++ {
			t = ms[s.famZipf[k].Uint64()]
			if s.level[t] >= s.level[i] {
				break
			}
		}
		return t
	}
	return int32(s.r.IntN(s.n))
}

func (s *synth) writeHead(w *bufio.Writer) {
	w.WriteString("{\n  \"dataset\": \"synthetic\",\n  \"title\": ")
	writeQuoted(w, fmt.Sprintf("Répertoire synthétique : %d métiers, %d arêtes", s.n, s.m))
	w.WriteString(",\n  \"version\": ")
	writeQuoted(w, fmt.Sprintf("graine %d", s.opts.Seed))
	w.WriteString(",\n  \"families\": [")
	for k := range s.opts.Families {
		if k > 0 {
			w.WriteByte(',')
		}
		title := synthFamilies[k%len(synthFamilies)]
		if k >= len(synthFamilies) {
			title += " " + strconv.Itoa(k/len(synthFamilies)+1)
		}
		fmt.Fprintf(w, "\n    {\"id\": \"famille-%d\", \"number\": %d, \"title\": ", k+1, k+1)
		writeQuoted(w, title)
		w.WriteByte('}')
	}
	w.WriteString("\n  ],\n")
}

func (s *synth) writeJobs(w *bufio.Writer) {
	w.WriteString("  \"jobs\": [")
	for i := range s.n {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    {\"id\": ")
		writeQuoted(w, s.ids[i])
		w.WriteString(", \"title\": ")
		writeQuoted(w, s.titles[i])
		fmt.Fprintf(w, ", \"family\": \"famille-%d\", \"has_card\": false", s.family[i]+1)
		if t := synthLevels[s.text[i]].text; t != "" {
			w.WriteString(", \"level_text\": ")
			writeQuoted(w, t)
		}
		if syn := s.synonyms[i]; len(syn) > 0 {
			w.WriteString(", \"synonyms\": [")
			for k, x := range syn {
				if k > 0 {
					w.WriteString(", ")
				}
				writeQuoted(w, x)
			}
			w.WriteByte(']')
		}
		w.WriteByte('}')
	}
	w.WriteString("\n  ],\n")
}

func (s *synth) writeEdges(w *bufio.Writer) {
	w.WriteString("  \"edges\": [")
	first := true
	seen := map[int32]bool{}
	var targets []int32
	for i := range int32(s.n) {
		d := int(s.outdeg[i])
		if d == 0 {
			continue
		}
		clear(seen)
		targets = targets[:0]
		for tries := 0; len(targets) < d && tries < 8*d+64; tries++ {
			t := s.target(i)
			if t == i || seen[t] {
				continue
			}
			seen[t] = true
			targets = append(targets, t)
		}
		// A job with more edges than its draws can find distinct ends for
		// takes the rest in order, from a random place.
		for t := int32(s.r.IntN(s.n)); len(targets) < d; t = (t + 1) % int32(s.n) {
			if t != i && !seen[t] {
				seen[t] = true
				targets = append(targets, t)
			}
		}
		slices.Sort(targets)
		for _, t := range targets {
			if !first {
				w.WriteByte(',')
			}
			first = false
			w.WriteString("\n    {\"from\": ")
			writeQuoted(w, s.ids[i])
			w.WriteString(", \"to\": ")
			writeQuoted(w, s.ids[t])
			if s.r.Float64() < synthCloseShare {
				w.WriteString(", \"type\": \"proche\", \"evidence\": ")
				writeQuoted(w, "Mobilité proche : "+s.titles[t])
			} else {
				w.WriteString(", \"type\": \"evolution\", \"evidence\": ")
				writeQuoted(w, "Perspectives d’évolution : "+s.titles[t])
			}
			w.WriteByte('}')
		}
	}
}

// writeQuoted writes s as a JSON string.
func writeQuoted(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.WriteByte('\\')
			w.WriteByte(c)
		case c < 0x20:
			w.WriteString(`\u00`)
			w.WriteByte(hex[c>>4])
			w.WriteByte(hex[c&0xf])
		case c < utf8.RuneSelf:
			w.WriteByte(c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				w.WriteString(`\ufffd`)
			} else {
				w.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		i++
	}
	w.WriteByte('"')
}

// ascii spells the accented letters of the words titles are made of.
var ascii = map[rune]string{
	'à': "a", 'â': "a", 'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'ô': "o", 'ù': "u", 'û': "u", 'ü': "u", 'œ': "oe",
}

// slug returns the id of a title as graph.Slug makes it for the words
// used here: lower case, accents dropped, runs of other characters one
// hyphen. The graph package's tests check that the two agree.
func slug(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(s) {
		a, ok := ascii[r]
		if !ok && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			a, ok = string(r), true
		}
		if !ok {
			sep = b.Len() > 0
			continue
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		b.WriteString(a)
	}
	return b.String()
}
