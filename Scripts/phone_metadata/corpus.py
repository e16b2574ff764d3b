"""The agreement corpus: inputs with libphonenumber's (Python's) answers.

Every region x number type example number, in E.164, international, national
and dialled-from-abroad forms, plus mutated numbers (a digit changed, dropped,
added, random digits in the same country) and junk. Each record holds the
input, the default region it is parsed with, the record's class and Python's
answer; `PhoneNumbersTests` parses every input and compares.
"""

import json
import random

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, carrier
from phonenumbers.phonenumberutil import COUNTRY_CODES_FOR_NON_GEO_REGIONS, SUPPORTED_REGIONS

TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "unknown",
}
DIALLED_FROM = ["US", "DE", "JP", "AU", "BR", "RU"]

JUNK = [
    "", " ", "+", "++", "+0", "+00", "12", "1", "abc", "+44 abc", "hello 555",
    "+44 7700 900123 ext. 45", "+1 650 253 0000 x123", "+1 650-253-0000 #77",
    "+1 (650) 253-0000;ext=99", "tel:+1-650-253-0000", "tel:+44-20-7031-3000;isub=12",
    "+1-800-FLOWERS", "1-800-FLOWERS", "+44 (0) 20 7031 3000", "+44 0 20 7031 3000",
    "(+44) 20 7031 3000", "+１ ６５０ ２５３ ００００", "+٤٤ ٢٠ ٧٠٣١ ٣٠٠٠",
    "+999 1234567", "+800 1234 5678", "+882 1234 5678", "+44 12", "+44 1234567890123456789",
    "++44 20 7031 3000", "+44+20", "00", "0044", "+44 ---", "+-", "#", "*123#",
    "+1 650 253 0000/x999", "+1.650.253.0000", "+1 650 253 0000.", "  +1 650 253 0000  ",
    "+41 (0) 78 927 2696", "0041 78 927 2696", "+7 (495) 123-45-67", "8 (495) 123-45-67",
    "+86 10 1234 5678", "+33 1 23 45 67 89", "+49 (0)30 1234567", "+1 (242) 357-1234",
    "+44 20 7031 3000 extension 12", "+44 20 7031 3000 ext:12", "+44 20 7031 3000,,12",
    "+44 20 7031 3000;12", "+44 20 7031 3000 , 12", "+1 650 253 0000 - 503#", "+1 650 253 0000 int 12",
    "+7 495 123 45 67 доб. 123", "+34 91 123 45 67 anexo 12", "Tel: +44 20 7031 3000", "tel: +44 20 7031 3000",
    "call +44 20 7031 3000", "+44 20 7031 3000 x1234567890", "+44 20 7031 3000 #", "+44 (20) 7031-3000 / x12",
    "00 44 20 7031 3000", "+44.20.7031.3000", "+44/20/7031/3000", "+44 20 7031 3000!", "+44 20 7031 3000 abc",
    "+44 20 7031 3000 EXT. 99", "+44 20 7031 3000 ｅｘｔ 99", "+44 20 7031 3000 xt 99", "(+1) 650 253 0000",
    "+1 650 253 0000 ext", "+1 650 253 0000 x", "+44\t20 7031 3000", "+44 20 7031 3000 @home", "+44 20 7031 3000 ☎",
    "tel:+44-20-7031-3000;phone-context=+44", "tel:7031-3000;phone-context=+44-20", "tel:7031 3000;phone-context=",
    "+44_20_7031_3000", "+44 20 7031 3000_", "+44-20-7031-3000.", "*+44 20 7031 3000", "(0) +44 20 7031 3000",
]
JUNK_WITH_REGION = [
    ("07700 900123", "GB"), ("020 7031 3000", "GB"), ("(650) 253-0000", "US"), ("650 253 0000", None),
    ("1 650 253 0000", "US"), ("011 44 20 7031 3000", "US"), ("00 44 20 7031 3000", "DE"),
    ("0011 44 20 7031 3000", "AU"), ("8 800 555 35 35", "RU"), ("810 44 20 7031 3000", "RU"),
    ("0 800 555 3535", "RU"), ("15 1234 5678", "AR"), ("011 15 2345 6789", "AR"), ("0 11 15 2345 6789", "AR"),
    ("(21) 98765 4321", "BR"), ("0 21 98765 4321", "BR"), ("0 21 21 98765 4321", "BR"),
    ("0800 123 4567", "DE"), ("030 1234567", "DE"), ("090-1234-5678", "JP"), ("0120 123 456", "JP"),
    ("12 345 678", "ZZ"), ("12 345 678", "XX"), ("07797 123456", "JE"), ("01624 756789", "IM"),
    ("441481 712345", "GG"), ("447700 900123", "GB"), ("123", "GB"), ("1", "GB"), ("99", "US"),
    ("4412", "GB"), ("00 800 1234 5678", "FR"), ("00 1 242 357 1234", "FR"), ("0 8 8123 4567", "CX"),
    ("tel:2070313000;phone-context=example.com", "GB"), ("tel:2070313000;phone-context=-bad-", "GB"),
    ("+0044 20 7031 3000", "DE"), ("+0044 20 7031 3000", None), ("+011 44 20 7031 3000", "US"),
    ("00 0 44", "DE"), ("0044", "DE"), ("00 44 2", "DE"), ("7700 900123", "gb"), ("020 7031 3000 x12", "GB"),
    ("1 800 555 0199", "US"), ("1-800-555-0199", "CA"), ("(242) 357-1234", "US"), ("345 949 1234", "KY"),
    ("0 7797 123456", "GG"), ("12", "US"), ("123", "US"), ("0", "US"), ("00", "US"), ("011", "US"),
]


