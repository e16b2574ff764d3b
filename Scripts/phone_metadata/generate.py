"""Generates PhoneNumbers' metadata payload and its agreement corpus from `phonenumbers`.

Usage (from the repository root): `Scripts/phone_metadata/generate.sh`, which
makes the virtualenv and runs this file. Writes
  Sources/PhoneNumbers/Generated/MetadataPayload+Data.swift
  Scripts/phone_metadata/corpus/libphonenumber_corpus.jsonl
See Scripts/phone_metadata/README.md and docs/PHONE_NUMBERS.md.
"""

import os
import sys

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.carrierdata import CARRIER_DATA
from phonenumbers.phonenumberutil import (
    COUNTRY_CODE_TO_REGION_CODE,
    COUNTRY_CODES_FOR_NON_GEO_REGIONS,
    SUPPORTED_REGIONS,
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from regex_tables import TaggedDFA, prefix_alternatives  # noqa: E402
import corpus  # noqa: E402
from selfcheck import self_check  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PAYLOAD_PATH = os.path.join(ROOT, "Sources", "PhoneNumbers", "Generated", "MetadataPayload+Data.swift")
# Kept outside the test target folder: SwiftPM warns about non-source files in a target.
CORPUS_PATH = os.path.join(ROOT, "Scripts", "phone_metadata", "corpus", "libphonenumber_corpus.jsonl")

# Bit order of the tagged DFA and of the length masks; the Swift side
# (`NumberDescription`) reads the same order. Types after the general
# description follow libphonenumber's `_number_type_helper` priority.
DESCRIPTIONS = [
    "general_desc", "premium_rate", "toll_free", "shared_cost", "voip",
    "personal_number", "pager", "uan", "voicemail", "fixed_line", "mobile",
]
MAX_NSN_LENGTH = 17


def fnv1a64(text):
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def length_mask(lengths):
    mask = 0
    for length in lengths:
        if length < 0:
            continue
        if length > MAX_NSN_LENGTH:
            raise ValueError("possible length %d over the NSN maximum" % length)
        mask |= 1 << length
    return mask


class PrefixTable:
    """Deduplicated prefix patterns, referenced by index from region records."""

    def __init__(self):
        self.index = {}
        self.lines = []

    def ref(self, source):
        if not source:
            return "-"
        if source not in self.index:
            self.index[source] = len(self.index)
            alternatives = []
            for sets, anchored, groups in prefix_alternatives(source):
                text = "".join("%03x" % mask for mask in sets)
                if anchored:
                    text += "$"
                text += "/" + ",".join("-" if g is None else "%d-%d" % g for g in groups)
                alternatives.append(text)
            self.lines.append("P|%d|%s" % (self.index[source], " ".join(alternatives)))
        return str(self.index[source])


def transform_tokens(rule):
    """`721\\1` -> `721$1`: literal digits and `$n` group references."""
    if not rule:
        return "-"
    out, i = [], 0
    while i < len(rule):
        char = rule[i]
        if char == "\\":
            out.append("$" + rule[i + 1])
            i += 2
        elif char.isdigit():
            out.append(char)
            i += 1
        else:
            raise ValueError("unsupported transform rule %r" % rule)
    return "".join(out)


def dfa_rows(dfa):
    rows = []
    for row in dfa.transitions:
        by_target = {}
        for digit, target in enumerate(row):
            if target:
                by_target[target] = by_target.get(target, 0) | (1 << digit)
        rows.append(",".join("%x:%d" % (mask, target) for target, mask in sorted(by_target.items())))
    accepts = ",".join("%x" % a for a in dfa.accepts)
    return accepts, ";".join(rows)


def region_patterns(metadata):
    """(bit, regex) for each description that has a pattern."""
    patterns = []
    for bit, name in enumerate(DESCRIPTIONS):
        desc = getattr(metadata, name)
        if desc is not None and desc.national_number_pattern:
            patterns.append((bit, desc.national_number_pattern))
    return patterns


def all_metadata():
    for region_id in sorted(SUPPORTED_REGIONS):
        yield region_id, PhoneMetadata.metadata_for_region(region_id)
    for code in sorted(COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        yield "001", PhoneMetadata.metadata_for_nongeo_region(code)


def region_record(metadata, region_id, prefixes):
    masks = []
    for bit, name in enumerate(DESCRIPTIONS):
        desc = getattr(metadata, name)
        if desc is None or not desc.national_number_pattern:
            masks.append("-")
            continue
        lengths = desc.possible_length
        masks.append("%x" % (length_mask(lengths) if lengths else (1 << (MAX_NSN_LENGTH + 1)) - 1))
    general = metadata.general_desc
    if not general.possible_length or general.possible_length[0] < 0:
        raise ValueError("%s: general description without possible lengths" % region_id)
    dfa = TaggedDFA(region_patterns(metadata))
    accepts, rows = dfa_rows(dfa)
    fields = [
        "R", region_id, str(metadata.country_code),
        "1" if metadata.same_mobile_and_fixed_line_pattern else "0",
        prefixes.ref(metadata.international_prefix),
        prefixes.ref(metadata.national_prefix_for_parsing),
        transform_tokens(metadata.national_prefix_transform_rule),
        prefixes.ref(metadata.leading_digits),
        "%x" % length_mask(general.possible_length_local_only),
        ",".join(masks), accepts, rows,
    ]
    return "|".join(fields)


def carrier_lines():
    names, name_index, entries = [], {}, []
    for prefix in sorted(CARRIER_DATA, key=lambda p: (len(p), p)):
        name = CARRIER_DATA[prefix].get("en")
        if not name:
            continue
        if "|" in name or "\n" in name or " " == name[:1]:
            raise ValueError("carrier name %r cannot be stored" % name)
        if name not in name_index:
            name_index[name] = len(names)
            names.append(name)
        entries.append("%s:%d" % (prefix, name_index[name]))
    lines = ["N|" + "|".join(names)]
    chunk = 2000
    for start in range(0, len(entries), chunk):
        lines.append("K|" + ",".join(entries[start:start + chunk]))
    return lines


def payload_lines():
    prefixes = PrefixTable()
    regions = [region_record(metadata, region_id, prefixes) for region_id, metadata in all_metadata()]
    calling_codes = []
    for code in sorted(COUNTRY_CODE_TO_REGION_CODE):
        calling_codes.append("%d:%s" % (code, ",".join(COUNTRY_CODE_TO_REGION_CODE[code])))
    lines = ["C|" + " ".join(calling_codes)]
    lines += prefixes.lines
    lines += regions
    lines += carrier_lines()
    return lines


SWIFT_TEMPLATE = '''// Generated by Scripts/phone_metadata/generate.py from libphonenumber's data as
// published in the PyPI package `phonenumbers` {version}. Do not edit: re-run the
// generator (see docs/PHONE_NUMBERS.md). Record layout: `MetadataTables+Decoding.swift`.

extension MetadataPayload {{
    /// The `phonenumbers` release this payload was generated from.
    static let sourceVersion = "{version}"
    /// FNV-1a 64 of `text`, computed by the generator; a test recomputes it.
    static let checksum: UInt64 = 0x{checksum:016x}
    /// One record a line; decoded once, at first use, by `MetadataTables`.
    static let text = #"""
{body}
"""#
}}
'''


def write_payload(lines):
    text = "\n".join(lines)
    if '"""#' in text:
        raise ValueError("payload would end the raw string literal")
    source = SWIFT_TEMPLATE.format(
        version=phonenumbers.__version__, checksum=fnv1a64(text), body=text,
    )
    os.makedirs(os.path.dirname(PAYLOAD_PATH), exist_ok=True)
    with open(PAYLOAD_PATH, "w", encoding="utf-8") as handle:
        handle.write(source)
    return len(text)


def main():
    self_check((region_id, metadata, region_patterns(metadata)) for region_id, metadata in all_metadata())
    size = write_payload(payload_lines())
    records = corpus.build()
    os.makedirs(os.path.dirname(CORPUS_PATH), exist_ok=True)
    corpus.write(CORPUS_PATH, records, phonenumbers.__version__)
    print("phonenumbers %s: payload %d bytes, corpus %d records" % (phonenumbers.__version__, size, len(records)))


if __name__ == "__main__":
    main()
