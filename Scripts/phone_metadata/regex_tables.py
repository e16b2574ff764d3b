"""Compiles libphonenumber's digit patterns into tables Swift walks without a regex engine.

Two compilations, both from Python's own regex parser (`sre_parse`), so the
tables mean exactly what `re` means:

* `TaggedDFA`: several whole-number patterns of one region (the general
  description and each number type) combined into one minimised DFA over the
  digits 0-9, each state carrying a bit mask of the patterns that accept there.
  One table walk classifies a number against every pattern at once.
* `prefix_alternatives`: a prefix pattern (international prefix, national
  prefix for parsing, leading digits) expanded into its finite list of
  alternatives in the order Python's backtracking matcher tries them, each a
  sequence of digit sets with its capture-group spans and an optional
  end-of-input anchor. The first alternative that matches the start of a
  number is exactly what `re.match` returns.
"""

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_constants
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse
    import sre_constants

ALL_DIGITS = (1 << 10) - 1


class PatternError(ValueError):
    """A pattern uses a construct the digit tables cannot express."""


def _digit_set(items):
    mask = 0
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            mask |= _literal_mask(av)
        elif name == "RANGE":
            lo, hi = av
            for code in range(lo, hi + 1):
                mask |= _literal_mask(code)
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            mask |= ALL_DIGITS
        else:
            raise PatternError("unsupported set member %s %r" % (name, av))
    return mask


def _literal_mask(code):
    char = chr(code)
    if not "0" <= char <= "9":
        raise PatternError("non-digit literal %r" % char)
    return 1 << (code - ord("0"))


class _NFA:
    """Thompson NFA over digit sets; epsilon edges kept separately."""

    def __init__(self):
        self.edges = []  # state -> list of (mask, target)
        self.eps = []  # state -> list of targets

    def new_state(self):
        self.edges.append([])
        self.eps.append([])
        return len(self.edges) - 1

    def build(self, parsed):
        """Returns (start, end) of a fragment matching the parsed sequence."""
        start = self.new_state()
        current = start
        for op, av in parsed:
            frag_start, frag_end = self._item(str(op), av)
            self.eps[current].append(frag_start)
            current = frag_end
        return start, current

    def _item(self, name, av):
        if name == "LITERAL":
            return self._set_fragment(_literal_mask(av))
        if name == "IN":
            return self._set_fragment(_digit_set(av))
        if name == "SUBPATTERN":
            return self.build(av[-1])
        if name == "BRANCH":
            start, end = self.new_state(), self.new_state()
            for alternative in av[1]:
                alt_start, alt_end = self.build(alternative)
                self.eps[start].append(alt_start)
                self.eps[alt_end].append(end)
            return start, end
        if name == "MAX_REPEAT" or name == "MIN_REPEAT":
            low, high, sub = av
            start = self.new_state()
            current = start
            for _ in range(low):
                s, e = self.build(sub)
                self.eps[current].append(s)
                current = e
            if high == sre_constants.MAXREPEAT:
                loop_start, loop_end = self.build(sub)
                end = self.new_state()
                self.eps[current].extend([loop_start, end])
                self.eps[loop_end].extend([loop_start, end])
                return start, end
            end = self.new_state()
            for _ in range(high - low):
                self.eps[current].append(end)
                s, e = self.build(sub)
                self.eps[current].append(s)
                current = e
            self.eps[current].append(end)
            return start, end
        raise PatternError("unsupported construct %s" % name)

    def _set_fragment(self, mask):
        start, end = self.new_state(), self.new_state()
        self.edges[start].append((mask, end))
        return start, end

    def closure(self, states):
        stack = list(states)
        seen = set(states)
        while stack:
            state = stack.pop()
            for target in self.eps[state]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return frozenset(seen)


