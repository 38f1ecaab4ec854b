"""A labelled set of synthetic customer-service replies for the privacy benchmark.

Every reply is invented here from templates and random values (no corpus text):
customer personal data that must be flagged (cards, IBANs, bank details, phones,
emails, SSNs, NINOs, dates of birth, addresses, secrets), look-alikes that must not
be (brand hotlines, support addresses, order/ticket/tracking numbers, prices, dates,
times, versions, SKUs, greeting names) and requests for data (in public, by DM,
safety notices, secrets). Each case carries labelled spans, so two detectors can be
scored on the same texts.

Values are valid by construction (Luhn, mod-97, SSN/NINO allocation rules, real
phone ranges), independently of replylint's own validators.

    from pii_generator import generate
    cases = generate(2000, seed=7)
"""
from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

PUBLIC_CHANNELS = ("twitter", "facebook", "instagram")
PRIVATE_CHANNELS = ("email", "chat", "sms")
NAMES = ("Maria", "Tom", "Priya", "Kwame", "Sofia", "Liam", "Chen", "Aisha", "Jonas", "Elena")
AGENTS = ("^JS", "- Sam", "Thanks, Priya", "/AK", "Cheers, Dan", "")
FILLERS = (
    "Sorry for the trouble.", "Thanks for bearing with us.", "Let us know if anything else comes up.",
    "We're on it.", "Hope that helps!", "Thanks for flagging this.",
)


@dataclass
class Label:
    category: str         # row of the agreement table, e.g. "card" or "brand hotline"
    should_flag: bool     # customer data / a request that should be flagged
    start: int
    end: int


@dataclass
class Case:
    text: str
    channel: str
    labels: list = field(default_factory=list)


# --------------------------------------------------------------------- values
def luhn_complete(body: str) -> str:
    for d in "0123456789":
        digits = body + d
        total = 0
        for i, ch in enumerate(reversed(digits)):
            n = int(ch) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return digits
    raise AssertionError("a check digit always exists")


def card_number(rng: random.Random) -> str:
    prefix, length = rng.choice([
        ("4", 16), ("51", 16), ("55", 16), (str(rng.randint(2221, 2720)), 16), ("34", 15),
        ("37", 15), ("6011", 16), ("65", 16), (str(rng.randint(3528, 3589)), 16), ("36", 14),
    ])
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    digits = luhn_complete(body)
    sep = rng.choice([" ", "-", ""])
    if length == 15:
        return sep.join([digits[:4], digits[4:10], digits[10:]])
    if length == 14:
        return sep.join([digits[:4], digits[4:10], digits[10:]])
    return sep.join(digits[i:i + 4] for i in range(0, length, 4))


def iban(rng: random.Random) -> str:
    country, bban = rng.choice([
        ("GB", "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
         + "".join(rng.choice(string.digits) for _ in range(14))),
        ("DE", "".join(rng.choice(string.digits) for _ in range(18))),
        ("NL", "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
         + "".join(rng.choice(string.digits) for _ in range(10))),
        ("ES", "".join(rng.choice(string.digits) for _ in range(20))),
        ("FR", "".join(rng.choice(string.digits) for _ in range(23))),
    ])
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    compact = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    if rng.random() < 0.3:
        return compact
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def us_phone(rng: random.Random) -> str:
    area = rng.choice((212, 312, 415, 617, 206, 303, 404, 503, 702, 713, 305, 646))
    exchange = rng.choice([e for e in range(201, 999) if e % 100 != 11 and e != 555])
    line = digits(rng, 4)
    return rng.choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                       f"{area}.{exchange}.{line}", f"+1 {area} {exchange} {line}"])


def uk_mobile(rng: random.Random) -> str:
    rest = rng.choice(("74", "75", "78", "79")) + digits(rng, 7)
    return rng.choice([f"07{rest[:3]} {rest[3:]}", f"+44 7{rest[:3]} {rest[3:]}", f"07{rest}"])


def foreign_phone(rng: random.Random) -> str:
    return rng.choice([f"+33 6 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
                       f"+61 4{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 3)}"])


def ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def nino(rng: random.Random) -> str:
    while True:
        prefix = rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
        if prefix not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    d = digits(rng, 6)
    suffix = rng.choice("ABCD")
    return rng.choice([f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {suffix}", f"{prefix}{d}{suffix}"])


def birth_date(rng: random.Random) -> str:
    year, month, day = rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28)
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    return rng.choice([f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}-{day:02d}",
                       f"{day} {months[month - 1]} {year}", f"{months[month - 1]} {day}, {year}"])


