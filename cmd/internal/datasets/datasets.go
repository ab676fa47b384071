// Package datasets loads the datasets pathways answers on, for both
// binaries: the repertoire of the 35 métiers (or a repertoire given with
// --data), ROME 4.0 and ROME v3. It is the one place that knows which
// datasets exist and where each comes from.
package datasets

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/pathways-fr/pathways/cmd/internal/cli"
	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The names of the datasets.
const (
	Metiers = "metiers" // the repertoire « cœur du numérique », the default
	ROME    = "rome"    // ROME 4.0 (v4.60 embedded)
	ROMEv3  = "rome-v3" // ROME v3.47
	All     = "all"     // the repertoire and ROME 4.0, joined by the reviewed bridge
)

// Names lists the datasets in the order the server loads them, the
// default first.
//
// The combined dataset comes last: it is built from the repertoire and
// ROME 4.0 as loaded.
var Names = []string{Metiers, ROME, ROMEv3, All}

// Options say where datasets come from when not from the embedded data.
type Options struct {
	// Data is a repertoire file (the format of metiers.json) or a folder
	// holding nodes.csv and edges.csv; it replaces the embedded
	// repertoire, under the name its file gives.
	Data string
	// ROMEDir is the folder of a ROME release; it replaces the embedded
	// release of its version: 4.x → rome, v3 → rome-v3.
	ROMEDir string
}

// ErrName is wrapped by the error for a dataset name a file gives that is
// malformed or already taken; it wraps graph.ErrInvalid too, so that a
// reload refused for it answers 422.
var ErrName = fmt.Errorf("%w: dataset name", graph.ErrInvalid)

// nameRE is the form of a dataset name: it appears in URLs, file names of
// exports, and metric labels.
var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// Load loads the dataset name; "" names the default, the repertoire.
func Load(o Options, name string) (*graph.Graph, error) {
	if name == "" {
		name = Metiers
	}
	if !slices.Contains(Names, name) {
		return nil, cli.Usagef("jeu de données inconnu %q : %s", name, joinNames())
	}
	if o.Data != "" && name != Metiers && name != All {
		return nil, cli.Usagef("--data remplace le répertoire (--dataset %s) ; pour ROME, utilisez --rome-dir DOSSIER", Metiers)
	}
	if o.ROMEDir != "" {
		if name == Metiers {
			return nil, cli.Usagef("--rome-dir s’utilise avec --dataset %s ou %s", ROME, ROMEv3)
		}
		fsys, v4, err := romeDir(o.ROMEDir)
		if err != nil {
			return nil, err
		}
		if v4 != (name != ROMEv3) {
			// Not of the version asked: say what the folder is.
			if _, err := graph.LoadROME(fsys); err != nil {
				return nil, err
			}
			return nil, cli.Usagef("--rome-dir %s : ce dossier contient une version de ROME servie par --dataset %s",
				o.ROMEDir, map[bool]string{true: ROME, false: ROMEv3}[v4])
		}
	}
	return load(o, name)
}

// LoadAll loads every dataset, the repertoire first, as a process starts
// to serve them. A dataset that does not load, or a repertoire named like
// another dataset, is an error: nothing is served from a partial load.
//
// The parts of the load run at once, one goroutine each, as soon as what
// each needs is there: the repertoire, ROME v3, the skills files and ROME
// 4.0 from the start; once ROME 4.0 is built, its name entries (which the
// combined dataset's are made of), the skills' link to its fiches, and
// the combined dataset; then what resolving a first text on the combined
// dataset (the page's default) computes, its name index and the facts of
// its names (pathways.Prepare). The other name indexes are built on first
// use. The collector is off meanwhile (collectLess). A start
// on two cores then takes about the time of its longest chain
// (docs/PERFORMANCE.md).
func LoadAll(o Options) ([]*graph.Graph, error) {
	defer collectLess()()
	return loadAll(o, true)
}