class TaggedDFA:
    """A minimised DFA over digits whose states carry accept bit masks.

    State 0 is the dead state; state 1 is the start state.
    `transitions[s][d]` is the next state after digit d; `accepts[s]` the mask
    of patterns that fully match the digits read so far.
    """

    def __init__(self, patterns):
        """patterns: list of (bit, regex source) pairs."""
        nfa = _NFA()
        accept_tags = {}
        starts = []
        for bit, source in patterns:
            start, end = nfa.build(sre_parse.parse(source))
            starts.append(start)
            accept_tags[end] = accept_tags.get(end, 0) | (1 << bit)
        initial = nfa.closure(starts)
        index = {frozenset(): 0, initial: 1}
        order = [frozenset(), initial]
        table = [[0] * 10, None]
        pending = [initial]
        while pending:
            current = pending.pop()
            row = []
            for digit in range(10):
                bit = 1 << digit
                moved = [t for s in current for mask, t in nfa.edges[s] if mask & bit]
                target = nfa.closure(moved) if moved else frozenset()
                if target not in index:
                    index[target] = len(order)
                    order.append(target)
                    table.append(None)
                    pending.append(target)
                row.append(index[target])
            table[index[current]] = row
        accepts = [0] * len(order)
        for state_set, number in index.items():
            mask = 0
            for s in state_set:
                mask |= accept_tags.get(s, 0)
            accepts[number] = mask
        self.transitions, self.accepts = _minimise(table, accepts)

    def walk(self, digits):
        state = 1
        for char in digits:
            state = self.transitions[state][ord(char) - 48]
            if state == 0:
                return 0
        return self.accepts[state]


def _minimise(table, accepts):
    """Moore partition refinement; keeps dead = 0 and start = 1."""
    classes = _relabel([(accepts[s], s == 0) for s in range(len(table))])
    while True:
        signatures = [(classes[s], tuple(classes[t] for t in table[s])) for s in range(len(table))]
        refined = _relabel(signatures)
        if len(set(refined)) == len(set(classes)):
            break
        classes = refined
    # Renumber so that the dead class is 0 and the start class is 1.
    new_number = {classes[0]: 0, classes[1]: 1}
    for s in range(len(table)):
        if classes[s] not in new_number:
            new_number[classes[s]] = len(new_number)
    size = len(new_number)
    transitions = [None] * size
    new_accepts = [0] * size
    for s in range(len(table)):
        n = new_number[classes[s]]
        if transitions[n] is None:
            transitions[n] = [new_number[classes[t]] for t in table[s]]
            new_accepts[n] = accepts[s]
    return transitions, new_accepts


def _relabel(keys):
    labels = {}
    return [labels.setdefault(key, len(labels)) for key in keys]


MAX_ALTERNATIVES = 20000


def prefix_alternatives(source):
    """Expands a prefix pattern into its alternatives in `re.match` priority order.

    Returns a list of (sets, anchored, groups): `sets` a list of digit masks,
    `anchored` whether the alternative must end the input (`$`), `groups` a
    list of (start, end) spans or None, one per capture group.
    """
    parsed = sre_parse.parse(source)
    group_count = parsed.state.groups - 1
    results = []
    for elements in _expand(list(parsed), ()):
        sets, anchored = [], False
        spans = [None] * group_count
        opened = {}
        for element in elements:
            kind = element[0]
            if kind == "set":
                if anchored:
                    break
                sets.append(element[1])
            elif kind == "end":
                anchored = True
            elif kind == "open":
                opened[element[1]] = len(sets)
            elif kind == "close":
                spans[element[1] - 1] = (opened[element[1]], len(sets))
        else:
            results.append((sets, anchored, spans))
        if len(results) > MAX_ALTERNATIVES:
            raise PatternError("pattern %r has too many alternatives" % source)
    return results


def _expand(items, suffix_marker):
    """Yields element tuples for items, in backtracking priority order."""
    if not items:
        yield ()
        return
    (op, av), rest = items[0], items[1:]
    name = str(op)
    for head in _expand_item(name, av):
        for tail in _expand(rest, suffix_marker):
            yield head + tail


def _expand_item(name, av):
    if name == "LITERAL":
        yield (("set", _literal_mask(av)),)
    elif name == "IN":
        yield (("set", _digit_set(av)),)
    elif name == "SUBPATTERN":
        group = av[0]
        for body in _expand(list(av[-1]), ()):
            if group is None:
                yield body
            else:
                yield (("open", group),) + body + (("close", group),)
    elif name == "BRANCH":
        for alternative in av[1]:
            yield from _expand(list(alternative), ())
    elif name == "MAX_REPEAT":
        low, high, sub = av
        if high == sre_constants.MAXREPEAT:
            raise PatternError("unbounded repetition in a prefix pattern")
        yield from _repeat(list(sub), low, high)
    elif name == "AT" and str(av) == "AT_END":
        yield (("end",),)
    else:
        raise PatternError("unsupported construct %s %r in a prefix pattern" % (name, av))


def _repeat(sub, low, high):
    """Greedy {low,high}: one more iteration is tried before stopping."""
    if high > 0:
        for once in _expand(sub, ()):
            for more in _repeat(sub, max(low - 1, 0), high - 1):
                yield once + more
    if low == 0:
        yield ()