def address(rng: random.Random) -> str:
    number = rng.randint(1, 999)
    street = rng.choice(("Maple", "Station", "Church", "Oak Tree", "Victoria", "Mill", "Park View"))
    kind = rng.choice(("Street", "Road", "Avenue", "Lane", "Drive", "Close"))
    if rng.random() < 0.5:
        city, state = rng.choice((("Springfield", "IL"), ("Austin", "TX"), ("Salem", "OR"), ("Dover", "DE")))
        return f"{number} {street} {kind}, {city}, {state} {digits(rng, 5)}"
    area = rng.choice(("M", "B", "LS", "SW", "EC", "BS", "G", "EH", "CF", "NE"))
    postcode = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    city = rng.choice(("Leeds", "Bristol", "Glasgow", "Cardiff", "Manchester", "London"))
    return f"{number} {street} {kind}, {city} {postcode}"


def password(rng: random.Random) -> str:
    word = rng.choice(("Sunset", "Harbor", "Maple", "Falcon", "River"))
    return f"{word}{rng.randint(10, 9999)}{rng.choice('!#$%')}"


# ------------------------------------------------------------------ categories
# Each entry: category -> (should_flag, builder returning (sentence, value to label)).
# A sentence holds "{v}" where the labelled value goes; request sentences label the
# whole sentence ("{v}" is the sentence itself).
def _customer_data(rng):
    return {
        "card": ("Your card {v} has been charged twice, a refund is on its way.", card_number(rng)),
        "iban": ("The refund goes to {v} within three working days.", iban(rng)),
        "bank_account": ("We'll pay the refund by bank transfer to account number {v} today.", digits(rng, 8)),
        "sort_code": ("The sort code we hold is {v}, is that right?",
                      f"{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 2)}"),
        "phone": (rng.choice(("We'll call you back on {v} this afternoon.",
                              "Is {v} still the best number to reach you?",
                              "Our courier will text you at {v} before delivery.")),
                  rng.choice((us_phone(rng), uk_mobile(rng), foreign_phone(rng)))),
        "email": ("We've sent the receipt to {v} just now.",
                  f"{rng.choice(NAMES).lower()}.{rng.choice(('k', 'smith', 'lee', '88'))}"
                  f"@{rng.choice(('gmail.com', 'outlook.com', 'yahoo.co.uk', 'icloud.com'))}"),
        "ssn": ("The SSN on the application is {v}, please double-check it.", ssn(rng)),
        "nino": ("Your National Insurance number {v} is on the claim.", nino(rng)),
        "date_of_birth": (rng.choice(("We have your date of birth as {v}.", "DOB on file: {v}.",
                                      "The passenger was born on {v}.")), birth_date(rng)),
        "address": ("The parcel was delivered to {v} at noon.", address(rng)),
        "secret": rng.choice((("Your temporary password is {v}, please change it.", password(rng)),
                              ("Your new PIN is {v} and it works from tomorrow.", digits(rng, 4)),
                              ("Use verification code {v} to finish signing in.", digits(rng, 6)))),
    }


def _look_alikes(rng):
    hotline = rng.choice((f"1-800-{rng.randint(200, 999)}-{digits(rng, 4)}",
                          f"1 (888) {rng.randint(200, 999)}-{digits(rng, 4)}",
                          f"0800 {digits(rng, 3)} {digits(rng, 4)}", f"0345 {digits(rng, 3)} {digits(rng, 4)}",
                          f"0330 {digits(rng, 3)} {digits(rng, 4)}"))
    return {
        "brand hotline": (rng.choice(("Call us free on {v}, we're open till 8pm.",
                                      "You can reach the team on {v} any time.")), hotline),
        "company line (call us on)": ("Please give us a call at {v} and we'll sort it.",
                                      rng.choice((f"+44 20 7946 0{digits(rng, 3)}", us_phone(rng)))),
        "support email": ("Email {v} with the photos and we'll take it from there.",
                          f"{rng.choice(('support', 'help', 'care', 'customercare'))}@"
                          f"{rng.choice(('acme.com', 'shopfast.co.uk', 'flyhigh.com'))}"),
        "order number": ("Your order {v} has been dispatched.",
                         rng.choice((f"#{digits(rng, 8)}", digits(rng, 10),
                                     luhn_complete("4" + digits(rng, 14))))),
        "ticket/case number": (rng.choice(("I've opened ticket {v} for you.", "Your case number is {v}.")),
                               rng.choice((digits(rng, 9), f"{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 4)}",
                                           f"0{digits(rng, 10)}"))),
        "tracking number": ("Tracking number {v} shows it out for delivery.",
                            rng.choice((f"1Z{digits(rng, 3)}AA{digits(rng, 10)}",
                                        " ".join(digits(rng, 4) for _ in range(5)) + f" {digits(rng, 2)}"))),
        "price": ("The total comes to {v} including delivery.",
                  rng.choice((f"${rng.randint(1, 9)},{digits(rng, 3)}.{digits(rng, 2)}",
                              f"£{rng.randint(10, 999)}.{digits(rng, 2)}", f"USD {rng.randint(1000, 9999)}.{digits(rng, 2)}"))),
        "delivery date": ("It will arrive on {v} between 9am and 1pm.",
                          rng.choice((f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025",
                                      f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                      f"March {rng.randint(1, 28)}, 2025"))),
        "time": ("The engineer arrives at {v} tomorrow.", f"{rng.randint(7, 18)}:{rng.choice(('00', '15', '30', '45'))}"),
        "version": ("Please update to {v} and restart the app.",
                    rng.choice((f"iOS {rng.randint(15, 18)}.{rng.randint(0, 6)}.{rng.randint(1, 9)}",
                                f"version {rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{digits(rng, 4)}"))),
        "SKU": ("SKU {v} is back in stock.",
                rng.choice((f"AB{digits(rng, 6)}C", f"{digits(rng, 2)}-{digits(rng, 3)}-{digits(rng, 3)}",
                            luhn_complete("400638" + digits(rng, 6))))),
    }


