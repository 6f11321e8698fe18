package hsds

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/selvhjelp/finder/data/dataset"
)

// DCATFile is the DCAT-AP-NO description of the dataset, next to the export.
const DCATFile = "dcat.jsonld"

// Files are the export's files by name: the services and the description.
func Files(d *dataset.Dataset, base string) (map[string][]byte, error) {
	services, err := encode(Services(d))
	if err != nil {
		return nil, fmt.Errorf("hsds: %w", err)
	}
	cat, err := encode(Catalog(d, base))
	if err != nil {
		return nil, fmt.Errorf("dcat: %w", err)
	}
	return map[string][]byte{ServicesFile: services, DCATFile: cat}, nil
}

// WriteDir writes the export's files into dir (created if missing).
func WriteDir(d *dataset.Dataset, dir, base string) error {
	files, err := Files(d, base)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func encode(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
