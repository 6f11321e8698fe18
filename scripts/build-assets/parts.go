package main

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	wasmbundle "github.com/selvhjelp/finder/wasm/bundle"
)

// samePartsInModule checks that the module reads core + postcodes, merged,
// exactly as the worker reads the whole bundle (its lexicon without notes),
// and that core alone holds everything but the postcodes.
func samePartsInModule(bundle, core, postcodes []byte) error {
	want, err := store.ParseBundle(bundle)
	if err != nil {
		return fmt.Errorf("parse bundle: %w", err)
	}
	want.Lexicon = store.CoreLexicon(want.Lexicon)
	var got dataset.Dataset
	if err := wasmbundle.DecodeParts(&got, core); err != nil {
		return fmt.Errorf("module decoder, core parts: %w", err)
	}
	if len(got.Postcodes) != 0 {
		return errors.New("the core parts hold postcodes")
	}
	if err := wasmbundle.DecodeParts(&got, postcodes); err != nil {
		return fmt.Errorf("module decoder, postcode parts: %w", err)
	}
	if !reflect.DeepEqual(want, &got) {
		return errors.New("core + postcode parts, merged by the module, differ from the bundle: not building")
	}
	return nil
}
