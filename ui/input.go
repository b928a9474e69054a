package ui

import (
	"fmt"

	"github.com/brief-reader/brief/internal/input"
)

// pasteCutStatus says that a paste was cut to the input's limit: the
// reader takes a search query or a note, not a document.
func pasteCutStatus(c input.PasteCut) status {
	return status{text: fmt.Sprintf("paste cut to its first %d KiB (%d KiB dropped): search takes a query, not a document", c.Kept>>10, (c.Dropped+1023)>>10), warn: true}
}