// loadAll loads every dataset, as LoadAll, and with warm builds ROME 4.0's
// name entries and prepares resolution on the combined dataset.
func loadAll(o Options, warm bool) ([]*graph.Graph, error) {
	gs := make([]*graph.Graph, len(Names))
	errs := make([]error, len(Names)+1)
	var wg, repertoire sync.WaitGroup
	repertoire.Go(func() { gs[0], errs[0] = load(o, Names[0]) })
	for i, name := range Names[1:3] {
		if name != ROME {
			wg.Go(func() { gs[i+1], errs[i+1] = load(o, name) })
		}
	}
	var files *graph.SkillFiles
	var filesRead sync.WaitGroup
	filesRead.Go(func() { files, errs[len(Names)] = readSkills(o) })
	rome := slices.Index(Names, ROME)
	gs[rome], errs[rome] = load(o, ROME)
	var s *graph.Skills
	var all *graph.Graph
	var br *graph.BridgeFile
	var combined error
	if errs[rome] == nil {
		if warm {
			wg.Go(func() { gs[rome].Names() })
		}
		wg.Go(func() {
			if filesRead.Wait(); files != nil {
				s = files.Link(gs[rome])
			}
		})
		// The combined dataset is built beside ROME 4.0's name entries,
		// which only its own name entries need.
		if repertoire.Wait(); errs[0] == nil {
			all, br, combined = combine(gs[0], gs[rome])
		}
	}
	repertoire.Wait()
	filesRead.Wait()
	wg.Wait()
	for _, err := range append(errs, combined) { // the first, in the order of Names, as one by one
		if err != nil {
			return nil, err
		}
	}
	attachSkills(s, gs[rome], all, br)
	if warm {
		pathways.Prepare(all)
	}
	gs[len(Names)-1] = all
	return gs, nil
}

// loadHeapLimit is the heap past which the collector runs while LoadAll
// runs. A load allocates about four times what it keeps (≈ 190 MB for
// ≈ 50 MB with the embedded data), most of it tables of strings that die
// with the load: marking them was about a fifth of a start's processor
// time, paced at GOGC 400 (BenchmarkStart, docs/PERFORMANCE.md). So the
// collector is off meanwhile, unless the heap reaches this limit (or a
// lower GOMEMLIMIT): a larger repertoire given with --data is collected
// as it loads, never held whole. The server hands what the load left back
// to the system once built (serve), and sets its own memory limit.
const loadHeapLimit = 768 << 20

var gcPace struct {
	sync.Mutex
	loads   int   // LoadAll calls running
	percent int   // the GOGC to restore when the last ends
	limit   int64 // the memory limit to restore
}

// collectLess turns the collector off below loadHeapLimit until the
// function it returns is called; calls may overlap.
func collectLess() (restore func()) {
	gcPace.Lock()
	defer gcPace.Unlock()
	if gcPace.loads == 0 {
		gcPace.limit = debug.SetMemoryLimit(-1) // -1 reads it
		debug.SetMemoryLimit(min(gcPace.limit, loadHeapLimit))
		gcPace.percent = debug.SetGCPercent(-1)
	}
	gcPace.loads++
	return func() {
		gcPace.Lock()
		defer gcPace.Unlock()
		if gcPace.loads--; gcPace.loads == 0 {
			debug.SetGCPercent(gcPace.percent)
			debug.SetMemoryLimit(gcPace.limit)
		}
	}
}

// combine builds the combined dataset from the repertoire and ROME 4.0,
// joined by the reviewed bridge shipped in data, and returns the bridge
// too.
func combine(metiers, rome *graph.Graph) (*graph.Graph, *graph.BridgeFile, error) {
	br, err := graph.ParseBridge(data.BridgeROME4())
	if err != nil {
		return nil, nil, err
	}
	all, err := graph.Combine(metiers, rome, br)
	return all, br, err
}

// readSkills reads the skills files of ROME 4.0: the release of
// --rome-dir, or the embedded one.
func readSkills(o Options) (*graph.SkillFiles, error) {
	var fsys fs.FS = data.ROME4()
	if o.ROMEDir != "" {
		fsys = os.DirFS(o.ROMEDir)
	}
	return graph.ReadSkills(fsys)
}

// attachSkills attaches the skills s of ROME 4.0 to rome and to the
// combined dataset all, which reaches them through the bridge br.
func attachSkills(s *graph.Skills, rome, all *graph.Graph, br *graph.BridgeFile) {
	pathways.AttachSkills(rome, s, nil)
	pathways.AttachSkills(all, s, pathways.NewBridge(br))
}

