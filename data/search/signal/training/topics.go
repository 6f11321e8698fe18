package training

import (
	"fmt"
	"slices"
	"sort"

	"github.com/selvhjelp/finder/data/search/signal"
)

// TopicShape is the shape of each topic's signal: an eighth of the crisis
// signal's buckets, as there are fifteen of them and each learns from the
// few thousand messages whose topics are told. On the first-contact sets
// l–p, each read by signals trained only on the sets before it
// (2026-12-07), 2^13 and 2^14 buckets gained about as much (6 and 7 points
// over the five sets), 2^12 and 2^15 less (5); 2^13 weighs half of 2^14 on
// a partner's page.
var TopicShape = signal.Shape{Bits: 13, MinN: 2, MaxN: 4}

// TopicThreshold is the logit from which a topic's signal holds: the topic
// as likely as not. The topics' signals are trained with every example
// counted once (signal.Training.AsFound), so that a message that tells
// little ("hva skjer på første møte") keeps a topic's rarity and reads
// none. Trained with the two kinds weighing alike, as the crisis signal
// is, such messages sat near even odds and read a topic or two at any
// threshold that still read the descriptions.
const TopicThreshold = 0

// NoProblemThreshold is the logit from which the signal of no problem
// holds.
const NoProblemThreshold = 0

// TopicExamples are the messages whose topics are told, labelled for the
// signal of topic.
func TopicExamples(msgs []Message, topic string) []signal.Example {
	var ex []signal.Example
	for _, m := range msgs {
		if m.Topics != nil {
			ex = append(ex, signal.Example{Fold: m.Fold, Holds: slices.Contains(m.Topics, topic)})
		}
	}
	return ex
}

// NoProblemExamples are the messages whose topics are told, labelled for
// the signal of no problem: whether they tell none (a question about a
// flagpole, news, a game).
func NoProblemExamples(msgs []Message) []signal.Example {
	var ex []signal.Example
	for _, m := range msgs {
		if m.Topics != nil {
			ex = append(ex, signal.Example{Fold: m.Fold, Holds: len(m.Topics) == 0})
		}
	}
	return ex
}

// Topics are the topics msgs tell, in the order of their ids.
func Topics(msgs []Message) []string {
	seen := map[string]bool{}
	for _, m := range msgs {
		for _, t := range m.Topics {
			seen[t] = true
		}
	}
	ids := make([]string, 0, len(seen))
	for t := range seen {
		ids = append(ids, t)
	}
	sort.Strings(ids)
	return ids
}

// TrainTopics trains a signal for each topic msgs tell, named
// signal.TopicPrefix and the topic's id, and the signal of no problem
// (signal.NoProblemName).
func TrainTopics(msgs []Message) (signal.Bundle, error) {
	var b signal.Bundle
	s := sum(msgs, true)
	for _, t := range Topics(msgs) {
		m, err := signal.Train(TopicExamples(msgs, t), signal.Training{Shape: TopicShape, Threshold: TopicThreshold, Levels: Levels, Sum: s, AsFound: true})
		if err != nil {
			return nil, fmt.Errorf("training: topic %s: %w", t, err)
		}
		b = append(b, signal.Named{Name: signal.TopicPrefix + t, Model: m})
	}
	m, err := signal.Train(NoProblemExamples(msgs), signal.Training{Shape: TopicShape, Threshold: NoProblemThreshold, Levels: Levels, Sum: s, AsFound: true})
	if err != nil {
		return nil, fmt.Errorf("training: no problem: %w", err)
	}
	return append(b, signal.Named{Name: signal.NoProblemName, Model: m}), nil
}

// TrainAll trains the crisis signal and every topic's signal from the sets
// under root: the signals file the engine reads.
func TrainAll(root string) (signal.Bundle, int, error) {
	msgs, err := Load(root)
	if err != nil {
		return nil, 0, err
	}
	crisis, err := TrainCrisis(msgs)
	if err != nil {
		return nil, 0, err
	}
	topics, err := TrainTopics(msgs)
	if err != nil {
		return nil, 0, err
	}
	return append(signal.Bundle{{Name: signal.CrisisName, Model: crisis}}, topics...), len(msgs), nil
}

// TopicSum identifies the messages the topic signals are trained from.
func TopicSum(msgs []Message) [32]byte { return sum(msgs, true) }