def answer(text, region):
    """Python's answer for one input, as the corpus stores it."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        return {"ok": False, "error": str(error.error_type)}
    except Exception as error:  # noqa: BLE001 - recorded, never expected
        return {"ok": False, "error": "exception " + type(error).__name__}
    number_type = phonenumbers.number_type(number)
    return {
        "ok": True,
        "e164": phonenumbers.format_number(number, PhoneNumberFormat.E164),
        "valid": phonenumbers.is_valid_number(number),
        "country": phonenumbers.region_code_for_number(number),
        "country_code": number.country_code,
        "type": TYPE_NAMES[number_type],
        "carrier": carrier.name_for_number(number, "en") or None,
    }


def example_numbers():
    for region in sorted(SUPPORTED_REGIONS):
        for number_type in TYPE_NAMES:
            if number_type == PhoneNumberType.UNKNOWN:
                continue
            number = phonenumbers.example_number_for_type(region, number_type)
            if number is not None:
                yield region, number
    for code in sorted(COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        number = phonenumbers.example_number_for_non_geo_entity(code)
        if number is not None:
            yield None, number


EXTENSION_BASES = ["+44 20 7031 3000", "+1 650 253 0000", "(650) 253-0000", "+49 30 1234567"]
EXTENSION_LABELS = ["ext", "ext.", "EXT", "extn", "extension", "extensión", "xt", "x", "X", "#", "~", "int",
                    "anexo", "доб", "ｅｘｔ", "ｘ", ";ext=", ",", ",,", ";", "-", "- ", " ", "/x"]
EXTENSION_GAPS = ["", " ", "  ", ", ", "\t"]
PUNCTUATION = [" ", "-", ".", "(", ")", "/", "\u2010", "\u2212", "\u30fc", "\uff0d", "\u00a0", "\u3000",
               "[", "]", "~", "*", "\u200b", "\u00ad", "\uff08", "\uff09"]


def extension_forms(rng):
    """A number, a gap, an extension label, digits of several lengths, sometimes '#'."""
    forms = []
    for base in EXTENSION_BASES:
        region = "US" if base.startswith("(") else None
        for label in EXTENSION_LABELS:
            for _ in range(4):
                gap = rng.choice(EXTENSION_GAPS)
                after = rng.choice(["", " ", ": ", ". ", "-"])
                digits = "".join(str(rng.randrange(10)) for _ in range(rng.choice([1, 3, 6, 7, 9, 10, 15, 16, 20, 21])))
                hash_sign = rng.choice(["", "", "#"])
                forms.append(("extension_form", base + gap + label + after + digits + hash_sign, region))
    return forms


def punctuated_forms(rng):
    """Example numbers with random punctuation between their digits."""
    forms = []
    for region in sorted(SUPPORTED_REGIONS)[::2]:
        number = phonenumbers.example_number(region)
        if number is None:
            continue
        digits = phonenumbers.format_number(number, PhoneNumberFormat.E164)[1:]
        for _ in range(4):
            text = "+" if rng.random() < 0.8 else rng.choice(["00", "+", "\uff0b", "(+"])
            for digit in digits:
                if rng.random() < 0.35:
                    text += rng.choice(PUNCTUATION)
                text += digit
            if rng.random() < 0.2:
                text += rng.choice(PUNCTUATION)
            forms.append(("punctuated", text, rng.choice([None, region, "US"])))
    return forms


def build():
    rng = random.Random(20261129)
    inputs = []
    seen_e164 = set()
    for region, number in example_numbers():
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if (e164, region) in seen_e164:
            continue
        seen_e164.add((e164, region))
        inputs.append(("example_e164", e164, None))
        inputs.append(("example_international", phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL), None))
        if region is not None:
            inputs.append(("example_national", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL), region))
            dialled_from = rng.choice(DIALLED_FROM)
            inputs.append(("example_dialled_from_abroad",
                           phonenumbers.format_out_of_country_calling_number(number, dialled_from), dialled_from))
        digits = e164[1:]
        code_length = len(str(number.country_code))
        national = digits[code_length:]
        changed = national[:-1] + str((int(national[-1]) + 1) % 10)
        inputs.append(("mutated_digit_changed", "+" + digits[:code_length] + changed, None))
        inputs.append(("mutated_digit_dropped", "+" + digits[:-1], None))
        inputs.append(("mutated_digit_added", "+" + digits + str(rng.randrange(10)), None))
        random_national = "".join(str(rng.randrange(10)) for _ in national)
        inputs.append(("mutated_random_digits", "+" + digits[:code_length] + random_national, None))
        if region is not None:
            inputs.append(("mutated_random_national", "0" + random_national, region))
            inputs.append(("code_without_plus", digits, region))
            national_digits = "".join(c for c in phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL) if c.isdigit())
            inputs.append(("national_prefix_after_code", "+%d %s" % (number.country_code, national_digits), None))
    regions = sorted(SUPPORTED_REGIONS)
    for _ in range(3000):
        length = rng.randrange(2, 16)
        text = "".join(str(rng.randrange(10)) for _ in range(length))
        inputs.append(("random_national", text, rng.choice(regions)))
    for _ in range(3000):
        length = rng.randrange(3, 18)
        text = "+" + "".join(str(rng.randrange(10)) for _ in range(length))
        inputs.append(("random_international", text, rng.choice(regions + [None] * 40)))
    inputs += extension_forms(rng)
    inputs += punctuated_forms(rng)
    for text in JUNK:
        inputs.append(("junk", text, None))
    for text, region in JUNK_WITH_REGION:
        inputs.append(("junk_with_region", text, region))
    records = []
    for kind, text, region in inputs:
        record = {"class": kind, "input": text, "region": region}
        record.update(answer(text, region))
        records.append(record)
    return records


def write(path, records, version):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"source": "phonenumbers", "version": version, "records": len(records)}) + "\n")
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