// Reload loads every dataset again, as LoadAll, for a server whose
// repertoire was loaded under the name repertoire: a file that now gives
// another name is refused (ErrName), as the server's default dataset
// keeps its name.
//
// A reload runs beside the requests of a server, whose memory matters
// more than the reload's speed: it leaves the collector at its pace and
// the name indexes to be built on first use, as before LoadAll built them.
// (Built at each reload, they made the RSS of the reloads scenario grow by
// 22–24 MiB over 60 reloads, above its 20 MiB.)
func Reload(o Options, repertoire string) ([]*graph.Graph, error) {
	gs, err := loadAll(o, false)
	if err != nil {
		return nil, err
	}
	if gs[0].Dataset != repertoire {
		return nil, fmt.Errorf("%s : %w", o.Data, &nameError{name: gs[0].Dataset, was: repertoire})
	}
	return gs, nil
}

// load loads one dataset of Names, from o or the embedded data.
func load(o Options, name string) (*graph.Graph, error) {
	switch name {
	case Metiers:
		return loadRepertoire(o.Data)
	case ROME, ROMEv3:
		return loadROME(o.ROMEDir, name)
	case All:
		m, err := loadRepertoire(o.Data)
		if err != nil {
			return nil, err
		}
		r, err := loadROME(o.ROMEDir, ROME)
		if err != nil {
			return nil, err
		}
		all, _, err := combine(m, r)
		return all, err
	}
	return nil, fmt.Errorf("datasets: no loader for %q", name) // Names and load disagree: a bug
}

// loadRepertoire loads the embedded repertoire, or the file or CSV folder
// path names, and checks the name it gives itself.
func loadRepertoire(path string) (*graph.Graph, error) {
	if path == "" {
		return graph.LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	}
	var g *graph.Graph
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		// A folder holds nodes.csv and edges.csv, as `export --format csv` writes them.
		g, err = graph.LoadCSVFS(os.DirFS(path), path)
		if err != nil {
			return nil, err
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if g, err = graph.LoadMetiers(f, path); err != nil {
			return nil, err
		}
	}
	if err := CheckName(g.Dataset); err != nil {
		return nil, fmt.Errorf("%s : %w", path, err)
	}
	return g, nil
}

// CheckName reports an error wrapping ErrName unless name is a well-formed
// name for a repertoire given with --data: lowercase letters, digits and
// dashes, 32 at most, and not the name of another dataset.
func CheckName(name string) error {
	if !nameRE.MatchString(name) {
		return &nameError{name: name}
	}
	if name != Metiers && slices.Contains(Names, name) {
		return &nameError{name: name, taken: true}
	}
	return nil
}

type nameError struct {
	name  string
	taken bool
	was   string // the name at start, for a reload
}

func (e *nameError) Error() string {
	if e.was != "" {
		return fmt.Sprintf("le jeu de données se nomme maintenant « %s » au lieu de « %s » : un rechargement garde le nom du démarrage", e.name, e.was)
	}
	if e.taken {
		return fmt.Sprintf("le jeu de données se nomme « %s », le nom d’un autre jeu chargé (%s) : donnez-lui un autre nom", e.name, joinNames())
	}
	return fmt.Sprintf("le nom de jeu de données %q n’est pas valable : une minuscule, puis au plus 31 minuscules, chiffres ou tirets", e.name)
}

func (e *nameError) Unwrap() error { return ErrName }

// loadROME loads the embedded release of dataset name, or the release in
// dir when it is of that dataset's version. A 4.x release from dir gets
// the v3 titles of the embedded v3.47 (ROME v3 is no longer released).
func loadROME(dir, name string) (*graph.Graph, error) {
	if dir != "" {
		fsys, v4, err := romeDir(dir)
		if err != nil {
			return nil, err
		}
		switch {
		case v4 && name == ROME:
			return graph.LoadROME4(fsys, data.ROME())
		case !v4 && name == ROMEv3:
			return graph.LoadROME(fsys)
		}
	}
	if name == ROMEv3 {
		return graph.LoadROME(data.ROME())
	}
	return graph.LoadROME4(data.ROME4(), data.ROME())
}

// romeDir opens the folder of --rome-dir and says whether it holds a 4.x
// release.
func romeDir(dir string) (fsys fs.FS, v4 bool, err error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, false, err
	}
	if !fi.IsDir() {
		return nil, false, fmt.Errorf("--rome-dir %s : ce n’est pas un dossier", dir)
	}
	fsys = os.DirFS(dir)
	return fsys, graph.IsROME4(fsys), nil
}

func joinNames() string { return strings.Join(Names, ", ") }
