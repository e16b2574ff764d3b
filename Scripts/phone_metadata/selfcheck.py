"""Checks the compiled tables against Python's `re` before anything is written.

For every region, random digit strings of every possible length (and the
example numbers) must get the same answer from the tagged DFA as from
`re.fullmatch` on each pattern, and every prefix pattern's first matching
alternative must end where `re.match` ends, with the same groups.
"""

import random
import re

from regex_tables import TaggedDFA, prefix_alternatives


class SelfCheckError(AssertionError):
    """The tables and Python's `re` disagree on some input."""


def _samples(rng, lengths, count):
    samples = []
    for _ in range(count):
        length = rng.choice(lengths)
        samples.append("".join(str(rng.randrange(10)) for _ in range(length)))
    return samples


def check_dfa(region_id, patterns, dfa, examples, rng):
    lengths = sorted({len(e) for e in examples} | set(range(1, 18)))
    inputs = list(examples) + _samples(rng, lengths, 300)
    compiled = [(bit, re.compile(source)) for bit, source in patterns]
    for digits in inputs:
        expected = 0
        for bit, regex in compiled:
            if regex.fullmatch(digits):
                expected |= 1 << bit
        if dfa.walk(digits) != expected:
            raise SelfCheckError("%s: DFA gives %x, re gives %x for %s" % (region_id, dfa.walk(digits), expected, digits))


def first_alternative(alternatives, digits):
    for sets, anchored, groups in alternatives:
        if len(sets) > len(digits) or (anchored and len(sets) != len(digits)):
            continue
        if all(mask & (1 << int(d)) for mask, d in zip(sets, digits)):
            return len(sets), [None if g is None else digits[g[0]:g[1]] for g in groups]
    return None


def check_prefix(source, rng, examples=()):
    alternatives = prefix_alternatives(source)
    regex = re.compile(source)
    inputs = list(examples) + _samples(rng, list(range(0, 16)), 400)
    # Strings that start with each alternative's own digits exercise every branch.
    for sets, _, _ in alternatives[:200]:
        head = "".join(str(next(d for d in range(10) if mask & (1 << d))) for mask in sets)
        inputs.append(head + "".join(str(rng.randrange(10)) for _ in range(rng.randrange(0, 12))))
        inputs.append(head)
    for digits in inputs:
        match = regex.match(digits)
        expected = None if match is None else (match.end(), list(match.groups()))
        if first_alternative(alternatives, digits) != expected:
            raise SelfCheckError("prefix %r: tables give %r, re gives %r for %s"
                                 % (source, first_alternative(alternatives, digits), expected, digits))


def check_region(region_id, metadata, patterns, rng):
    examples = []
    for name in ("fixed_line", "mobile", "toll_free", "premium_rate", "voip"):
        desc = getattr(metadata, name)
        if desc is not None and desc.example_number:
            examples.append(desc.example_number)
    check_dfa(region_id, patterns, TaggedDFA(patterns), examples, rng)
    for source in (metadata.international_prefix, metadata.national_prefix_for_parsing, metadata.leading_digits):
        if source:
            check_prefix(source, rng, examples)


def self_check(regions):
    """regions: (id, metadata, patterns) triples; raises SelfCheckError on a difference."""
    rng = random.Random(7)
    for region_id, metadata, patterns in regions:
        check_region(region_id, metadata, patterns, rng)
