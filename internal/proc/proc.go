// Package proc reads what the operating system says about a process.
package proc

import (
	"os"
	"strconv"
	"strings"
)

// RSS returns the resident set size of a process, in bytes, from
// /proc/PID/statm, or 0 where /proc does not say.
func RSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