def _requests(rng):
    noun = rng.choice(("account number", "full card number", "date of birth", "home address",
                       "phone number", "email address", "sort code"))
    secret = rng.choice(("PIN", "password", "CVV", "one-time code", "security code"))
    return {
        "request in public": (True, rng.choice((f"Please reply with your {noun} and we'll check.",
                                                f"Could you tweet us your {noun}?",
                                                f"What's your {noun}?",
                                                f"Kindly provide your {noun} to proceed."))),
        "request by DM": (False, rng.choice((f"Please DM us your {noun} so we can check.",
                                             f"Send us a private message with your {noun}.",
                                             f"Can you share your {noun} through our secure form?"))),
        "safety notice": (False, rng.choice((f"We will never ask for your {secret}.",
                                             "Please don't share your card details here.",
                                             f"No {secret} or account numbers please.",
                                             f"Never share your {secret} with anyone."))),
        "secret request": (True, rng.choice((f"Please DM us your {secret} so we can log in.",
                                             f"Tell us your {secret} and we'll verify you.",
                                             f"Can you confirm your {secret} for me?"))),
    }


def _compose(rng: random.Random, sentence: str, value: str, channel: str, category: str,
             should_flag: bool) -> Case:
    greeting_name = rng.choice(NAMES)
    head = rng.choice((f"Hi {greeting_name}, ", f"Hello {greeting_name}! ", "@" + digits(rng, 6) + " ", ""))
    filler = rng.choice(FILLERS)
    sign = rng.choice(AGENTS)
    before = f"{head}{filler} " if rng.random() < 0.5 else head
    body = sentence.replace("{v}", value) if "{v}" in sentence else sentence
    start = len(before) + (sentence.index("{v}") if "{v}" in sentence else 0)
    end = start + (len(value) if "{v}" in sentence else len(sentence))
    text = f"{before}{body} {sign}".rstrip()
    labels = [Label(category, should_flag, start, end)]
    if head.startswith(("Hi ", "Hello ")):
        at = text.index(greeting_name)
        labels.append(Label("greeting name", False, at, at + len(greeting_name)))
    return Case(text, channel, labels)


def generate(n: int = 2000, seed: int = 7) -> "list[Case]":
    """``n`` labelled replies: about 40% customer data, 40% look-alikes, 20% requests."""
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        roll = i % 10
        if roll < 4:
            category, (sentence, value) = rng.choice(list(_customer_data(rng).items()))
            cases.append(_compose(rng, sentence, value, rng.choice(PUBLIC_CHANNELS + PRIVATE_CHANNELS),
                                  category, True))
        elif roll < 8:
            category, (sentence, value) = rng.choice(list(_look_alikes(rng).items()))
            cases.append(_compose(rng, sentence, value, rng.choice(PUBLIC_CHANNELS + PRIVATE_CHANNELS),
                                  category, False))
        else:
            category, (should_flag, sentence) = rng.choice(list(_requests(rng).items()))
            # Public-data requests are judged on public channels, where RL802 applies.
            cases.append(_compose(rng, sentence, "", rng.choice(PUBLIC_CHANNELS), category, should_flag))
    return cases


if __name__ == "__main__":
    for case in generate(12, seed=1):
        marks = ", ".join(f"{l.category}{'' if l.should_flag else ' (no)'}: {case.text[l.start:l.end]!r}"
                          for l in case.labels)
        print(f"[{case.channel}] {case.text}\n    {marks}")
