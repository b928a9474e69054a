// Command baseline is the floor brief's performance is measured against:
// the smallest program on the same stack (Bubble Tea, Lip Gloss, Bubbles,
// Glamour) that shows what brief shows, one page of Markdown rendered by
// Glamour in a viewport on the alternate screen (./page). It quits on q or
// ctrl+c. The hello world beside it (./hello) is the second reference
// point: it is a separate program because importing Glamour costs
// start-up time even when nothing is rendered.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/internal/perf/baseline/page"
)

func main() {
	if _, err := tea.NewProgram(page.Model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}
