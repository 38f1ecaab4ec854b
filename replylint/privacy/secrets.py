"""Secrets: the value of a password, PIN, passcode, one-time/verification code or CVV.

A secret is only a secret next to its keyword: "1234" alone is nothing, "your PIN
is 1234" is a leak. The keyword is the trigger, so replies without one cost a
single search.
"""
from __future__ import annotations

import regex

from replylint.privacy.masking import mask_secret
from replylint.privacy.matches import PiiMatch

# Linking words between keyword and value: "is", "has been reset to", ":".
_LINK = (r"(?:\s*(?::|=|(?:is|was|now|will\s+be|has\s+been|(?:re)?set\s+to|changed\s+to|"
         r"reads|of)\b)){0,3}\s*[\"'“‘]?")
_DIGIT_SECRET = regex.compile(
    r"(?P<keyword>\bPIN(?:\s+(?:code|number))?|\b(?i:pin\s+(?:code|number))|"
    r"\b(?i:one[\s\-]time\s+(?:passcode|password|code|pin)|otp|verification\s+code|"
    r"security\s+code|authentication\s+code|auth\s+code|access\s+code|2fa\s+code|"
    r"login\s+code|sms\s+code|passcode))" + _LINK + r"(?P<value>\d{4,8})(?![\w\-/]|[.,]\d)"
)
_CARD_CODE = regex.compile(
    r"(?P<keyword>\b(?i:cvv2?|cvc2?|cv2|cid|card\s+security\s+code|security\s+number))"
    + _LINK + r"(?P<value>\d{3,4})(?![\w\-/]|[.,]\d)"
)
_PASSWORD = regex.compile(
    r"(?P<keyword>\b(?i:(?:temporary\s+|temp\s+|new\s+|one[\s\-]time\s+)?(?:password|passphrase|pwd)))"
    + _LINK + r"(?P<value>[A-Za-z0-9][^\s\"'”’]{3,63})"
)
_TRIGGER = regex.compile(
    r"\b(?:pin|otp|passcode|password|passphrase|pwd|code|cvv2?|cvc2?|cv2|cid|security\s+number)\b",
    regex.IGNORECASE,
)
# "password is 8-characters long", "password at https://…": descriptions, not values.
# "password was changed.^JRA": an ordinary word ending a sentence, not a value.
_NOT_A_PASSWORD = regex.compile(
    r"^(?:\d+[\-+]?(?:char|digit|letter|number|symbol)|https?:|www\.|(?-i:[a-z]{3,})[.!?,;:])",
    regex.IGNORECASE,
)


def password_like(value: str) -> bool:
    """A password value mixes letters with digits, or is long with case and symbols."""
    if _NOT_A_PASSWORD.match(value):
        return False
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    if has_digit and has_alpha and len(value) >= 6:
        return True
    has_symbol = any(not c.isalnum() for c in value)
    mixed_case = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
    return len(value) >= 8 and has_symbol and mixed_case and "-" not in value


_STEMS = ("pin", "otp", "pass", "pwd", "code", "cvv", "cvc", "cv2", "cid", "security")


def find_secrets(text: str) -> "list[PiiMatch]":
    lower = text.lower()
    if not any(stem in lower for stem in _STEMS) or _TRIGGER.search(text) is None:
        return []
    found = []
    for pattern, check in ((_DIGIT_SECRET, "digits"), (_CARD_CODE, "digits"), (_PASSWORD, "password")):
        for m in pattern.finditer(text):
            value, end = m["value"], m.end("value")
            if check == "password":
                stripped = value.rstrip(".,;:!?)")
                end -= len(value) - len(stripped)
                if not password_like(stripped):
                    continue
            keyword = " ".join(m["keyword"].split())
            label = keyword if keyword.isupper() else keyword.lower()
            masked, replacement = mask_secret(label)
            found.append(PiiMatch("secret", m.start("value"), end, masked,
                                  f"value next to the keyword '{label}'", replacement))
    return found
